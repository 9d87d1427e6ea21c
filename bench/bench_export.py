"""Export and check at the size of 100 recorded calls (~122,000 records, ~46 MB).

Builds the database once (each call: ~600 narrative segments, ~560 questions,
~40 rules with examples, ~20 decisions), then times, each in a fresh process
as a user or a pipeline runs them, wall time and peak RSS of:
  - baseline: a Python process that only parses the whole file with orjson
    (the floor for anything that reads every record), measured in the same run;
  - baseline: one-session export the way tacit did it before (every record
    through the domain layer), measured in the same run;
  - `tacit export --session ID` cold (no per-session cache: full read, then the
    cache is rebuilt) and warm, `tacit check --session ID` (warm), `tacit export`
    (everything) and `tacit sessions`.
Figures on this synthetic data are a floor, not a result.

    python bench/bench_export.py            # 100 calls, 3 runs each, median
    python bench/bench_export.py --calls 10 --runs 1
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tacit.models.domain import (
    Decision,
    Example,
    Question,
    Record,
    Rule,
    Segment,
    Session,
    Unless,
)
from tacit.models.migrations import SCHEMA_VERSION
from tacit.models.repository import TABLES
from tacit.models.session_cache import cache_dir

SEGMENTS, QUESTIONS, RULES, DECISIONS = 600, 560, 40, 19  # 1,220 records with the session
CATEGORIES = ("implicit_rule", "edge_case", "handoff", "exception", "reporting", "adoption")
SAY = (
    "So when a job comes in we look at the zip code first, and that decides the team, "
    "but an owned account stays with its owner's team."
)


def one_call(index: int) -> list[Record]:
    """The records of one recorded call."""
    session = Session(title=f"Dispatch call {index}", workflow="dispatch")
    records: list[Record] = [session]
    segments = [
        Segment(session_id=session.id, speaker=("operator", "engineer")[i % 2], text=f"{i}. {SAY}")
        for i in range(SEGMENTS)
    ]
    records += segments
    for i in range(QUESTIONS):
        question = Question(
            session_id=session.id,
            text=f"When do you *not* route by zip code ({i}), and who makes that call?",
            category=CATEGORIES[i % len(CATEGORIES)],
            quote="we look at the zip code first",
            segment_id=segments[i % SEGMENTS].id,
            score=0.9499829999999999,
            status=("suggested", "parked", "dismissed", "answered")[i % 4],
            answer="Owned accounts stay with the owner's team." if i % 4 == 3 else "",
        )
        records.append(question)
    for i in range(RULES):
        rule = Rule(
            session_id=session.id,
            statement=f"Jobs of kind {i} go to the zip-code team",
            when=f"a job of kind {i} comes in",
            then="assign it to the team covering its zip code",
            unless=[Unless("the account has a primary owner", "the owner's team keeps it")],
            owner="Janet",
            examples=[Example("zip 94110, no owner", "Mission team"), Example("Acme", "owner", 0)],
        )
        if i % 2 == 0:
            rule.accept("operator")
            rule.accept("engineer")
        records.append(rule)
    for i in range(DECISIONS):
        records.append(Decision(session_id=session.id, topic=f"Decision {i}", choice="Slack"))
    return records


def build(path: Path, calls: int) -> tuple[str, int]:
    """Write the database file directly (as the store lays it out); return a session id."""
    tables: dict[str, dict[str, object]] = {name: {} for name in TABLES.values()}
    tables["_meta"] = {"schema": {"schema_version": SCHEMA_VERSION}}
    middle = ""
    count = 0
    for index in range(calls):
        for record in one_call(index):
            tables[TABLES[type(record)]][record.id] = record.to_dict()
            count += 1
            if index == calls // 2 and isinstance(record, Session):
                middle = record.id
    path.write_bytes(orjson.dumps(tables))
    os.chmod(path, 0o600)
    return middle, count


OLD_EXPORT = """
from tacit.models.repository import Store
store = Store(DB, create=False)
sessions = [s for s in store.sessions() if s.id == SID]
rules = [r.to_dict() for r in store.rules() if r.session_id == SID and r.status == "accepted"]
segments = [s.to_dict() for s in store.segments(SID)]
decisions = [d.to_dict() for d in store.decisions() if d.session_id == SID]
questions = [q.to_dict() for q in store.questions() if q.session_id == SID]
"""


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one command, in a fresh wrapper
    process (CPU time stays honest when other programs load the machine)."""
    wrapper = textwrap.dedent(
        """
        import resource, subprocess, sys, time
        start = time.perf_counter()
        done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        if done.returncode not in (0, 1):
            sys.exit(done.stderr.decode())
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper, *argv], capture_output=True, text=True, env=env, check=True
    )
    wall, cpu, peak = out.stdout.split()
    return float(wall), float(cpu), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tacit-bench-export-"))
    try:
        db = work / "tacit.json"
        sid, count = build(db, args.calls)
        size = db.stat().st_size / 1e6
        env = {**os.environ, "TACIT_DB": str(db), "TACIT_DATA_DIR": str(work)}
        env["TACIT_CONFIG_DIR"] = str(work)
        tacit = [sys.executable, "-m", "tacit"]
        cases = {
            "baseline: python start-up only": [sys.executable, "-c", "pass"],
            "baseline: python, orjson.loads of the whole file": [
                sys.executable,
                "-c",
                f"import orjson; orjson.loads(open({str(db)!r}, 'rb').read())",
            ],
            "baseline: one-session export, old way (every record via the domain)": [
                sys.executable,
                "-c",
                f"DB, SID = {str(db)!r}, {sid!r}\n" + OLD_EXPORT,
            ],
            "tacit export --session ID, cold (full read, cache rebuilt)": [
                *tacit,
                "export",
                "--session",
                sid,
            ],
            "tacit export --session ID": [*tacit, "export", "--session", sid],
            "tacit check --session ID": [*tacit, "check", "--session", sid],
            "tacit export (all sessions)": [*tacit, "export"],
            "tacit sessions": [*tacit, "sessions"],
        }
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in cases}
        for _ in range(args.runs):  # interleaved, so machine load falls on all alike
            for name, argv in cases.items():
                if "cold" in name:
                    shutil.rmtree(cache_dir(db), ignore_errors=True)
                results[name].append(measure(argv, env))
        print(f"{args.calls} calls, {count:,} records, {size:.0f} MB; median of {args.runs} runs\n")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}\n")
        print("| what | wall (s) | CPU (s) | peak RSS (MB) |")
        print("|---|---:|---:|---:|")
        for name, runs in results.items():
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            peak = statistics.median(r[2] for r in runs)
            print(f"| {name} | {wall:.2f} | {cpu:.2f} | {peak:.0f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
