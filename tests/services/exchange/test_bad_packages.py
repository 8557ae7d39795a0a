"""Every kind of bad package is refused with its reason, and the database stays as it was.

Each case is applied for real (not as a dry run) against the street that registered the
community; the whole street database (every table, audit log included) is hashed before and
after. ``verify`` refuses the same way.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from djdesk.formats.exchange.errors import PackageRefusedError, RefusalKind
from djdesk.services.exchange.export import export_records
from djdesk.services.exchange.importing import import_package
from djdesk.services.exchange.keys import ensure_site_key
from djdesk.services.exchange.verify import verify_package
from tests.helpers.exchange import (
    ACTOR,
    SECOND_COMMUNITY,
    edit_lines,
    new_site,
    read_package,
    rewrite_package,
    site_key,
    state,
    write_zip,
)
from tests.services.exchange.conftest import World


def refused(world: World, package: Path, kind: RefusalKind, passphrase: str | None = None) -> str:
    """Import ``package`` at the street: refused as ``kind``, nothing changed. The reason."""
    before = state(world.street.file)
    with pytest.raises(PackageRefusedError) as caught:
        import_package(
            world.street.paths, world.street.db, package, passphrase=passphrase, actor=ACTOR
        )
    assert caught.value.refusal == kind, caught.value.message
    assert state(world.street.file) == before
    with pytest.raises(PackageRefusedError) as again:
        verify_package(world.street.paths, world.street.db, package, passphrase=passphrase)
    assert again.value.refusal == kind
    assert state(world.street.file) == before
    assert not list((world.street.paths.data_dir / "exchange" / "work").glob("*"))
    assert package.name in caught.value.message
    return caught.value.message


def forged(
    world: World,
    name: str,
    *,
    members: Callable[[dict[str, bytes]], None] | None = None,
    manifest: Callable[[dict[str, object]], None] | None = None,
) -> Path:
    """The community's package, edited and re-signed with the community's own key."""
    return rewrite_package(
        world.package,
        world.root / name,
        private_key=site_key(world.community),
        members=members,
        manifest=manifest,
    )


def test_the_untouched_package_is_accepted(world: World) -> None:
    result = import_package(world.street.paths, world.street.db, world.package, actor=ACTOR)
    assert result.applied and result.total("new") > 0


def test_truncated_zip(world: World) -> None:
    data = world.package.read_bytes()
    cut = world.root / "truncated.zip"
    cut.write_bytes(data[: len(data) // 2])
    assert "不是完整的 ZIP 压缩包" in refused(world, cut, RefusalKind.DAMAGED)


def test_corrupt_zip_data(world: World) -> None:
    data = bytearray(world.package.read_bytes())
    with zipfile.ZipFile(world.package) as archive:
        info = archive.getinfo("tables/member.jsonl")
    middle = info.header_offset + 60 + info.compress_size // 2
    for i in range(middle, middle + 40):
        data[i] ^= 0x5A
    bad = world.root / "corrupt.zip"
    bad.write_bytes(bytes(data))
    reason = refused(world, bad, RefusalKind.DAMAGED)
    assert "member.jsonl" in reason


def test_not_a_zip_at_all(world: World) -> None:
    bad = world.root / "notes.zip"
    bad.write_bytes("这不是数据包".encode() * 100)
    refused(world, bad, RefusalKind.DAMAGED)


def test_checksum_mismatch(world: World) -> None:
    def change_a_name(files: dict[str, bytes]) -> None:
        # same length: only the checksum can tell
        files["tables/member.jsonl"] = files["tables/member.jsonl"].replace(
            "汉族".encode(), "回族".encode(), 1
        )

    bad = rewrite_package(
        world.package,
        world.root / "sum.zip",
        private_key=None,
        members=change_a_name,
        recompute=False,
    )
    assert "SHA-256" in refused(world, bad, RefusalKind.CHECKSUM)


def test_manifest_changed_after_signing(world: World) -> None:
    def backdate(data: dict[str, object]) -> None:
        data["created_at"] = "2020-01-01T00:00:00.000000Z"

    bad = rewrite_package(
        world.package, world.root / "sig.zip", private_key=None, manifest=backdate
    )
    assert "签名无效" in refused(world, bad, RefusalKind.SIGNATURE)


def test_signed_with_another_key(world: World) -> None:
    stranger = new_site(world.root / "stranger", SECOND_COMMUNITY)
    try:
        ensure_site_key(stranger.paths, stranger.db, actor=ACTOR)
        bad = rewrite_package(
            world.package, world.root / "other.zip", private_key=site_key(stranger)
        )
    finally:
        stranger.close()
    refused(world, bad, RefusalKind.SIGNATURE)


def test_missing_signature(world: World) -> None:
    files = read_package(world.package)
    del files["manifest.sig"]
    bad = write_zip(world.root / "unsigned.zip", files)
    assert "没有签名" in refused(world, bad, RefusalKind.SIGNATURE)


def test_unknown_sender(world: World) -> None:
    stranger = new_site(world.root / "stranger", SECOND_COMMUNITY, members=3, seed=2)
    try:
        package = world.root / "stranger-1.zip"
        export_records(stranger.paths, stranger.db, package, actor=ACTOR)
    finally:
        stranger.close()
    assert "未在本机登记" in refused(world, package, RefusalKind.UNKNOWN_SENDER)


def test_records_of_a_foreign_origin(world: World) -> None:
    def foreign(files: dict[str, bytes]) -> None:
        edit_lines(
            files,
            "grid",
            lambda lines: [
                lines[0].replace('"origin":"511502003012"', '"origin":"511502003015"'),
                *lines[1:],
            ],
        )

    reason = refused(
        world, forged(world, "foreign.zip", members=foreign), RefusalKind.FOREIGN_ORIGIN
    )
    assert "511502003015" in reason


def test_a_community_forwarding_others(world: World) -> None:
    def claim(data: dict[str, object]) -> None:
        data["communities"] = [{"code": "511502003015", "name": "南岸社区", "level": "社区"}]

    refused(world, forged(world, "claims.zip", manifest=claim), RefusalKind.FOREIGN_ORIGIN)


def test_future_format_version(world: World) -> None:
    def newer(data: dict[str, object]) -> None:
        data["format_version"] = 2

    assert "升级" in refused(
        world, forged(world, "v2.zip", manifest=newer), RefusalKind.NEWER_FORMAT
    )


def test_future_schema_revision(world: World) -> None:
    def newer(data: dict[str, object]) -> None:
        data["schema_revision"] = "9999"

    reason = refused(world, forged(world, "schema.zip", manifest=newer), RefusalKind.NEWER_SCHEMA)
    assert "9999" in reason


def test_invalid_json_in_a_line(world: World) -> None:
    def broken(files: dict[str, bytes]) -> None:
        edit_lines(files, "member", lambda lines: [*lines[:3], lines[3][:-5], *lines[4:]])

    reason = refused(world, forged(world, "json.zip", members=broken), RefusalKind.BAD_RECORD)
    assert "member.jsonl”第 4 行" in reason and "JSON" in reason


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("version", "3", "应为整数"),
        ("checked_in_on", "2026/01/01", "YYYY-MM-DD"),
        ("updated_at", "2026-01-01 08:00:00", "UTC"),
        ("member_uid", 12, "记录标识"),
        ("status", None, "不能为空"),
        ("status", 7, "应为文字"),
        ("posts", "x" * 5000, None),
    ],
)
def test_wrong_type_in_a_line(world: World, field: str, value: object, words: str | None) -> None:
    def wrong(files: dict[str, bytes]) -> None:
        def edit(lines: list[str]) -> list[str]:
            record = json.loads(lines[1])
            record[field] = value
            return [lines[0], json.dumps(record, ensure_ascii=False), *lines[2:]]

        edit_lines(files, "checkin", edit)

    bad = forged(world, f"type-{field}.zip", members=wrong)
    if words is None:  # text without a length limit in the schema is allowed
        assert import_package(world.street.paths, world.street.db, bad, actor=ACTOR).applied
        return
    reason = refused(world, bad, RefusalKind.BAD_RECORD)
    assert f"字段“{field}”" in reason and words in reason and "第 2 行" in reason


def test_unknown_field_in_a_line(world: World) -> None:
    def extra(files: dict[str, bytes]) -> None:
        edit_lines(files, "unit", lambda lines: [lines[0][:-1] + ',"secret":1}', *lines[1:]])

    assert "未知字段" in refused(
        world, forged(world, "extra.zip", members=extra), RefusalKind.BAD_RECORD
    )


def test_duplicate_uids(world: World) -> None:
    def twice(files: dict[str, bytes]) -> None:
        edit_lines(files, "member", lambda lines: [*lines, lines[0]])

    reason = refused(world, forged(world, "dup.zip", members=twice), RefusalKind.DUPLICATE_UID)
    assert "出现了两次" in reason


def test_the_first_bad_line_is_the_one_reported(world: World) -> None:
    """Lines are decoded a batch at a time, but refused as if read one by one."""

    def repeated_then_broken(files: dict[str, bytes]) -> None:
        edit_lines(files, "member", lambda x: [x[0], x[1], x[0], x[3], x[4][:-5], *x[5:]])

    def broken_then_repeated(files: dict[str, bytes]) -> None:
        edit_lines(files, "member", lambda x: [x[0], x[1][:-5], x[2], x[0], *x[4:]])

    first = forged(world, "dup-first.zip", members=repeated_then_broken)
    reason = refused(world, first, RefusalKind.DUPLICATE_UID)
    assert "第 3 行" in reason
    second = forged(world, "bad-first.zip", members=broken_then_repeated)
    reason = refused(world, second, RefusalKind.BAD_RECORD)
    assert "member.jsonl”第 2 行" in reason


def test_path_traversal_member_name(world: World) -> None:
    files = read_package(world.package)
    files["../../evil.txt"] = b"owned"
    bad = write_zip(world.root / "traversal.zip", files)
    assert "上级文件夹" in refused(world, bad, RefusalKind.UNSAFE_NAME)


def test_zip_bomb(world: World) -> None:
    files = read_package(world.package)
    files["tables/member.jsonl"] = b"\n" * (64 * 1024 * 1024)
    bad = write_zip(world.root / "bomb.zip", files)
    assert bad.stat().st_size < 1024 * 1024
    assert "压缩比" in refused(world, bad, RefusalKind.TOO_LARGE)


def test_wrong_passphrase(world: World) -> None:
    sealed = world.root / "sealed.djx"
    export_records(
        world.community.paths,
        world.community.db,
        sealed,
        full=True,
        passphrase="correct horse battery",
        actor=ACTOR,
    )
    assert "口令不正确" in refused(world, sealed, RefusalKind.PASSPHRASE, passphrase="wrong horse!")
    refused(world, sealed, RefusalKind.NEEDS_PASSPHRASE)


def test_sealed_file_cut_short(world: World) -> None:
    sealed = world.root / "sealed.djx"
    export_records(
        world.community.paths,
        world.community.db,
        sealed,
        full=True,
        passphrase="口令口令口令口令",
        actor=ACTOR,
    )
    data = sealed.read_bytes()
    sealed.write_bytes(data[:-100])
    refused(world, sealed, RefusalKind.DAMAGED, passphrase="口令口令口令口令")


def test_records_package_sent_to_a_community(world: World) -> None:
    before = state(world.community.file)
    with pytest.raises(PackageRefusedError) as caught:
        import_package(world.community.paths, world.community.db, world.package, actor=ACTOR)
    assert caught.value.refusal == RefusalKind.NOT_FOR_THIS_SITE
    assert state(world.community.file) == before


def test_missing_file(world: World) -> None:
    refused(world, world.root / "nowhere.zip", RefusalKind.DAMAGED)
