"""Benchmark: importing a 10k-row messy roster (花名册) end to end.

Budget (roster import issue): 10,000 rows ≤ 5 s for read + validate + backup + write. The time is
reported next to a baseline measured in the same run — openpyxl read-only reading of the same
file plus a raw ``sqlite3`` ``executemany`` of the same number of rows into a scratch table —
and as a ratio.

    python bench/bench_import.py [--rows 10000] [--keep DIR]

Results are written to ``bench/results/import.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import sqlite3
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from djdesk.actor import Actor
from djdesk.paths import AppPaths
from djdesk.services.checkin.demo import DEMO_GRIDS, DEMO_UNITS, demo_id_number, demo_name
from djdesk.services.checkin.roster_import import import_roster
from djdesk.services.demo import DemoOptions, fill_demo
from djdesk.services.store import open_database

POSTS = ("政策宣传", "环境整治", "治安巡逻", "文明劝导", "法律服务", "医疗健康")
HEADER = [
    "序号",
    "姓 名",
    "公民身份号码",
    "性别",
    "民族",
    "出生年月",
    "政治面貌",
    "入党时间",
    "联系电话",
    "工作单位",
    "所在党组织",
    "职务",
    "现住址",
    "网格",
    "服务岗位",
    "特长",
    "报到日期",
    "备注",
]
DATE_STYLES = ("{:%Y.%-m.%-d}", "{:%Y-%m-%d}", "{:%Y/%-m/%-d}", "{:%Y年%-m月%-d日}", "{:%Y%m%d}")


def _messy_date(rng: random.Random, day: date) -> Any:
    style = rng.randrange(len(DATE_STYLES) + 1)
    if style == len(DATE_STYLES):
        return day  # a real Excel date
    return DATE_STYLES[style].format(day)


def build_roster(path: Path, rows: int, seed: int = 3) -> int:
    """A roster as units send them: title, 填报单位 line, synonyms, mixed dates, phones as
    numbers, full-width spaces, blank rows, about 1 % damaged IDs and a 合计 row."""
    rng = random.Random(seed)
    # The normal (not write-only) writer stores shared strings and the used range, as Excel does.
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "花名册"
    sheet.append(["2024年在职党员到社区报到花名册"])
    sheet.append(["填报单位：东城街道（汇总）", None, None, None, None, "填报日期：2024年5月6日"])
    sheet.append(HEADER)
    taken: set[str] = set()
    for n in range(1, rows + 1):
        gender = rng.choice("男女")
        born = date(1965, 1, 1) + timedelta(days=rng.randrange(365 * 35))
        id_number = demo_id_number(rng, gender, born)
        while id_number in taken:
            id_number = demo_id_number(rng, gender, born)
        taken.add(id_number)
        id_cell: Any = id_number
        if rng.random() < 0.01 and id_number[-1] != "X":
            id_cell = float(id_number)  # stored as a number: the last digits are lost
        joined = min(born + timedelta(days=365 * rng.randrange(19, 30)), date(2023, 12, 31))
        name = demo_name(rng)
        address = (
            f"东风小区{rng.randrange(1, 20)}栋{rng.randrange(1, 4)}单元"
            f"{rng.randrange(1, 30)}0{rng.randrange(1, 5)}"
        )
        reported = date(2024, 1, 1) + timedelta(days=rng.randrange(300))
        if rng.random() < 0.1:
            name = f"{name[0]}\u3000{name[1:]}"  # full-width space inside the name
        sheet.append(
            [
                n,
                name,
                id_cell,
                gender,
                rng.choice(("汉族", "汉", "彝族")),
                f"{born:%Y.%m}",
                rng.choice(("中共党员", "正式党员", "预备党员")),
                _messy_date(rng, joined),
                int(f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"),
                rng.choice(DEMO_UNITS)[0],
                "机关党支部",
                rng.choice(("", "科员", "教师", "医生")),
                address,
                rng.choice(DEMO_GRIDS),
                "、".join(rng.sample(POSTS, rng.randrange(0, 3))),
                rng.choice(("", "法律", "医疗卫生")),
                _messy_date(rng, reported),
                "",
            ]
        )
        if n % 2000 == 0:
            sheet.append([])
    sheet.append(["合计", f"{rows}人"])
    book.save(path)
    return rows


def baseline(path: Path, scratch: Path) -> tuple[float, int]:
    """openpyxl read-only reading of the file plus a raw sqlite3 executemany of its rows."""
    start = time.perf_counter()
    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    values = [
        tuple(str(v) if v is not None else "" for v in row)
        for row in sheet.iter_rows(min_row=4, values_only=True)
        if row
    ]
    book.close()
    conn = sqlite3.connect(scratch)
    width = len(HEADER)
    conn.execute(f"CREATE TABLE scratch ({', '.join(f'c{i} TEXT' for i in range(width))})")
    rows = [row[:width] + ("",) * (width - len(row)) for row in values]
    conn.executemany(f"INSERT INTO scratch VALUES ({', '.join('?' * width)})", rows)
    conn.commit()
    conn.close()
    return time.perf_counter() - start, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--keep", metavar="DIR", help="keep the data folder and roster here")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="djdesk-bench-import-"))
    work.mkdir(parents=True, exist_ok=True)
    roster = work / "roster.xlsx"
    build_roster(roster, args.rows)
    paths = AppPaths.resolve(work / "data")
    db = open_database(paths)
    actor = Actor.system()
    fill_demo(db, DemoOptions(counts={"members": 0}), actor=actor)

    base_s, base_rows = baseline(roster, work / "scratch.sqlite3")
    start = time.perf_counter()
    report = import_roster(db, roster, actor=actor, paths=paths)
    import_s = time.perf_counter() - start
    start = time.perf_counter()
    again = import_roster(db, roster, actor=actor, paths=paths)  # every row 未变 now
    reimport_s = time.perf_counter() - start
    db.dispose()

    ratio = import_s / base_s
    print(f"rows in sheet:     {args.rows}")
    print(f"import (end to end): {import_s:6.2f} s  — {report.summary()}")
    print(f"re-import (all unchanged): {reimport_s:6.2f} s  — {again.summary()}")
    print(f"baseline (read + sqlite3 executemany of {base_rows} rows): {base_s:6.2f} s")
    print(f"ratio import / baseline: {ratio:.2f}   budget 5 s: {'ok' if import_s <= 5 else 'OVER'}")
    results = {
        "rows": args.rows,
        "import_s": round(import_s, 3),
        "baseline_s": round(base_s, 3),
        "ratio": round(ratio, 2),
        "reimport_s": round(reimport_s, 3),
        "budget_s": 5.0,
        "within_budget": import_s <= 5.0,
        "imported": report.imported,
        "rejected": len(report.rejected),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "date": date.today().isoformat(),
    }
    out = Path(__file__).with_name("results") / "import.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
