"""Start-up: `tacit` with no arguments shows the picker as its very first screen."""

from __future__ import annotations

from pathlib import Path

from support.capture import capture_ready, make_app
from support.waiting import wait_for
from textual.widgets import LoadingIndicator

from tacit.models.domain import Session
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
