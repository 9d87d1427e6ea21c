"""The operator's answer to a question, as it was said on the call.

Once the engineer marks a question asked, the operator answers aloud and the
words land as narrative segments. Offering those words when the engineer
records the answer saves retyping them on a live call, and keeps the answer
in the operator's own phrasing.
"""

from __future__ import annotations

from collections.abc import Iterable

from tacit.models.domain import Question, Segment

_LATER_ASKED = ("asked", "answered", "parked")


def answer_said_since_asked(
    question: Question, questions: Iterable[Question], segments: Iterable[Segment]
) -> str:
    """The operator's lines after question was asked, up to the next question asked.

    Empty unless the question is asked and has no answer yet: an answer someone
    typed is never replaced.
    """
    if question.status != "asked" or question.answer.strip():
        return ""
    start = question.updated_at
    later = [
        other.updated_at
        for other in questions
        if other.id != question.id and other.status in _LATER_ASKED and other.updated_at > start
    ]
    end = min(later, default=None)
    said = [
        segment.text.strip()
        for segment in sorted(segments, key=lambda s: s.at)
        if segment.speaker == "operator"
        and segment.at > start
        and (end is None or segment.at < end)
    ]
    return " ".join(text for text in said if text)
