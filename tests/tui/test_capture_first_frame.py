"""The capture screen's first frame (drawn before the session is read, just after it) says
the session is being read: it said "Questions to ask appear here as the operator talks" over
a call already recorded. Once read, an empty session shows the usual hints. Its narrative
border shows focus from the first frame on."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.capture import capture_ready, make_app
from support.waiting import wait_for
from textual.app import App
from textual.screen import Screen
from textual.widgets import OptionList

from tacit.models.domain import Segment, Session
from tacit.tui.screens.capture import CaptureScreen
from tacit.tui.widgets.narrative import NarrativePane
from tacit.tui.widgets.record_list import QuestionList, RuleList


def _hint(listing: OptionList) -> str:
    return str(listing.get_option_at_index(0).prompt) if listing.option_count else ""


def _frames(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, bool]]:
    """(questions pane's first line, rules pane's first line, narrative marked focused) as
    each frame of the capture screen is handed to the terminal."""
    frames: list[tuple[str, str, bool]] = []
    display = App._display

    def watched(app: App[None], screen: Screen[object], renderable: object) -> None:
        if renderable is not None and isinstance(screen, CaptureScreen):
            questions = screen.query_one(QuestionList)
            rules = screen.query_one(RuleList)
            narrative = screen.query_one(NarrativePane)
            frames.append((_hint(questions), _hint(rules), narrative.has_class("-focus-within")))
        display(app, screen, renderable)  # type: ignore[arg-type]

    monkeypatch.setattr(App, "_display", watched)
    return frames


async def test_the_first_frame_says_the_session_is_being_read(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frames = _frames(monkeypatch)
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    store.save(Segment(session_id=session.id, speaker="operator", text="We route by zip code."))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: bool(frames), "the first frame")
        questions_line, rules_line, focused = frames[0]
        assert "Reading the session" in questions_line
        assert "Reading the session" in rules_line
        assert "appear here" not in questions_line
        assert focused


async def test_an_empty_session_shows_the_hints_once_read(db_path: Path) -> None:
    app, _ = make_app(db_path, Session(title="New call"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        questions, rules = screen.query_one(QuestionList), screen.query_one(RuleList)
        await wait_for(pilot, lambda: "appear here" in _hint(questions), "the questions hint")
        assert "drafts a rule" in _hint(rules)
