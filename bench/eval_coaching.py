"""How often the interviewer coach is right, on real interviewer questions.

Usage: python bench/eval_coaching.py [--json] [--csv PATH]

1. Hand-labelled samples (bench/eval/coaching_*.csv): interviewer questions from the
   study-1 interviews (Shen et al., RE'25), each labelled with the mistakes it shows
   (leading, double, closed, solution; empty = none) BEFORE the detector ran on it.
   `coaching_sample.csv` (100 questions) was read while the cues were written: its
   figures are optimistic. `coaching_heldout.csv` (50 other questions) was labelled
   after the cues were frozen and scored once: that is the honest figure.
   - shown: of the questions that got a hint, the share whose one shown (first) hint
     names a labelled mistake: what a user sees
   - precision: of the questions that got a hint, the share whose label has that mistake
   - precision (any): ... whose label has any mistake (the hint pointed at a real problem)
   - recall: of the labelled mistakes of a kind, the share the detector found
2. The dataset's own labels (elicitation-followups-study1.csv): the follow-up types are
   not mistakes, but some should almost never get a hint (a Confirmation is a
   legitimate closed question). Prints the share of each type that gets any hint.
Jargon needs the operator's words and the interviews are about consumers' own lives,
so it is measured only by the unit tests, not here.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tacit.question_engine.coaching import detect  # noqa: E402

EVAL_DIR = ROOT / "bench" / "eval"
SAMPLES = ("coaching_sample.csv", "coaching_heldout.csv")
SCORED_KINDS = ("leading", "double", "closed", "solution")
CSV_NAME = "elicitation-followups-study1.csv"


def find_dataset() -> Path | None:
    """The shared interview CSV beside the checkout (main or a worktree), if present."""
    for parent in ROOT.parents[:3]:
        candidate = parent / "shared" / "data" / CSV_NAME
        if candidate.is_file():
            return candidate
    return None


def score_sample(path: Path) -> dict[str, Any]:
    """Precision and recall of each hint kind against the hand labels in one sample."""
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    hit, fired, labelled = Counter[str](), Counter[str](), Counter[str]()
    any_fired = any_right = shown_right = 0
    for row in rows:
        truth = {k for k in row["mistakes"].split(";") if k}
        hints = [h.kind for h in detect(row["question"]) if h.kind in SCORED_KINDS]
        found = set(hints)
        shown_right += bool(hints) and hints[0] in truth
        for kind in SCORED_KINDS:
            fired[kind] += kind in found
            labelled[kind] += kind in truth
            hit[kind] += kind in found and kind in truth
        if found:
            any_fired += 1
            any_right += bool(truth)
    per_kind = {
        kind: {
            "fired": fired[kind],
            "labelled": labelled[kind],
            "precision": hit[kind] / fired[kind] if fired[kind] else None,
            "recall": hit[kind] / labelled[kind] if labelled[kind] else None,
        }
        for kind in SCORED_KINDS
    }
    all_hit, all_fired = sum(hit.values()), sum(fired.values())
    all_labelled = sum(labelled.values())
    return {
        "questions": len(rows),
        "with_mistake": sum(1 for r in rows if r["mistakes"]),
        "hinted": any_fired,
        "precision": all_hit / all_fired if all_fired else None,
        "precision_any": any_right / any_fired if any_fired else None,
        "precision_shown": shown_right / any_fired if any_fired else None,
        "recall": all_hit / all_labelled if all_labelled else None,
        "kinds": per_kind,
    }


def hint_rate_by_type(dataset: Path) -> dict[str, dict[str, float]]:
    """Share of the human follow-ups of each type that get any hint, and which."""
    counts: dict[str, Counter[str]] = {}
    for row in csv.DictReader(dataset.open(encoding="utf-8")):
        heard = [
            line.partition(":")[2]
            for line in row["Interview Turns"].splitlines()
            if line.startswith("Interviewee:")
        ]
        kinds = {h.kind for h in detect(row["Human Follow Up Question"], heard)}
        tally = counts.setdefault(row["Type"], Counter())
        tally["n"] += 1
        tally["any"] += bool(kinds)
        tally.update(kinds)
    return {
        kind: {key: value / tally["n"] if key != "n" else value for key, value in tally.items()}
        for kind, tally in sorted(counts.items(), key=lambda item: -item[1]["n"])
    }


def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.0%}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--csv", type=Path, help="the study-1 CSV (default: ../shared/data/)")
    args = parser.parse_args(argv)
    figures: dict[str, Any] = {}
    for name in SAMPLES:
        if (EVAL_DIR / name).is_file():
            figures[name] = score_sample(EVAL_DIR / name)
    dataset = args.csv or find_dataset()
    if dataset is not None and dataset.is_file():
        figures["by_type"] = hint_rate_by_type(dataset)
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
        return 0
    for name in SAMPLES:
        if name not in figures:
            continue
        f = figures[name]
        print(f"{name}: {f['questions']} questions, {f['with_mistake']} labelled with a mistake")
        print(
            f"  hinted {f['hinted']}; the one hint shown is right {_pct(f['precision_shown'])}; "
            f"all hints: precision {_pct(f['precision'])} (same kind), "
            f"{_pct(f['precision_any'])} (any mistake), recall {_pct(f['recall'])}"
        )
        for kind, k in f["kinds"].items():
            print(
                f"  {kind:9} fired {k['fired']:3}  labelled {k['labelled']:3}  "
                f"precision {_pct(k['precision'])}  recall {_pct(k['recall'])}"
            )
    if "by_type" in figures:
        print("share of the 147 human follow-ups that get a hint, by the dataset's type:")
        for kind, rates in figures["by_type"].items():
            detail = ", ".join(
                f"{k} {v:.0%}" for k, v in sorted(rates.items()) if k not in {"n", "any"}
            )
            print(f"  {kind:20} n={int(rates['n']):3}  any {rates['any']:4.0%}  {detail}")
    else:
        print("(../shared/data/ not found: per-type hint rates skipped)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
