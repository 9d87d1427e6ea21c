"""Of two views asking about one segment, the first to record its questions under the lock wins."""

from __future__ import annotations

from pathlib import Path

from tacit.models.domain import Question, Segment, Session
from tacit.models.first_questions import record_first, unasked
from tacit.models.repository import Store


def _question(segment: Segment, text: str) -> Question:
    return Question(
        session_id=segment.session_id, text=text, category="exception", segment_id=segment.id
    )


def test_the_second_view_keeps_nothing_and_the_first_keeps_adding(tmp_path: Path) -> None:
    db = tmp_path / "tacit.json"
    session = Session(title="Dispatch")
    segment = Segment(session_id=session.id, speaker="operator", text="We route by zip.")
    Store(db).save_many([session, segment])
    first, second = Store(db), Store(db)
    first_asked: set[str] = set()
    second_asked: set[str] = set()

    won = record_first(first, [_question(segment, "When not by zip?")], first_asked)
    lost = record_first(second, [_question(segment, "Who decides the exceptions?")], second_asked)
    later = record_first(first, [_question(segment, "How often is that?")], first_asked)

    assert [q.text for q in won] == ["When not by zip?"] and lost == []
    assert [q.text for q in later] == ["How often is that?"]
    stored = sorted(q.text for q in Store(db).questions(session.id))
    assert stored == ["How often is that?", "When not by zip?"]
    assert second_asked == set()


def test_unasked_is_the_operators_segments_without_questions(tmp_path: Path) -> None:
    session = Session(title="Dispatch")
    asked, waiting = (
        Segment(session_id=session.id, speaker="operator", text=t) for t in ("a.", "b.")
    )
    engineer = Segment(session_id=session.id, speaker="engineer", text="why?")
    assert unasked([waiting, engineer, asked], [_question(asked, "q?")]) == [waiting]


def test_unasked_starts_after_the_last_segment_with_questions(tmp_path: Path) -> None:
    session = Session(title="Dispatch")
    said = [Segment(session_id=session.id, speaker="operator", text=f"{n}.") for n in range(4)]
    _nothing_to_ask, asked, waiting, too = said
    assert unasked(said, [_question(asked, "q?")]) == [waiting, too]
    assert unasked(said, []) == said
