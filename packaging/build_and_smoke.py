"""Builds the frozen djdesk with PyInstaller and smoke-tests the result.

Steps, each reported OK or FAIL in a closing summary (exit status 1 if any failed):

1. ``pyinstaller --noconfirm --clean build_installer.spec`` (timed), then the size of
   ``dist/djdesk``.
2. The bundle holds what djdesk loads by path: fonts, the Alembic scripts, Qt's zh_CN catalogue
   and the platform, image-format and print-support plugins; on Linux, ``ldd`` finds every
   shared library the bundle links.
3. In a fresh temporary data folder, with ``QT_QPA_PLATFORM=offscreen``: ``demo`` (creates and
   migrates the database), ``info --json`` (the schema must be at head, which proves the
   migrations were found and ran; ``info`` itself only reads), ``print site-sheet`` (the PDF's
   text must contain 站点信息表), ``print agreement --out .docx`` (python-docx's templates) and
   ``--smoke-test`` (the main window opens and closes, it prints 自检通过; its log must not
   report a missing Qt translation or font).
4. Upward sync in the frozen program: a community with 150,000 demo cases exports its package
   (over 200,000 records, so the street reads it with the worker process that ``spawn`` starts
   from the frozen program), a street registers the community's key and imports the package;
   every record must be reported 新增.

Usage, from the repository root (``--skip-build`` re-tests an existing ``dist/djdesk``)::

    .venv/bin/python packaging/build_and_smoke.py [--skip-build] [--keep-data]
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "build_installer.spec"
DIST = REPO / "dist" / "djdesk"
IS_WINDOWS = sys.platform == "win32"
EXE_SUFFIX = ".exe" if IS_WINDOWS else ""
GUI_EXE = DIST / f"djdesk{EXE_SUFFIX}"
# On Windows djdesk.exe is windowed (no stdout); the console twin runs the commands.
CLI_EXE = DIST / ("djdesk-cli.exe" if IS_WINDOWS else "djdesk")
INTERNAL = DIST / "_internal"
STEP_TIMEOUT_S = 180
SHEET_TITLE = "站点信息表"


@dataclass
class Report:
    """Outcome of every step, in order, plus the measurements for docs/packaging.md."""

    steps: list[tuple[str, bool, str]] = field(default_factory=list)
    build_seconds: float | None = None
    size_mb: float | None = None
    du: str | None = None
    schema_revision: str | None = None

    def add(self, name: str, ok: bool, detail: str = "") -> bool:
        self.steps.append((name, ok, detail))
        print(f"[{'OK' if ok else 'FAIL'}] {name}{f' — {detail}' if detail else ''}", flush=True)
        return ok

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(ok for _, ok, _ in self.steps)


def venv_tool(name: str) -> Path:
    """A console script of the virtualenv this script runs in (falls back to the repo's .venv)."""
    folder = "Scripts" if IS_WINDOWS else "bin"
    for base in (Path(sys.prefix), REPO / ".venv"):
        candidate = base / folder / f"{name}{EXE_SUFFIX}"
        if candidate.exists():
            return candidate
    raise SystemExit(f"{name} not found in {sys.prefix} or {REPO / '.venv'}")


def run(
    cmd: list[str | Path], env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    print("$", " ".join(str(part) for part in cmd), flush=True)
    return subprocess.run(
        [str(part) for part in cmd],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=STEP_TIMEOUT_S,
        check=False,
    )


def tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# --- build ------------------------------------------------------------------------------------


def build(report: Report) -> bool:
    start = time.perf_counter()
    proc = subprocess.run(
        [str(venv_tool("pyinstaller")), "--noconfirm", "--clean", str(SPEC)],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    report.build_seconds = time.perf_counter() - start
    log_file = REPO / "build" / "pyinstaller.log"
    log_file.parent.mkdir(exist_ok=True)
    log_file.write_text(proc.stdout + proc.stderr, encoding="utf-8")
    ok = proc.returncode == 0 and GUI_EXE.exists()
    detail = f"{report.build_seconds:.0f} s, log in {log_file.relative_to(REPO)}"
    if not ok:
        print(tail(proc.stderr, 40))
    return report.add("build", ok, detail)


def measure(report: Report) -> None:
    total = sum(f.stat().st_size for f in DIST.rglob("*") if f.is_file() and not f.is_symlink())
    report.size_mb = total / 1024 / 1024
    if shutil.which("du"):
        report.du = run(["du", "-sh", DIST]).stdout.split("\t")[0].strip() or None
    files = sum(1 for f in DIST.rglob("*") if f.is_file())
    report.add("size", True, f"{report.size_mb:.1f} MiB in {files} files (du -sh: {report.du})")


def check_version_info(report: Report) -> None:
    """The Windows version-info text is a valid expression carrying the package version."""
    sys.path.insert(0, str(REPO / "packaging"))
    from version_info import package_constants, write_version_file

    version = package_constants()["__version__"]
    with tempfile.TemporaryDirectory() as tmp:
        text = write_version_file(Path(tmp) / "version_info.txt").read_text(encoding="utf-8")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        report.add("version-info file", False, str(exc))
        return
    ok = isinstance(tree.body, ast.Call) and f"'{version}'" in text
    report.add("version-info file", ok, f"FileVersion {version}")


def bundle_snapshot() -> dict[str, tuple[int, int]]:
    return {
        str(f.relative_to(DIST)): (f.stat().st_size, f.stat().st_mtime_ns)
        for f in DIST.rglob("*")
        if f.is_file()
    }


# --- bundle contents --------------------------------------------------------------------------


def check_contents(report: Report) -> None:
    qt = INTERNAL / "PySide6" if IS_WINDOWS else INTERNAL / "PySide6" / "Qt"
    plugin = "{}.dll" if IS_WINDOWS else "lib{}.so"
    native = "qwindows" if IS_WINDOWS else "qxcb"
    expected = {
        "fonts": [INTERNAL / "resources" / "fonts" / "wqy-microhei.ttc"],
        "icon": [INTERNAL / "resources" / "icons" / "djdesk.ico"],
        "migrations": [
            INTERNAL / "djdesk" / "db" / "migrations" / "env.py",
            INTERNAL / "djdesk" / "db" / "migrations" / "script.py.mako",
        ],
        "qt translation": [qt / "translations" / "qtbase_zh_CN.qm"],
        "qt plugins": [
            qt / "plugins" / "platforms" / plugin.format(native),
            qt / "plugins" / "platforms" / plugin.format("qoffscreen"),
            qt / "plugins" / "imageformats" / plugin.format("qico"),
        ],
    }
    if IS_WINDOWS:
        expected["console twin"] = [CLI_EXE]
    else:
        expected["qt plugins"].append(
            qt / "plugins" / "printsupport" / plugin.format("cupsprintersupport")
        )
    source_versions = sorted(
        p.name for p in (REPO / "djdesk" / "db" / "migrations" / "versions").glob("*.py")
    )
    bundled_versions = sorted(
        p.name for p in (INTERNAL / "djdesk" / "db" / "migrations" / "versions").glob("*.py")
    )
    for name, files in expected.items():
        missing = [str(f.relative_to(DIST)) for f in files if not f.is_file()]
        report.add(f"bundle: {name}", not missing, f"missing {missing}" if missing else "")
    report.add(
        "bundle: migration versions",
        bool(source_versions) and bundled_versions == source_versions,
        f"{len(bundled_versions)} of {len(source_versions)} revision files",
    )
    if not IS_WINDOWS and shutil.which("ldd"):
        check_linked_libraries(report)


def check_linked_libraries(report: Report) -> None:
    """Every shared object in the bundle resolves its libraries (from the bundle or the OS)."""
    env = dict(os.environ, LD_LIBRARY_PATH=str(INTERNAL))
    unresolved: set[str] = set()
    objects = [f for f in INTERNAL.rglob("*.so*") if f.is_file()]
    for obj in objects:
        out = subprocess.run(
            ["ldd", str(obj)], env=env, capture_output=True, text=True, check=False
        ).stdout
        unresolved.update(
            f"{obj.name}: {line.split()[0]}" for line in out.splitlines() if "not found" in line
        )
    detail = f"{len(objects)} shared objects" + (
        f"; unresolved {sorted(unresolved)}" * bool(unresolved)
    )
    report.add("bundle: ldd", not unresolved, detail)


# --- smoke runs -------------------------------------------------------------------------------


def is_resource_complaint(line: str) -> bool:
    """A log line saying the frozen app missed a Qt catalogue, a font or crashed."""
    lowered = line.lower()
    missing_translation = "translation" in lowered and "not found" in lowered
    missing_font = "font" in lowered and ("warning" in lowered or "error" in lowered)
    return missing_translation or missing_font or "traceback" in lowered


def pdf_text(pdf: Path) -> str:
    if shutil.which("pdftotext"):
        return run(["pdftotext", "-enc", "UTF-8", pdf, "-"]).stdout
    try:
        from pypdf import PdfReader  # test dependency, used where poppler is missing
    except ImportError:
        return ""
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def smoke(report: Report, data_dir: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DJDESK_DATA_DIR", None)
    env.pop("DJDESK_DATABASE_URL", None)
    base: list[str | Path] = [CLI_EXE, "--data-dir", data_dir]

    def step(name: str, cmd: list[str | Path], check: Callable[[str], str | None]) -> None:
        """Run one command; ``check`` gets stdout and returns a failure reason or ``None``."""
        try:
            proc = run(cmd, env)
        except subprocess.TimeoutExpired:
            report.add(name, False, f"no exit within {STEP_TIMEOUT_S} s")
            return
        if proc.returncode != 0:
            report.add(name, False, f"exit {proc.returncode}\n{tail(proc.stderr or proc.stdout)}")
            return
        problem = check(proc.stdout)
        report.add(name, problem is None, problem or "")

    def check_info(stdout: str) -> str | None:
        try:
            info = json.loads(stdout)
        except json.JSONDecodeError as exc:
            return f"not JSON ({exc}): {stdout[:200]!r}"
        revision, head = info.get("schema_revision"), info.get("schema_head")
        if not revision or revision != head:
            return f"schema revision {revision!r}, head {head!r}"
        report.schema_revision = revision
        return None

    step("demo", [*base, "demo"], lambda _out: None)
    step("info --json", [*base, "info", "--json"], check_info)

    sheet = data_dir / "sheet.pdf"

    def check_sheet(_stdout: str) -> str | None:
        if not sheet.is_file() or not sheet.read_bytes().startswith(b"%PDF"):
            return f"{sheet} missing or not a PDF"
        text = pdf_text(sheet)
        return None if SHEET_TITLE in text else f"{SHEET_TITLE} not in PDF text {text[:120]!r}"

    step("print site-sheet", [*base, "print", "site-sheet", "--out", sheet], check_sheet)

    word = data_dir / "agreement.docx"

    def check_word(_stdout: str) -> str | None:
        # python-docx reads its header/footer templates from the bundle by path.
        ok = word.is_file() and word.read_bytes().startswith(b"PK")
        return None if ok else f"{word} missing or not a .docx"

    word_args = [*base, "print", "agreement", "--id", "1", "--out", word]
    step("print agreement .docx", word_args, check_word)

    log_file = data_dir / "logs" / "djdesk.log"

    def check_gui_log(stdout: str) -> str | None:
        text = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""
        bad = [line for line in text.splitlines() if is_resource_complaint(line)]
        if bad:
            return f"log complains: {bad}"
        # The windowed Windows program has no stdout to print its 自检通过 line to.
        passed = IS_WINDOWS or "自检通过" in stdout
        return None if passed else f"no 自检通过 line: {stdout[-200:]!r}"

    step("--smoke-test (GUI)", [GUI_EXE, "--data-dir", data_dir, "--smoke-test"], check_gui_log)
    sync_round_trip(report, data_dir, step)


#: Records a package must hold before the street reads it with a worker process
#: (``djdesk.services.exchange.package_reader.WORKER_RECORDS``).
WORKER_RECORDS = 200_000


def sync_round_trip(
    report: Report,
    data_dir: Path,
    step: Callable[[str, list[str | Path], Callable[[str], str | None]], None],
) -> None:
    """A large package from a community to its street, through the frozen program."""
    community = data_dir / "sync-community"
    street = data_dir / "sync-street"
    package = data_dir / "sync-1.zip"
    key = data_dir / "sync-community.key"
    c = [CLI_EXE, "--data-dir", community]
    s = [CLI_EXE, "--data-dir", street]
    sent: dict[str, int] = {}

    def check_export(stdout: str) -> str | None:
        try:
            sent["records"] = int(json.loads(stdout)["records"])
        except (ValueError, KeyError, TypeError) as exc:
            return f"no record count ({exc}): {stdout[:200]!r}"
        if sent["records"] < WORKER_RECORDS:
            return f"only {sent['records']} records: the worker process would not be used"
        return None

    def check_import(stdout: str) -> str | None:
        try:
            (result,) = json.loads(stdout)
            added = sum(t["new"] for t in result["tables"])
        except (ValueError, KeyError, TypeError) as exc:
            return f"unexpected import output ({exc}): {stdout[:300]!r}"
        if added != sent.get("records"):
            return f"{added} new of {sent.get('records')}"
        log = street / "logs" / "djdesk.log"
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        if "read by worker process" not in text or "reading here" in text:
            return "the package was not read by the worker process (see the street's log)"
        return None

    step(
        "sync: community demo",
        [*c, "demo", "--seed", "0", "--members", "2000", "--cases", "150000"],
        lambda _o: None,
    )
    step("sync: key file", [*c, "keys", "export", "--out", key], lambda _o: None)
    step("sync: export", [*c, "export", "--to", package, "--json"], check_export)
    street_site = [
        "site",
        "set",
        "--level",
        "街道",
        "--code",
        "511502003",
        "--name",
        "宜宾市翠屏区东城街道",
        "--short-name",
        "东城街道",
        "--district",
        "翠屏区",
        "--address",
        "东城路1号",
        "--phone",
        "0831-8221000",
        "--party-org",
        "中共宜宾市翠屏区东城街道工作委员会",
    ]
    step("sync: street set-up", [*s, *street_site], lambda _o: None)
    step("sync: register community", [*s, "communities", "add", "--key", key], lambda _o: None)
    step("sync: import (worker process)", [*s, "import", package, "--json"], check_import)


# --- main -------------------------------------------------------------------------------------


def summary(report: Report) -> None:
    print("\n==== djdesk build and smoke summary ====")
    if report.build_seconds is not None:
        print(f"build time : {report.build_seconds:.1f} s")
    if report.size_mb is not None:
        print(f"dist size  : {report.size_mb:.1f} MiB (du -sh: {report.du})")
    if report.schema_revision is not None:
        print(f"schema     : {report.schema_revision} (frozen build migrated a new database)")
    for name, ok, _ in report.steps:
        print(f"  {'OK  ' if ok else 'FAIL'}  {name}")
    print("RESULT:", "OK" if report.ok else "FAILED")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="test the existing dist/djdesk")
    parser.add_argument("--keep-data", action="store_true", help="keep the temporary data folder")
    args = parser.parse_args(argv)

    report = Report()
    if not args.skip_build and not build(report):
        summary(report)
        return 1
    if not GUI_EXE.exists():
        report.add("bundle present", False, f"{GUI_EXE} missing; build first")
        summary(report)
        return 1
    measure(report)
    check_version_info(report)
    check_contents(report)
    data_dir = Path(tempfile.mkdtemp(prefix="djdesk-smoke-"))
    before = bundle_snapshot()
    try:
        smoke(report, data_dir)
        # On Windows the program folder is read-only for clerks: runs must not write into it.
        changed = sorted(set(bundle_snapshot().items()) ^ set(before.items()))
        detail = f"changed: {[name for name, _ in changed[:5]]}" if changed else ""
        report.add("bundle unchanged by runs", not changed, detail)
    finally:
        if args.keep_data:
            print(f"data folder kept: {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    summary(report)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
