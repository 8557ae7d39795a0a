"""The rooms commands: list, add (same rules, refusal exits 1 naming the rule), import, print
and report; one run as a real process (``python -m djdesk``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from djdesk import cli
from djdesk.paths import AppPaths
from djdesk.services.rooms.calendar import centre_now, day_kind
from djdesk.services.rooms.types import DayKind
from djdesk.services.site.identity import SiteInfo
from djdesk.services.store import Database
from tests.helpers.pdf_text import flat_text
from tests.helpers.schedule_sheets import GOOD_ROWS, schedule_workbook

ROOT = Path(__file__).resolve().parents[3]


def _open_day(ahead: int = 3) -> date:
    """A day a few days ahead that is not a statutory holiday (the CLI books for real today)."""
    day = centre_now().date() + timedelta(days=ahead)
    while day_kind(day)[0] is DayKind.HOLIDAY:
        day += timedelta(days=1)
    return day


@pytest.fixture
def ready(paths: AppPaths, db: Database, site: SiteInfo) -> AppPaths:
    db.dispose()  # the commands open the database themselves
    return paths


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _add(
    capsys: pytest.CaptureFixture[str], day: date, start: str, end: str, *extra: str
) -> tuple[int, str, str]:
    return run(
        capsys,
        "bookings",
        "add",
        "--room",
        "书屋",
        "--date",
        day.isoformat(),
        "--start",
        start,
        "--end",
        end,
        "--purpose",
        "读书会",
        "--attendees",
        "8",
        *extra,
    )


def test_rooms_list_creates_the_defaults(
    ready: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "rooms", "list", "--json")
    rooms = json.loads(out)
    assert code == 0 and len(rooms) == 12
    assert rooms[0]["name"] == "党员活动室" and rooms[0]["hours"]["周一"] == [
        ["08:30", "12:00"],
        ["13:30", "17:30"],
    ]
    code, out, _ = run(capsys, "rooms", "list")
    assert "党群书屋（2楼，30 人，开放，无需审批）" in out


def test_add_then_clash_then_print(
    ready: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    day = _open_day()
    code, out, err = _add(
        capsys, day, "10:00", "12:00", "--booker", "张三", "--phone", "13800138000", "--json"
    )
    assert code == 0, err
    made = json.loads(out)
    assert made["status"] == "已批准" and "场〔" in made["serial"]
    code, out, err = _add(
        capsys, day, "11:00", "12:00", "--booker", "李四", "--phone", "13900139000"
    )
    assert code == 1
    assert "不符合“时间冲突”规则" in err and made["serial"] in err
    code, out, _ = _add(
        capsys, day, "12:00", "11:00", "--booker", "李四", "--phone", "13900139000", "--json"
    )
    refused = json.loads(out)
    assert code == 1 and refused["rules"][0] == {
        "rule": "起止时间",
        "field": "end",
        "message": "结束时间早于开始时间",
    }
    code, _, err = _add(capsys, day, "13:00", "14:00", "--booker", "王五")
    assert code == 1 and "居民预约须留联系电话" in err
    pdf = tmp_path / "b.pdf"
    code, out, err = run(capsys, "print", "booking", "--id", str(made["id"]), "--out", str(pdf))
    assert code == 0, err
    assert made["serial"] in flat_text(pdf.read_bytes())
    sheet = tmp_path / "d.pdf"
    code, _, err = run(capsys, "print", "day-sheet", "--date", day.isoformat(), "--out", str(sheet))
    assert code == 0, err
    assert "张*" in flat_text(sheet.read_bytes())
    code, _, err = run(capsys, "print", "booking", "--id", "999", "--out", str(pdf))
    assert code == 1 and "999" in err


def test_printing_again_is_a_reprint_and_a_printer_can_take_it(
    ready: AppPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from djdesk.commands import printing as command_printing
    from djdesk.services.documents import PrintJob, SendToPrinter, find_by_serial
    from djdesk.services.store import open_database

    sent: list[tuple[bytes, PrintJob]] = []

    def fake(_paths: AppPaths) -> SendToPrinter:
        return lambda content, job: sent.append((content, job)) or 1

    monkeypatch.setattr(command_printing, "printer_sender", fake)
    day = _open_day()
    code, out, _ = _add(
        capsys, day, "14:00", "15:00", "--booker", "张三", "--phone", "13800138000", "--json"
    )
    made = json.loads(out)
    first = tmp_path / "first.pdf"
    assert run(capsys, "print", "booking", "--id", str(made["id"]), "--out", str(first))[0] == 0
    code, _, err = run(capsys, "print", "booking", "--id", str(made["id"]), "--printer", "前台")
    assert code == 1 and "补打原因" in err and not sent
    code, text, err = run(
        capsys,
        "print",
        "booking",
        "--id",
        str(made["id"]),
        "--printer",
        "前台",
        "--copies",
        "2",
        "--reason",
        "原件遗失",
    )
    assert code == 0, err
    assert "已送打印机“前台”（2 份）" in text and sent[0][1] == PrintJob(
        "前台", 2, "场地预约确认单"
    )
    assert "补打" in flat_text(sent[0][0])
    code, text, err = run(
        capsys, "print", "day-sheet", "--date", day.isoformat(), "--printer", "前台"
    )
    assert code == 0 and len(sent) == 2, err
    db = open_database(ready)
    try:
        copies = find_by_serial(db, made["serial"])
    finally:
        db.dispose()
    assert [(d.copy_number, d.reason) for d in copies] == [(0, ""), (1, "原件遗失")]


def test_room_usage_report(
    ready: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    day = _open_day()
    _add(capsys, day, "10:00", "12:00", "--booker", "张三", "--phone", "13800138000")
    first, last = day.replace(day=1), day + timedelta(days=3)
    for suffix in (".xlsx", ".pdf"):
        out = tmp_path / f"u{suffix}"
        code, _stdout, err = run(
            capsys,
            "report",
            "room-usage",
            "--from",
            first.isoformat(),
            "--to",
            last.isoformat(),
            "--out",
            str(out),
        )
        assert code == 0, err
    rows = [list(r) for r in load_workbook(tmp_path / "u.xlsx").active.iter_rows(values_only=True)]
    book_row = next(r for r in rows if r[1] == "党群书屋")
    assert book_row[2:5] == [1, 2, 8]
    code, _, err = run(
        capsys,
        "report",
        "room-usage",
        "--from",
        last.isoformat(),
        "--to",
        first.isoformat(),
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert code == 1 and "不能早于开始日期" in err


def test_season_import_dry_run_then_for_real(
    ready: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    start = _open_day(2)
    rows = [list(r) for r in GOOD_ROWS]
    for row in rows:
        row[7], row[8] = start, start + timedelta(days=27)
    rows.append(
        [
            "书画社",
            "",
            "13700137000",
            "不存在的厅",
            "周一",
            "09:00",
            "10:00",
            start,
            start + timedelta(days=7),
            "",
            "书画",
            5,
        ]
    )
    path = schedule_workbook(tmp_path / "season.xlsx", rows)
    run(capsys, "rooms", "list")  # the default rooms (a dry run writes nothing, not even them)
    code, out, err = run(capsys, "bookings", "import", str(path), "--dry-run", "--json")
    report = json.loads(out)
    assert code == 0, err
    assert report["dry_run"] and report["booked"] >= 4
    assert report["rows"][2]["error"] == "第 5 行“场地”列：没有名为“不存在的厅”的场地"
    code, out, err = run(capsys, "bookings", "import", str(path))
    assert code == 0, err
    assert "已预约" in out and "第 5 行" in out
    code, out, err = run(capsys, "bookings", "import", str(path), "--json")
    again = json.loads(out)
    assert code == 1 and again["booked"] == 0  # every date now clashes with itself


def test_a_real_process_books_a_room(ready: AppPaths) -> None:
    day = _open_day(4)
    argv = [
        sys.executable,
        "-m",
        "djdesk",
        "bookings",
        "add",
        "--data-dir",
        str(ready.data_dir),
        "--room",
        "党群书屋",
        "--date",
        day.isoformat(),
        "--start",
        "09:00",
        "--end",
        "10:00",
        "--booker",
        "赵六",
        "--phone",
        "13600136000",
        "--purpose",
        "读书会",
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "已预约" in done.stdout and "赵六" in done.stdout
    again = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert again.returncode == 1 and "时间冲突" in again.stderr
