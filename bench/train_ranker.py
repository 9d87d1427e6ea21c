"""Fit the question ranker (question_engine/ranker.py) on the dev split, and measure it out of fold.

Usage: python bench/train_ranker.py [--cv] [--write] [--check] [--folds K] [--l2 L]

- every cue candidate of every dev narrative (before any pick) is an example: its generic
  features (item_features) and whether it hits a gap (the scorer's rule: the gap's
  category and one of its terms). A logistic regression with the hand score's log as an
  offset is fitted by plain gradient descent (deterministic: fixed steps, sorted features).
- `--cv`: grouped K-fold by narrative. Each fold's narratives are scored by the engine
  with a ranker fitted on the other folds only; the macro figures over all narratives are
  out of fold. The hand-weighted engine is scored beside it (it was tuned on all of dev,
  so its figure is fitted, a floor for comparison, not a result).
- `--write`: cross-validate, fit on all of dev and write prompts/ranker.json with the
  figures and `enabled`: true only when the learned ranker's out-of-fold recall@10 is at
  least the hand weights' (fitted) figure and its precision and wrong share meet the
  targets; otherwise the engine keeps the hand scores. `--check`: exit 0 when the shipped
  weights are what this script fits, 3 when the dev candidates changed since (a bank
  change: run --write again), 1 when the same candidates give other weights.
Dev split only: this script never reads bench/eval/test or bench/eval/validation.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tacit.question_engine.offline import OfflineEngine  # noqa: E402
from tacit.question_engine.ranker import RANKER_PATH, Ranker, item_features  # noqa: E402
from tacit.question_engine.text import clean  # noqa: E402

try:
    from bench.eval_engine import (
        EVAL_DIR,
        load_narratives,
        names_term,
        score_narrative,
        segments_of,
    )
except ImportError:  # run as a script: bench/ is on sys.path
    from eval_engine import (  # type: ignore[no-redef]
        EVAL_DIR,
        load_narratives,
        names_term,
        score_narrative,
        segments_of,
    )

L2 = 100.0  # chosen among 1, 10, 50, 100 by the out-of-fold recall@5/@10 (bench/eval/README.md)
STEPS = 400
RATE = 1.0
FOLDS = 7
STALE = 3  # --check's exit status when the dev candidates changed since the weights were fitted
Example = tuple[dict[str, float], float, bool]  # features, offset (log hand score), label


def examples_of(engine: OfflineEngine, narrative: dict[str, Any]) -> list[Example]:
    """Every cue candidate of one narrative, with its features and whether it hits a gap.
    (Sharing each gap's worth among the candidates hitting it was tried: out of fold it
    scored recall@10 0.745 against 0.756, so every hit counts as one.)"""
    found: list[Example] = []
    for index, segment in enumerate(segments_of(narrative["text"])):
        pairs = engine.candidate_questions(segment, earlier=index)
        items = [item for _, item in pairs]
        features = item_features(items, index, clean(segment), engine.lexicon.roles.__contains__)
        for (question, item), values in zip(pairs, features, strict=True):
            hit = any(
                question.category == gap["category"] and names_term(question.text, gap["terms"])
                for gap in narrative["gap"]
            )
            found.append((values, math.log(max(item.score, 1e-6)), hit))
    return found


def fit(examples: Sequence[Example], l2: float = L2, steps: int = STEPS) -> Ranker:
    """Logistic regression with an offset, by full-batch gradient descent (deterministic)."""
    names = sorted({name for values, _, _ in examples for name in values})
    index = {name: i for i, name in enumerate(names)}
    rows = [
        ([(index[n], v) for n, v in sorted(values.items())], offset, float(label))
        for values, offset, label in examples
    ]
    weights = [0.0] * len(names)
    bias = 0.0
    count = max(1, len(rows))
    rate = min(RATE, 0.5 * count / max(l2, 1e-9))  # a bigger step overshoots the penalty
    for _ in range(steps):
        grad = [0.0] * len(names)
        grad_bias = 0.0
        for row, offset, label in rows:
            z = bias + offset + sum(weights[i] * v for i, v in row)
            error = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - label
            grad_bias += error
            for i, v in row:
                grad[i] += error * v
        bias -= rate * grad_bias / count
        for i in range(len(names)):
            weights[i] -= rate * (grad[i] / count + l2 * weights[i] / count)
    return Ranker(bias, {name: weights[i] for name, i in index.items()})


def _score(engine: OfflineEngine, narrative: dict[str, Any], stems: frozenset[str]) -> Any:
    return score_narrative(narrative, engine.analyse_session(segments_of(narrative["text"])), stems)


def _auc(scored: list[tuple[float, bool]]) -> float | None:
    """How often a candidate hitting a gap scores above one hitting none (ties half)."""
    hits = [s for s, y in scored if y]
    others = [s for s, y in scored if not y]
    if not hits or not others:
        return None
    wins = sum((h > o) + 0.5 * (h == o) for h in hits for o in others)
    return wins / (len(hits) * len(others))


def _macro(rows: list[dict[str, Any]]) -> dict[str, float]:
    count = len(rows)
    shown = max(1, sum(len(r["top10"]) for r in rows))
    aucs = [r["auc"] for r in rows if r.get("auc") is not None]
    return {
        "hit AUC within a narrative": sum(aucs) / max(1, len(aucs)),
        "recall@5": sum(r["recall@5"] for r in rows) / count,
        "recall@10": sum(r["recall@10"] for r in rows) / count,
        "precision@10": sum(r["precision@10"] for r in rows) / count,
        "wrong_share": sum(r["wrong"] for r in rows) / shown,
        "duplicates": float(sum(r["duplicates"] for r in rows)),
    }


def cross_validate(folds: int = FOLDS, l2: float = L2) -> dict[str, dict[str, float]]:
    """Out-of-fold figures of the learned ranker, and the hand-weighted engine's beside them."""
    narratives = load_narratives(EVAL_DIR)
    engine = OfflineEngine(ranker=Ranker())
    stems = frozenset(engine.template_stems)
    data = [examples_of(engine, n) for n in narratives]
    hand = [_score(engine, n, stems) for n in narratives]
    learned: list[dict[str, Any]] = []
    for fold in range(folds):
        held = [i for i in range(len(narratives)) if i % folds == fold]
        train = [e for i, rows in enumerate(data) if i % folds != fold for e in rows]
        engine.ranker = fit(train, l2)
        for i in held:
            learned.append(_score(engine, narratives[i], stems))
            learned[-1]["auc"] = _auc([(o + engine.ranker.log_factor(f), y) for f, o, y in data[i]])
            hand[i]["auc"] = _auc([(o, y) for _, o, y in data[i]])
    by_id = {row["id"]: row for row in learned}
    paired: dict[str, float] = {}
    for metric in ("recall@5", "recall@10"):
        differences = [by_id[row["id"]][metric] - row[metric] for row in hand]
        mean = sum(differences) / len(differences)
        spread = math.sqrt(sum((d - mean) ** 2 for d in differences) / (len(differences) - 1))
        paired[metric] = mean
        paired[metric + " standard error"] = spread / math.sqrt(len(differences))
    return {
        "hand (fitted on all dev)": _macro(hand),
        "learned (out of fold)": _macro(learned),
        "learned - hand, paired": paired,
    }


def examples_digest(examples: Sequence[Example]) -> str:
    """A fingerprint of the training examples: the weights are reproducible only from these."""
    digest = hashlib.sha256()
    for values, offset, label in examples:
        digest.update(json.dumps([sorted(values.items()), round(offset, 6), label]).encode())
    return digest.hexdigest()


def check(examples: Sequence[Example]) -> int:
    """0 when the shipped weights are what fit() gives on these examples; STALE when the
    examples changed since they were fitted (the bank changed: run --write); 1 otherwise."""
    shipped = json.loads(RANKER_PATH.read_text(encoding="utf-8")) if RANKER_PATH.exists() else {}
    if shipped.get("examples_sha256") != examples_digest(examples):
        print(f"{RANKER_PATH.name} was fitted on other candidates: run --write", file=sys.stderr)
        return STALE
    again = json.loads(fit(examples, float(shipped["l2"])).to_json())
    if (shipped.get("bias"), shipped.get("weights")) != (again["bias"], again["weights"]):
        print(f"{RANKER_PATH} differs from what train_ranker.py fits", file=sys.stderr)
        return 1
    print(f"{RANKER_PATH.name}: reproducible ({len(examples)} examples)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Cross-validate, write or check the shipped ranker."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="out-of-fold figures on dev")
    parser.add_argument("--write", action="store_true", help=f"write {RANKER_PATH.name}")
    parser.add_argument("--check", action="store_true", help="shipped file is reproducible")
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--l2", type=float, default=L2)
    args = parser.parse_args(argv)
    if args.cv:
        for name, figures in cross_validate(args.folds, args.l2).items():
            shown = "  ".join(f"{k} {v:.3f}" for k, v in figures.items())
            print(f"{name:<26} {shown}")
    if args.write or args.check:
        engine = OfflineEngine(ranker=Ranker())
        examples = [e for n in load_narratives(EVAL_DIR) for e in examples_of(engine, n)]
        if args.check:
            return check(examples)
        fitted = fit(examples, args.l2)
        figures = cross_validate(args.folds, args.l2)
        hand, learned = figures["hand (fitted on all dev)"], figures["learned (out of fold)"]
        enabled = (
            learned["recall@10"] >= hand["recall@10"]
            and learned["precision@10"] >= 0.6
            and learned["wrong_share"] <= 0.1
        )
        rounded = {k: {m: round(v, 3) for m, v in f.items()} for k, f in figures.items()}
        extra = {
            "enabled": enabled,
            "l2": args.l2,
            "folds": args.folds,
            "cv": rounded,
            "examples_sha256": examples_digest(examples),
        }
        RANKER_PATH.write_text(fitted.to_json(extra), encoding="utf-8")
        print(f"wrote {RANKER_PATH} from {len(examples)} examples; enabled: {enabled}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
