"""Running fuzz and fault cases in a worker process, each bounded in time and memory.

The cases of one suite are written to a JSON file; :func:`run_cases` starts
``python -m tests.helpers.fuzz_worker KIND SETUP CASES START`` (memory capped with
``RLIMIT_AS``), which prints one JSON line per finished case. A case that gives no line
within ``timeout`` seconds is a hang: the worker is killed and a new one goes on with the next
case. A worker that dies in a case (a crash, the memory cap) is recorded the same way. The
tally counts what the issue asks for: refused, accepted, tracebacks, hangs, changed although
refused, wrong acceptances.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
REPORT_ENV = "DJDESK_FUZZ_REPORT"


@dataclass
class Tally:
    """Per-suite figures; ``problems`` keeps a description of every bad case."""

    suite: str
    outcomes: Counter[str] = field(default_factory=Counter)
    changed_on_refusal: int = 0
    wrong_acceptance: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def run(self) -> int:
        return sum(self.outcomes.values())

    def add(self, case: dict[str, Any], result: dict[str, Any]) -> None:
        outcome = result["outcome"]
        self.outcomes[outcome] += 1
        if outcome in ("traceback", "hang", "crash"):
            self.problems.append(f"{case['id']}: {outcome}: {result.get('detail', '')[-700:]}")
        if result.get("changed"):
            self.changed_on_refusal += 1
            self.problems.append(f"{case['id']}: changed although refused")
        if result.get("wrong"):
            self.wrong_acceptance += 1
            self.problems.append(f"{case['id']}: wrong acceptance: {result.get('detail', '')}")

    def figures(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "run": self.run,
            "refused": self.outcomes["refused"],
            "accepted": self.outcomes["accepted"],
            "tracebacks": self.outcomes["traceback"] + self.outcomes["crash"],
            "hangs": self.outcomes["hang"],
            "changed_on_refusal": self.changed_on_refusal,
            "wrong_acceptance": self.wrong_acceptance,
        }

    def report(self) -> None:
        """Append the figures to ``$DJDESK_FUZZ_REPORT`` when set (for the issue note)."""
        target = os.environ.get(REPORT_ENV)
        if target:
            with Path(target).open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(self.figures(), ensure_ascii=False) + "\n")


def _reader(stream: Any, lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def run_cases(
    kind: str,
    setup: Path,
    cases: list[dict[str, Any]],
    work: Path,
    *,
    timeout: float = 30.0,
    memory_mb: int = 2048,
) -> Tally:
    """Run every case through the worker; returns the tally (see the module docstring)."""
    tally = Tally(kind)
    case_file = work / f"{kind}-cases.json"
    case_file.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    start = 0
    while start < len(cases):
        env = {**os.environ, "DJDESK_FUZZ_MEMORY_MB": str(memory_mb), "PYTHONHASHSEED": "0"}
        worker = [sys.executable, "-m", "tests.helpers.fuzz_worker", kind]
        proc = subprocess.Popen(
            [*worker, str(setup), str(case_file), str(start), str(work)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
        )
        lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True).start()
        # The first case also pays for the worker's start-up (imports, copying the template).
        wait = timeout + 60.0
        while start < len(cases):
            try:
                line = lines.get(timeout=wait)
            except queue.Empty:
                proc.kill()
                tally.add(cases[start], {"outcome": "hang", "detail": f"> {timeout:.0f} s"})
                start += 1
                break
            wait = timeout
            if line is None:  # the worker died inside the case
                proc.wait(timeout=30)
                err = proc.stderr.read() if proc.stderr else ""
                detail = f"exit {proc.returncode}: {err[-400:]}"
                tally.add(cases[start], {"outcome": "crash", "detail": detail})
                start += 1
                break
            result = json.loads(line)
            if result.get("id") != cases[start]["id"]:
                continue  # not a result line (should not happen: the worker owns stdout)
            tally.add(cases[start], result)
            start += 1
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        for pipe in (proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()
    tally.report()
    return tally
