"""The picker's first frame shows the real session list (not an empty list filled in later),
and a large database is still read in a worker while the picker is already drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.capture import make_app
from support.waiting import wait_for
from textual.app import App
from textual.screen import Screen
from textual.widgets import OptionList

from tacit.cli.commands.run_app import engine_factory
from tacit.models.config import Config
from tacit.models.domain import Session
from tacit.models.repository import Store
from tacit.tui.app import TacitApp
from tacit.tui.screens.sessions import SessionPicker


def _first_frames(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, bool]]:
    """(options listed, list focused) as each frame of the picker is handed to the terminal
    (Textual's App._display, called with each screen update, headless too)."""
    frames: list[tuple[int, bool]] = []
    display = App._display

    def watched(app: App[None], screen: Screen[object], renderable: object) -> None:
        if renderable is not None and isinstance(screen, SessionPicker):
            listing = screen.query_one("#session-list", OptionList)
            frames.append((listing.option_count, app.focused is listing))
        display(app, screen, renderable)  # type: ignore[arg-type]

    monkeypatch.setattr(App, "_display", watched)
    return frames


async def test_the_pickers_first_frame_lists_the_sessions_with_the_list_focused(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frames = _first_frames(monkeypatch)
    app, store = make_app(db_path)
    store.save_many([Session(title="Dispatch"), Session(title="Invoices")])
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: bool(frames), "the first frame")
        assert frames[0] == (2, True)
        picker = app.screen
        assert isinstance(picker, SessionPicker)
        listing = picker.query_one("#session-list", OptionList)
        titles = [str(listing.get_option_at_index(i).prompt) for i in range(2)]
        assert any("Dispatch" in title for title in titles)


async def test_a_database_too_large_to_read_at_once_is_listed_by_the_worker(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SessionPicker, "READ_AT_ONCE", 1)  # two sessions: "too large"
    app, store = make_app(db_path)
    store.save_many([Session(title="Dispatch"), Session(title="Invoices")])
    async with app.run_test(size=(80, 24)) as pilot:
        picker = app.screen
        assert isinstance(picker, SessionPicker)
        listing = picker.query_one("#session-list", OptionList)
        await wait_for(pilot, lambda: listing.option_count == 2, "both sessions listed")
        await wait_for(pilot, lambda: app.focused is listing, "the list focused")


async def test_after_first_frame_runs_once_the_first_frame_is_drawn(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line turns garbage collection back on through this hook."""
    frames = _first_frames(monkeypatch)
    calls: list[int] = []
    config = Config()
    app = TacitApp(
        Store(db_path),
        config,
        open_engine=engine_factory(config),
        after_first_frame=lambda: calls.append(len(frames)),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: bool(calls), "the hook")
        await pilot.pause()
    assert len(calls) == 1
    assert calls[0] >= 1  # at least one frame had been handed to the terminal
