"""Time the offline engine: per-segment latency and re-analysing a long session.

Usage: python bench/bench_engine.py [--segments N]

Narrative text is built from the evaluation narratives' sentences, shuffled with a
fixed seed, so the cues are realistic and the runs are repeatable. Targets (issue 4):
p95 under 10 ms per segment of up to 1,000 characters; a 20,000-word session
re-analysed in under 1 s.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.eval_engine import load_narratives  # noqa: E402
from tacit.question_engine.offline import OfflineEngine  # noqa: E402
from tacit.question_engine.session import EngineSession  # noqa: E402
from tacit.question_engine.types import SessionContext  # noqa: E402


def sentence_pool() -> list[str]:
    """Every sentence of the evaluation narratives."""
    pool: list[str] = []
    for narrative in load_narratives():
        text = " ".join(narrative["text"].split())
        pool.extend(s for s in re.split(r"(?<=[.!?])\s+", text) if s)
    return pool


def make_segment(rng: random.Random, pool: list[str], max_chars: int) -> str:
    """Shuffled sentences, as many as fit in max_chars."""
    parts: list[str] = []
    size = 0
    while True:
        sentence = rng.choice(pool)
        if size + len(sentence) + 1 > max_chars:
            return " ".join(parts) or sentence[:max_chars]
        parts.append(sentence)
        size += len(sentence) + 1


def long_session(rng: random.Random, pool: list[str], words: int = 20_000) -> list[str]:
    """Segments of 300-1,000 characters until they hold `words` words: a long call re-read."""
    session: list[str] = []
    count = 0
    while count < words:
        segment = make_segment(rng, pool, rng.randint(300, 1000))
        session.append(segment)
        count += len(segment.split())
    return session


def percentile(values: Sequence[float], share: float) -> float:
    """The value below which `share` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def bench_segments(
    engine: OfflineEngine, count: int, rng: random.Random, pool: list[str]
) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per segment, in one growing session (as the app runs it:
    one EngineSession per session, fed each new segment)."""
    session = EngineSession(engine)
    timings: list[float] = []
    cpu: list[float] = []
    for _ in range(count):
        segment = make_segment(rng, pool, 1000)
        start, start_cpu = time.perf_counter(), time.process_time()
        session.add_segment(segment)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return timings, cpu


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=300, help="segments in the latency run")
    args = parser.parse_args(argv)
    rng = random.Random(4)
    pool = sentence_pool()

    start = time.perf_counter()
    engine = OfflineEngine()
    engine.suggest("warm up by zip code", SessionContext())
    print(f"engine start (load and compile banks): {(time.perf_counter() - start) * 1000:.1f} ms")

    print(
        f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
        f"on {os.cpu_count()} cores (wall time suffers when it is above the core count)"
    )
    timings, cpu = bench_segments(engine, args.segments, rng, pool)
    print(
        f"suggest, {args.segments} segments of <=1,000 chars in one growing session: "
        f"wall median {statistics.median(timings):.2f} ms, p95 {percentile(timings, 0.95):.2f} "
        f"ms; CPU median {statistics.median(cpu):.2f} ms, p95 {percentile(cpu, 0.95):.2f} ms "
        f"(target p95 < 10 ms)"
    )

    session = long_session(rng, pool)
    words = sum(len(segment.split()) for segment in session)
    runs: list[float] = []
    cpu_runs: list[float] = []
    for _ in range(5):
        start, start_cpu = time.perf_counter(), time.process_time()
        found = engine.analyse_session(session)
        runs.append(time.perf_counter() - start)
        cpu_runs.append(time.process_time() - start_cpu)
    print(
        f"analyse_session, {words:,} words in {len(session)} segments: "
        f"wall best {min(runs):.3f} s, median {statistics.median(runs):.3f} s; "
        f"CPU best {min(cpu_runs):.3f} s, median {statistics.median(cpu_runs):.3f} s; "
        f"{len(found)} questions (target < 1 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
