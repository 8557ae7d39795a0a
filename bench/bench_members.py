"""Benchmark: member search per keystroke and the member list's first page at 100k members.

Budgets (issue #4): search median ≤ 20 ms, first page ≤ 100 ms. Each figure is reported next to
a raw ``sqlite3`` baseline measured in the same run on the same file, and as a ratio.

    python bench/bench_members.py [--members 100000] [--data-dir DIR]

Results are written to ``bench/results/members.json``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from djdesk.actor import Actor
from djdesk.paths import AppPaths
from djdesk.services.checkin.members import MemberFilter, count_members, member_page, search_members
from djdesk.services.demo import DemoOptions, fill_demo
from djdesk.services.store import open_database

#: What a clerk types, keystroke by keystroke (names, pinyin, initials, phone, ID suffix).
TYPING = ["张伟", "曾国", "zhang", "zw", "liu", "13812", "15", "0015", "1234", "王", "wangf"]
TOP = "\U0010ffff"


def keystrokes() -> list[str]:
    out = []
    for word in TYPING:
        out += [word[: i + 1] for i in range(len(word))]
    return out


def timed(fn: Callable[[], object], repeat: int = 1) -> float:
    best = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best.append(time.perf_counter() - start)
    return statistics.median(best) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--data-dir")
    args = parser.parse_args()
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="djdesk-bench-"))
    paths = AppPaths.resolve(data_dir)
    db = open_database(paths)
    if count_members(db, MemberFilter()) < args.members:
        start = time.perf_counter()
        fill_demo(db, DemoOptions(seed=7, counts={"members": args.members}), actor=Actor.system())
        print(f"demo data: {args.members} members in {time.perf_counter() - start:.1f} s")
    raw = sqlite3.connect(str(paths.database_file))

    search_ms, raw_ms = [], []
    for text in keystrokes():
        search_ms.append(timed(lambda t=text: search_members(db, t), repeat=3))
        raw_ms.append(
            timed(
                lambda t=text: raw.execute(
                    "SELECT id, name FROM member WHERE name >= ? AND name < ? LIMIT 20",
                    (t, t + TOP),
                ).fetchall(),
                repeat=3,
            )
        )
    page_ms = timed(
        lambda: (count_members(db, MemberFilter()), member_page(db, MemberFilter(), limit=100)), 5
    )
    filtered_ms = timed(
        lambda: (
            count_members(db, MemberFilter(status="在册", year=2025)),
            member_page(db, MemberFilter(status="在册", year=2025), limit=100),
        ),
        5,
    )
    raw_page_ms = timed(
        lambda: (
            raw.execute("SELECT count(*) FROM member").fetchone(),
            raw.execute("SELECT id, name FROM member ORDER BY name_pinyin LIMIT 100").fetchall(),
        ),
        5,
    )
    result = {
        "members": count_members(db, MemberFilter()),
        "search_keystrokes": len(search_ms),
        "search_median_ms": round(statistics.median(search_ms), 3),
        "search_p95_ms": round(sorted(search_ms)[int(len(search_ms) * 0.95)], 2),
        "search_baseline_median_ms": round(statistics.median(raw_ms), 3),
        "first_page_ms": round(page_ms, 2),
        "filtered_first_page_ms": round(filtered_ms, 2),
        "first_page_baseline_ms": round(raw_page_ms, 3),
    }
    result["search_ratio"] = round(
        result["search_median_ms"] / max(result["search_baseline_median_ms"], 0.001), 1
    )
    result["first_page_ratio"] = round(page_ms / max(raw_page_ms, 0.001), 1)
    result["budgets"] = {"search_median_ms": 20, "first_page_ms": 100}
    out = Path(__file__).parent / "results" / "members.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    db.dispose()


if __name__ == "__main__":
    main()
