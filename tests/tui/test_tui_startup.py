"""Start-up: `tacit` with no arguments shows the picker as its very first screen; the engine
the command line gives the app runs, after the first frame, and answers what is typed at once."""

from __future__ import annotations

from pathlib import Path

from support.capture import capture_ready, make_app, type_segment
from support.waiting import wait_for
from textual.widgets import LoadingIndicator

from tacit.models.domain import Session
from tacit.question_engine.coverage import SessionProfile
from tacit.question_engine.memory import SessionMemory
from tacit.question_engine.session import EngineSession, Facts
from tacit.question_engine.types import Suggestion
from tacit.tui.screens.sessions import SessionPicker


async def test_the_picker_is_the_first_screen_not_pushed_over_a_blank_one(db_path: Path) -> None:
    app, store = make_app(db_path)
    store.save(Session(title="Dispatch"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionPicker), "the picker")
        assert len(app.screen_stack) == 1
        picker = app.screen
        await wait_for(pilot, lambda: picker.query_one("#session-list").option_count == 1)
        # a quick read never flashed a loading indicator
        assert not picker.query(LoadingIndicator)
        await pilot.press("enter")
        screen = await capture_ready(pilot)
        assert screen.session.title == "Dispatch"
        await pilot.press("ctrl+o")  # the picker again, over the session; Escape returns
        await wait_for(pilot, lambda: isinstance(app.screen, SessionPicker), "the picker")
        await pilot.press("escape")
        await capture_ready(pilot)
        assert app.is_running


class _CannedEngine:
    """An engine that asks one recognisable question per operator segment."""

    max_suggestions = 5
    template_stems: frozenset[str] = frozenset()

    def lexicon_is_verb(self, word: str) -> bool:
        return False

    def segment_questions(
        self,
        segment: str,
        earlier: int,
        profile: SessionProfile,
        memory: SessionMemory,
        touched: set[str],
        workflow: str,
        limit: int | None = None,
    ) -> tuple[list[Suggestion], Facts]:
        asked = Suggestion(f"Canned: who decides {segment!r}?", "exception", segment, "canned", 1.0)
        return [asked], ((), ())


async def test_the_capture_screen_runs_the_engine_the_command_line_gives_it(
    db_path: Path,
) -> None:
    opened: list[EngineSession] = []

    def open_engine() -> EngineSession:
        opened.append(EngineSession(_CannedEngine()))
        return opened[-1]

    app, _ = make_app(db_path, Session(title="Dispatch"), open_engine=open_engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_segment(pilot, "We route by zip.")
        await type_segment(pilot, "Key accounts stay.")
        screen = await capture_ready(pilot)
        texts = lambda: {q.text for q in screen.state.questions.values()}  # noqa: E731
        await wait_for(pilot, lambda: len(texts()) == 2, "a canned question per segment")
    assert texts() == {
        "Canned: who decides 'We route by zip.'?",
        "Canned: who decides 'Key accounts stay.'?",
    }
    assert len(opened) == 1  # one engine per capture session, kept across segments


async def test_a_segment_typed_the_moment_the_screen_appears_gets_questions(
    db_path: Path,
) -> None:
    app, _ = make_app(db_path, Session(title="Dispatch"))
    async with app.run_test(size=(80, 24)) as pilot:
        # no wait for the session to load or the engine to exist: typed at once
        await pilot.press(*"We route by zip code unless the account is key.", "enter")
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.narrative.segment_count == 1, "the segment")
        segment_id = screen.state.segments[0].id
        await wait_for(
            pilot,
            lambda: any(q.segment_id == segment_id for q in screen.state.questions.values()),
            "questions for the segment typed at once",
        )
