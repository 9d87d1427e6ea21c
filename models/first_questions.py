"""Which view records a segment's questions: the first one to do so under the writer lock.

Two engineer views on one session (or a view that rejoins) may both run the engine
on the same segment. Only one set of questions may be kept, or the store, both
panes and every export show each question twice. The check and the insert happen
in one locked read-modify-write, so of two views racing the first wins and the
other keeps nothing (it sees the winner's questions through the live sync).
"""

from __future__ import annotations

from collections.abc import Iterable

from tacit.models.domain import Question, Segment
from tacit.models.repository import Store


def unasked(segments: Iterable[Segment], questions: Iterable[Question]) -> list[Segment]:
    """The operator's segments no engine run has reached yet, oldest first.

    Segments are asked about in the order they were said, so these are the ones
    after the last segment that has questions. An earlier segment without
    questions was asked about and had nothing to ask: asking again at every
    opening (an LLM call each, for every "Okay." of an imported call) is not done.
    """
    asked = {q.segment_id for q in questions if q.segment_id}
    ordered = sorted(segments, key=lambda s: (s.at, s.id))
    reached = max((i for i, s in enumerate(ordered) if s.id in asked), default=-1)
    return [s for s in ordered[reached + 1 :] if s.speaker == "operator"]


def record_first(
    store: Store, questions: Iterable[Question], asked_here: set[str]
) -> list[Question]:
    """Save the questions whose segment nobody else has questions for yet; the saved ones.

    asked_here: the segments this process already recorded questions for (their later
    questions, e.g. an LLM's that stream in after the offline ones, still count as
    this view's); it grows with the segments this call wins.
    """
    wanted = list(questions)
    if not wanted:
        return []
    with store.storage.locked():
        sessions = {q.session_id for q in wanted}
        taken = {
            q.segment_id
            for session_id in sessions
            for q in store.questions(session_id)
            if q.segment_id and q.segment_id not in asked_here
        }
        kept = [q for q in wanted if q.segment_id is None or q.segment_id not in taken]
        store.save_many(kept)
    asked_here.update(q.segment_id for q in kept if q.segment_id)
    return kept
