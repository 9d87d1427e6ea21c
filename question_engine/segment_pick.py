"""A segment's few questions out of every cue match: best first, spread over categories
and quotes, never two alike and never one the session already has."""

from __future__ import annotations

from collections import defaultdict

from tacit.question_engine.best_first import best_first
from tacit.question_engine.candidate import Candidate
from tacit.question_engine.memory import SessionMemory
from tacit.question_engine.pane_duplicates import (
    DownSystems,
    exception_to_a_limit,
    generic_edge_again,
    limit_quotes,
)
from tacit.question_engine.text import same_question

CATEGORY_DECAY = 0.55  # each further pick of a category counts for this much less
SAME_QUOTE_DECAY = 0.8


def pick_diverse(candidates: list[Candidate], memory: SessionMemory, limit: int) -> list[Candidate]:
    """The best few, diverse across categories and quotes, never two alike."""
    pool = sorted(candidates, key=lambda c: -c.score)
    picked: list[Candidate] = []
    per_category: dict[str, int] = defaultdict(int)
    per_quote: dict[str, int] = defaultdict(int)
    keys: set[tuple[str, frozenset[str]]] = set()
    down = DownSystems()  # the pane's one-thing-once rules, as the session's ranking has them
    limited: dict[str, list[str]] = {}  # the limits a picked threshold question asks of
    edged: set[str] = set()  # sentences whose edge a picked question asks

    def decayed(c: Candidate) -> float:
        return (
            c.score
            * CATEGORY_DECAY ** per_category[c.category]
            * SAME_QUOTE_DECAY ** per_quote[c.quote]
        )

    for best in best_first(pool, decayed):
        if len(picked) >= limit:
            break
        fingerprint = memory.fingerprint(best.text)
        if (
            best.key in keys
            or any(map(memory.knows, best.variants))
            or any(same_question(fingerprint, memory.fingerprint(p.text)) for p in picked)
            or exception_to_a_limit(best, limited)
            or generic_edge_again(best, edged)
            or down.asked_again(best.text)
        ):
            continue
        if best.category == "edge_case" and best.quote:
            edged.add(best.quote)
        for quote, limits in limit_quotes([best]).items():
            limited.setdefault(quote, []).extend(limits)
        picked.append(best)
        keys.add(best.key)
        per_category[best.category] += 1
        per_quote[best.quote] += 1
    return picked
