"""Segments get questions exactly once: said before the engineer's view opened, or with two
engineer views open on one session (only one of them records a segment's questions)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from support.waiting import wait_for
from textual.pilot import Pilot

from tacit.cli.commands.run_app import engine_factory
from tacit.models.config import Config
from tacit.models.domain import Question, Segment, Session
from tacit.models.repository import Store
from tacit.tui.app import TacitApp
from tacit.tui.screens.capture import CaptureScreen

SIZE = (100, 30)
SAID = [
    "We route tickets by zip code; Janet takes the big ones and decides the exceptions.",
    "When a refund is over 500 dollars, Finance signs off before the agent replies.",
]


def _engineer(db: Path, session: Session) -> TacitApp:
    engine = engine_factory(Config())
    return TacitApp(Store(db), Config(), open_engine=engine, role="engineer", session=session)


def _said_before_anyone_opened(db: Path) -> tuple[Session, list[Segment]]:
    store = Store(db)
    session = Session(title="Dispatch")
    segments = [Segment(session_id=session.id, speaker="operator", text=t) for t in SAID]
    store.save_many([session, *segments])
    store.close()
    return session, segments


def _asked(db: Path, segment: Segment) -> list[Question]:
    return [q for q in Store(db).questions(segment.session_id) if q.segment_id == segment.id]


async def _settled(pilots: Sequence[Pilot[None]], screens: Sequence[CaptureScreen]) -> None:
    """Every engine run finished and every queued write on disk."""

    def idle() -> bool:
        return all(not s.status.busy and not s.suggesting and s.state.idle for s in screens)

    await wait_for(list(pilots), idle, "the engines idle and the writes done")


async def test_segments_said_before_the_engineer_view_opened_get_questions_once(
    tmp_path: Path,
) -> None:
    db = tmp_path / "tacit.json"
    session, segments = _said_before_anyone_opened(db)
    async with _engineer(db, session).run_test(size=SIZE) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, CaptureScreen)
        await wait_for(
            pilot, lambda: all(_asked(db, s) for s in segments), "questions for both segments"
        )
        await _settled([pilot], [screen])
        shown = set(screen.question_list.records)
        assert {q.id for s in segments for q in _asked(db, s)} <= shown
    first = {s.id: sorted(q.id for q in _asked(db, s)) for s in segments}
    async with _engineer(db, session).run_test(size=SIZE) as pilot:  # the engineer rejoins
        screen = pilot.app.screen
        assert isinstance(screen, CaptureScreen)
        await wait_for(pilot, lambda: screen.loaded, "the session loaded")
        await _settled([pilot], [screen])
    assert {s.id: sorted(q.id for q in _asked(db, s)) for s in segments} == first


async def test_two_engineer_views_record_a_segments_questions_once(tmp_path: Path) -> None:
    db = tmp_path / "tacit.json"
    session, segments = _said_before_anyone_opened(db)
    first, second = _engineer(db, session), _engineer(db, session)
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        screens = [first.screen, second.screen]
        assert all(isinstance(s, CaptureScreen) for s in screens)
        capture = [s for s in screens if isinstance(s, CaptureScreen)]
        await wait_for([one, two], lambda: all(_asked(db, s) for s in segments), "questions")
        await _settled([one, two], capture)
        said_now = Segment(
            session_id=session.id,
            speaker="operator",
            text="If the tech is late we call the customer; Ines decides after two hours.",
        )
        Store(db).save(said_now)  # the operator's view typed it
        await wait_for([one, two], lambda: _asked(db, said_now), "questions for the new segment")
        await _settled([one, two], capture)
        stored = Store(db).questions(session.id)
        await wait_for(
            [one, two],
            lambda: all(set(s.question_list.records) == {q.id for q in stored} for s in capture),
            "both panes showing the stored questions",
        )
    for segment in [*segments, said_now]:
        texts = [q.text.casefold() for q in _asked(db, segment)]
        assert texts and len(texts) == len(set(texts)), f"asked twice about {segment.text!r}"
    texts = [q.text.casefold() for q in stored]
    assert len(texts) == len(set(texts))
