"""How much of the dev split the engine could reach if ranking were perfect (dev only).

`python bench/eval_engine.py --split dev --ceiling` prints, beside recall@10, the recall a
narrative would get if every question at a stage of the engine counted:

- ranked: every question the session ranking returns (no top-10 cut);
- pool: every question kept per segment for the ranking (after the per-segment pick);
- candidates: every question any cue raises (companions included), before any pick, cap
  or de-duplication, plus the pool (probes, coverage, the session summary);
- variants: the same with every wording of each candidate;
- any category: a candidate (any wording) names one of the gap's terms, whatever its
  category (the strict scorer then still needs the annotator's category).

And each gap missed at @10 by the stage that first reaches it, so it says whether
generation or ranking (and category choice) loses recall; for gaps no candidate of their
own category names, which categories the questions naming them have (where a companion
in the gap's category is missing). Scoring helpers come from the
scorer (`eval_engine.py`), passed in, so the two never import each other in a circle.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from tacit.question_engine.offline import OfflineEngine
from tacit.question_engine.session import EngineSession
from tacit.question_engine.types import Suggestion

NamesTerm = Callable[[str, Sequence[str]], bool]
STAGES = ("top10", "ranked", "pool", "candidates", "variants", "any_category")
MISS_KINDS = (
    "ranked below 10",
    "in the pool, cut from the ranking",
    "cut before the pool (per-segment pick)",
    "another wording only",
    "named only in another category",
    "named by nothing",
)


def _reached(gap: dict[str, Any], questions: Sequence[Suggestion], names_term: NamesTerm) -> bool:
    return any(
        q.category == gap["category"] and names_term(q.text, gap["terms"]) for q in questions
    )


def _stages(engine: OfflineEngine, segments: list[str]) -> dict[str, list[Suggestion]]:
    """The questions at each stage of the engine for one narrative."""
    session = EngineSession(engine)
    for segment in segments:
        session.add_segment(segment)
    ranked = session.ranked()
    summary = session.summary_question()
    pool = [q for _, q in session.found] + ([summary] if summary else [])
    candidates = [q for s in segments for q, _ in engine.candidate_questions(s)]
    variants = [q for s in segments for q, _ in engine.candidate_questions(s, variants=True)]
    return {
        "top10": ranked[:10],
        "ranked": ranked,
        "pool": pool,
        "candidates": candidates + pool,
        "variants": variants + pool,
    }


def ceiling_figures(
    engine: OfflineEngine,
    narratives: list[dict[str, Any]],
    segments_of: Callable[[str], list[str]],
    names_term: NamesTerm,
) -> dict[str, Any]:
    """Recall (macro over narratives) at each stage, and misses at @10 by first stage."""
    totals: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    crossed: Counter[str] = Counter()  # "gap's category <- a naming question's category"
    for narrative in narratives:
        stages = _stages(engine, segments_of(narrative["text"]))
        gaps = narrative["gap"]
        for gap in gaps:
            reached = {name: _reached(gap, qs, names_term) for name, qs in stages.items()}
            reached["any_category"] = any(
                names_term(q.text, gap["terms"]) for q in stages["variants"]
            )
            for name, hit in reached.items():
                totals[name] += hit / len(gaps)
            if not reached["top10"]:
                misses[_miss_kind(reached)] += 1
            if not reached["variants"] and reached["any_category"]:
                naming = {
                    q.category for q in stages["variants"] if names_term(q.text, gap["terms"])
                }
                for category in naming:
                    crossed[f"{gap['category']} <- {category}"] += 1
    count = len(narratives)
    return {
        "narratives": count,
        "gaps": sum(len(n["gap"]) for n in narratives),
        "recall": {name: totals[name] / count for name in STAGES},
        "misses@10": {kind: misses[kind] for kind in MISS_KINDS},
        "other_category": dict(crossed.most_common()),
    }


def _miss_kind(reached: dict[str, bool]) -> str:
    for stage, kind in zip(STAGES[1:], MISS_KINDS[:-1], strict=True):
        if reached[stage]:
            return kind
    return MISS_KINDS[-1]


def print_ceiling(figures: dict[str, Any]) -> None:
    """The ceiling as lines of text."""
    print(f"ceiling (dev): {figures['narratives']} narratives, {figures['gaps']} gaps")
    labels = {
        "top10": "recall@10 (shipped)",
        "ranked": "every ranked question",
        "pool": "the per-segment pools",
        "candidates": "every candidate",
        "variants": "every candidate wording",
        "any_category": "named in any category",
    }
    for name in STAGES:
        print(f"  {labels[name]:<26} {figures['recall'][name]:.3f}")
    print("  misses at @10, by the first stage that reaches them:")
    for kind, count in figures["misses@10"].items():
        print(f"    {count:>4}  {kind}")
    print("  gaps named only in another category (gap's category <- the questions' categories):")
    for pair, count in figures["other_category"].items():
        print(f"    {count:>4}  {pair}")
