"""Engine against echo on the study-1 interviews, by half and by utterance length.

Usage: python bench/eval_interview_lengths.py [--json]

Same method as eval_engine.py's interviews (a top-5 question names a stem the human
follow-up shares with the interviewee; echo names the 5 most frequent content words),
reported two ways:
- whole: each context's interviewee turns as one session, as eval_engine.py scores it;
- last turn: only the interviewee's last turn before the follow-up, one segment, the
  shape of Shen et al.'s second study (one ~23-word speech per context).
Each split two ways: by half (A: apartment and clinic interviews, B: restaurant and
hiking-trail interviews; whole interviews, never rows, so a half is out-of-sample for
work tuned only on the other) and by length (short: at most 40 words, like study 2).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tacit.question_engine.offline import OfflineEngine  # noqa: E402
from tacit.question_engine.text import STOPWORDS, stem, words  # noqa: E402

try:
    from bench.eval_engine import DEFAULT_CSV, read_interview_contexts, stems
except ImportError:  # run as a script: bench/ is on sys.path
    from eval_engine import DEFAULT_CSV, read_interview_contexts, stems  # type: ignore[no-redef]

HALVES = {
    "Apartment finding": "A",
    "Clinic finding": "A",
    "Restaurant finding": "B",
    "Hiking trail finding": "B",
}
SHORT_WORDS = 40


def echo_names(said: Sequence[str]) -> set[str]:
    """The echo baseline: the 5 most frequent content stems of what was said."""
    frequent = Counter(stem(w) for w in words(" ".join(said)) if w not in STOPWORDS and len(w) >= 3)
    return {w for w, _ in frequent.most_common(5)}


def score_contexts(
    engine: OfflineEngine, last_turn: bool, path: Path = DEFAULT_CSV
) -> list[dict[str, Any]]:
    """One row per context with a target: its half, length, and engine and echo hits."""
    with path.open(encoding="utf-8", newline="") as handle:
        domains = [row["Interview Domain"] for row in csv.DictReader(handle)]
    rows: list[dict[str, Any]] = []
    for domain, (said, follow_up, _) in zip(domains, read_interview_contexts(path), strict=True):
        if last_turn:
            said = said[-1:]
        said_stems = stems(" ".join(said), STOPWORDS)
        target = {s for s in stems(follow_up, STOPWORDS) & said_stems if len(s) >= 3}
        if not said or not target:
            continue
        top5 = engine.analyse_session(said)[:5]
        rows.append(
            {
                "half": HALVES.get(domain, "?"),
                "words": len(" ".join(said).split()),
                "engine": any(stems(s.text, STOPWORDS) & target for s in top5),
                "echo": bool(echo_names(said) & target),
            }
        )
    return rows


def tally(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Engine and echo hits over rows, and the contexts only one of them hits."""
    return {
        "contexts": len(rows),
        "engine": sum(r["engine"] for r in rows),
        "echo": sum(r["echo"] for r in rows),
        "echo_only": sum(r["echo"] and not r["engine"] for r in rows),
        "engine_only": sum(r["engine"] and not r["echo"] for r in rows),
    }


def report(engine: OfflineEngine | None = None) -> dict[str, dict[str, Any]]:
    """Tallies per view (whole, last turn) and group (all, halves, short, long)."""
    engine = engine or OfflineEngine()
    figures: dict[str, dict[str, Any]] = {}
    for view, last_turn in (("whole", False), ("last turn", True)):
        rows = score_contexts(engine, last_turn)
        groups = {
            "all": rows,
            "half A": [r for r in rows if r["half"] == "A"],
            "half B": [r for r in rows if r["half"] == "B"],
            f"short (<= {SHORT_WORDS} words)": [r for r in rows if r["words"] <= SHORT_WORDS],
            f"long (> {SHORT_WORDS} words)": [r for r in rows if r["words"] > SHORT_WORDS],
        }
        for half in ("A", "B"):
            groups[f"half {half} short"] = [
                r for r in groups[f"short (<= {SHORT_WORDS} words)"] if r["half"] == half
            ]
        figures[view] = {name: tally(group) for name, group in groups.items()}
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not DEFAULT_CSV.exists():
        print(f"no interviews at {DEFAULT_CSV}", file=sys.stderr)
        return 1
    figures = report()
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    for view, groups in figures.items():
        print(f"{view}:")
        for name, t in groups.items():
            n = max(1, t["contexts"])
            print(
                f"  {name:<24} {t['contexts']:>3} contexts  engine {t['engine']:>3} "
                f"({t['engine'] / n:.2f})  echo {t['echo']:>3} ({t['echo'] / n:.2f})  "
                f"echo only {t['echo_only']:>2}  engine only {t['engine_only']:>2}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
