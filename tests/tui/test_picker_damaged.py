"""A damaged session shows in the picker, marked with its reason; opening it says what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

from support.capture import make_app, screen_lines
from support.waiting import wait_for
from textual.widgets import OptionList, Static

from tacit.models.domain import Session
from tacit.tui.screens.sessions import SessionPicker


async def test_the_picker_marks_a_damaged_session_and_opening_it_says_why(
    db_path: Path,
) -> None:
    app, store = make_app(db_path)
    good, bad = Session(title="Dispatch"), Session(title="Broken call")
    store.save_many([good, bad])
    data = json.loads(db_path.read_text())
    data["sessions"][bad.id]["updated_at"] = 5
    db_path.write_text(json.dumps(data))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionPicker), "the picker")
        picker = app.screen
        listing = picker.query_one("#session-list", OptionList)
        await wait_for(pilot, lambda: listing.option_count == 2, "both sessions listed")
        shown = "\n".join(screen_lines(app))
        assert "Dispatch" in shown
        assert "Broken call" in shown and "damaged" in shown and "updated_at" in shown
        listing.focus()
        listing.highlighted = 1
        await pilot.press("enter")
        error = picker.query_one("#session-error", Static)
        await wait_for(pilot, lambda: "damaged" in str(error.render()), "what is wrong")
        assert "updated_at" in str(error.render())
        assert app.screen is picker and app.is_running
        listing.focus()
        listing.highlighted = 0
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SessionPicker), "it opens")
