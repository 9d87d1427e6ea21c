"""What the operator said after a question was asked is offered as its answer."""

from __future__ import annotations

from tacit.models.domain import Question, Segment
from tacit.models.spoken_answer import answer_said_since_asked

SESSION = "ses_AAAAAA"


def _question(status: str, updated_at: str, text: str = "What happens at 200 euros?") -> Question:
    question = Question(session_id=SESSION, text=text, category="edge_case", status=status)
    question.updated_at = updated_at
    return question


def _segment(speaker: str, text: str, at: str) -> Segment:
    return Segment(session_id=SESSION, speaker=speaker, text=text, at=at)


def test_operator_lines_after_the_ask_are_the_answer() -> None:
    asked = _question("asked", "2026-11-29T10:00:05.000000Z")
    segments = [
        _segment("operator", "Over 200 euros Maria approves.", "2026-11-29T10:00:00.000000Z"),
        _segment("engineer", "What about exactly 200?", "2026-11-29T10:00:06.000000Z"),
        _segment("operator", "At 200 no approval.", "2026-11-29T10:00:07.000000Z"),
        _segment("operator", "Tom covers for Maria.", "2026-11-29T10:00:09.000000Z"),
    ]
    answer = answer_said_since_asked(asked, [asked], segments)
    assert answer == "At 200 no approval. Tom covers for Maria."


def test_a_question_asked_later_takes_the_lines_after_it() -> None:
    first = _question("asked", "2026-11-29T10:00:05.000000Z")
    second = _question("asked", "2026-11-29T10:00:08.000000Z", "Who covers for Maria?")
    segments = [
        _segment("operator", "At 200 no approval.", "2026-11-29T10:00:07.000000Z"),
        _segment("operator", "Tom covers for Maria.", "2026-11-29T10:00:09.000000Z"),
    ]
    assert answer_said_since_asked(first, [first, second], segments) == "At 200 no approval."
    assert answer_said_since_asked(second, [first, second], segments) == "Tom covers for Maria."


def test_nothing_is_offered_for_a_question_not_asked_or_already_answered() -> None:
    segments = [_segment("operator", "At 200 no approval.", "2026-11-29T10:00:07.000000Z")]
    suggested = _question("suggested", "2026-11-29T10:00:05.000000Z")
    answered = _question("answered", "2026-11-29T10:00:05.000000Z")
    answered.answer = "typed by hand"
    assert answer_said_since_asked(suggested, [suggested], segments) == ""
    assert answer_said_since_asked(answered, [answered], segments) == ""
