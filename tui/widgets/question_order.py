"""The order of the questions pane: the session's best questions first, spread out.

Questions still to ask (suggested, or asked and waiting for the answer) come first, ranked
across the whole session the way `EngineSession.ranked` ranks for `tacit suggest`: by the
engine's score, each further pick of the same category, segment or sentence counting
less, so the top of the pane spreads over segments and categories instead of showing the
newest segment's five. Parked questions follow (waiting on their owner), then answered
ones, then dismissed ones, each group ranked the same way. The pane ranks the stored
questions (they survive a restart and include the LLM's and the ones typed in), so the
order is the same whichever view or run computes it. Equal scores: newest segment first.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable

from tacit.models.domain import Question, Segment

GROUP: dict[str, int] = {"suggested": 0, "asked": 0, "parked": 1, "answered": 2, "dismissed": 3}
TO_ASK = 0  # the group the reader works through


def group_of(question: Question) -> int:
    """Which part of the pane a question belongs in (0: still to ask)."""
    return GROUP.get(question.status, TO_ASK)


def session_order(
    questions: Iterable[Question], segments: Iterable[Segment], *, keep: str | None = None
) -> list[Question]:
    """Every question, to-ask ones first, each group best first and spread out. `keep`
    names a question ranked among the ones to ask whatever its status: the one just
    answered stays under the reader's highlight, so the rule is drafted from it."""
    said_at = {s.id: s.at for s in segments}

    def recency(q: Question) -> tuple[str, str, str]:
        return (said_at.get(q.segment_id or "", q.created_at), q.created_at, q.id)

    newest_first = sorted(questions, key=recency, reverse=True)
    groups: dict[int, list[Question]] = defaultdict(list)
    for question in newest_first:
        groups[TO_ASK if question.id == keep else group_of(question)].append(question)
    return [q for group in sorted(groups) for q in _spread(groups[group])]


def _spread(questions: list[Question]) -> list[Question]:
    """Greedy: the best effective score next, where each earlier pick of the question's
    category, segment or quoted sentence multiplies it by a decay. Effective scores only
    fall, so a lazily updated heap gives the same order as re-scoring everything at every
    pick."""
    # the engine's own decays, so the pane and `tacit suggest` spread alike (imported here:
    # the engine loads after the first frame)
    from tacit.question_engine.session import CATEGORY_DECAY, QUOTE_DECAY, SEGMENT_DECAY

    per_category: dict[str, int] = defaultdict(int)
    per_segment: dict[str, int] = defaultdict(int)
    per_quote: dict[str, int] = defaultdict(int)

    def effective(q: Question) -> float:
        segment = q.segment_id or q.id
        return (
            max(q.score, 0.0)
            * CATEGORY_DECAY ** per_category[q.category]
            * SEGMENT_DECAY ** per_segment[segment]
            * (QUOTE_DECAY ** per_quote[q.quote] if q.quote else 1.0)
        )

    heap = [(-effective(q), position) for position, q in enumerate(questions)]
    heapq.heapify(heap)
    chosen: list[Question] = []
    while heap:
        stale, position = heapq.heappop(heap)
        question = questions[position]
        current = effective(question)
        if current < -stale:  # its category or segment was picked since: re-queue
            heapq.heappush(heap, (-current, position))
            continue
        chosen.append(question)
        per_category[question.category] += 1
        per_segment[question.segment_id or question.id] += 1
        per_quote[question.quote] += 1
    return chosen
