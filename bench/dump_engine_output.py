"""Dump every question the offline engine gives, to diff before and after a speed change.

Usage: python bench/dump_engine_output.py OUT.txt

A speed change must not change one question: run this on the code before and after and
`diff` the two files. It covers the dev narratives (each segment's own questions in one
growing session, then the session's ranking, then a stateless `suggest` per segment) and
the segments `bench_engine.py` times (the growing session and the 20,000-word
re-analysis). Scores are written with repr, so a reordering or re-scoring shows too.
The held-out test split is never read.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_engine import long_session, make_segment, sentence_pool  # noqa: E402
from bench.eval_engine import load_narratives, segments_of  # noqa: E402
from tacit.question_engine.offline import OfflineEngine  # noqa: E402
from tacit.question_engine.session import EngineSession  # noqa: E402
from tacit.question_engine.types import SessionContext, Suggestion  # noqa: E402


def lines_of(label: str, suggestions: Iterable[Suggestion]) -> list[str]:
    """One line per question: where, category, score, text and the quote it comes from."""
    return [f"{label}\t{s.category}\t{s.score!r}\t{s.text}\t{s.quote}" for s in suggestions]


def narrative_lines(engine: OfflineEngine) -> list[str]:
    """Every dev narrative: per-segment questions, the ranking, stateless suggest."""
    out: list[str] = []
    for number, narrative in enumerate(load_narratives()):
        name = f"n{number}:{narrative.get('id', '')}"
        segments = segments_of(narrative["text"])
        session = EngineSession(engine, str(narrative.get("workflow", "")))
        for index, segment in enumerate(segments):
            out += lines_of(f"{name}:seg{index}", session.add_segment(segment))
        out += lines_of(f"{name}:ranked", session.ranked())
        for index, segment in enumerate(segments):
            out += lines_of(f"{name}:suggest{index}", engine.suggest(segment, SessionContext()))
    return out


def bench_lines(engine: OfflineEngine, count: int = 300) -> list[str]:
    """The segments bench_engine.py times, with the same seed and order."""
    rng = random.Random(4)
    pool = sentence_pool()
    session = EngineSession(engine)
    out: list[str] = []
    for index in range(count):
        out += lines_of(f"bench:seg{index}", session.add_segment(make_segment(rng, pool, 1000)))
    out += lines_of("bench:ranked", session.ranked())
    out += lines_of("bench:analyse", engine.analyse_session(long_session(rng, pool)))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Write the dump to the file named on the command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python bench/dump_engine_output.py OUT.txt", file=sys.stderr)
        return 2
    engine = OfflineEngine()
    lines = narrative_lines(engine) + bench_lines(engine)
    Path(args[0]).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} questions written to {args[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
