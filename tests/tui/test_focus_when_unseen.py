"""A view composed while the terminal reports it unfocused (a pair window nobody is looking
at yet: tmux sends focus-out with focus-events on) still types into the narrative input
once someone attaches; the first keys were lost before."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.capture import make_app, writes_done
from support.waiting import wait_for
from textual import events

from tacit.models.domain import Session
from tacit.tui.screens.sessions import SessionPicker


@pytest.mark.parametrize("role", ["engineer", "operator"])
async def test_typing_after_attaching_reaches_the_narrative(db_path: Path, role: str) -> None:
    app, store = make_app(db_path, role=role)
    session = Session(title="Dispatch")
    store.save(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionPicker), "the picker")
        picker = app.screen
        await wait_for(pilot, lambda: picker.query_one("#session-list").option_count == 1)
        app.post_message(events.AppBlur())  # nobody looks at this window
        await wait_for(pilot, lambda: not app.app_focus, "the app unfocused")
        app.open_session(session)
        await wait_for(pilot, lambda: getattr(app.screen, "loaded", False), "the session view")
        app.post_message(events.AppFocus())  # someone attached
        await wait_for(pilot, lambda: app.app_focus, "the app focused")
        await pilot.press(*"Typed on arrival.", "enter")
        await wait_for(pilot, lambda: store.segments(session.id), "the segment stored")
        await writes_done(pilot)
    assert [s.text for s in store.segments(session.id)] == ["Typed on arrival."]
