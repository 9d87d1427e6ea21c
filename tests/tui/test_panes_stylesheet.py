"""The panes' stylesheet is read with the first session screen: the picker (the first screen of
`tacit`) never parses it, and the session views are styled however they were opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.capture import capture_ready, make_app
from support.waiting import wait_for
from textual.screen import Screen

from tacit.models.domain import Session
from tacit.tui.screens.operator import OperatorScreen
from tacit.tui.screens.sessions import SessionPicker
from tacit.tui.styles import PANES_CSS


def _panes_read(app: object) -> bool:
    sources = app.stylesheet.source  # type: ignore[attr-defined]
    return any(str(path) == str(PANES_CSS) for path, _ in sources)


def _styled_as_panes(screen: Screen[object]) -> bool:
    """The narrative pane has its round border and its input is one borderless row."""
    narrative = screen.query_one("#narrative")
    return narrative.styles.border_top[0] == "round" and (
        screen.query_one("#narrative-input").outer_size.height == 1
    )


async def test_the_picker_never_parses_the_panes_and_the_session_it_opens_is_styled(
    db_path: Path,
) -> None:
    app, store = make_app(db_path)
    store.save(Session(title="Dispatch"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionPicker), "the picker")
        picker = app.screen
        await wait_for(pilot, lambda: picker.query_one("#session-list").option_count == 1)
        assert not _panes_read(app)
        await pilot.press("enter")
        screen = await capture_ready(pilot)
        assert _styled_as_panes(screen)


async def test_a_session_opened_from_the_command_line_is_styled_in_its_first_frame(
    db_path: Path,
) -> None:
    app, _ = make_app(db_path, Session(title="Dispatch"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        assert _panes_read(app)
        assert _styled_as_panes(screen)


@pytest.mark.parametrize("from_picker", [False, True])
async def test_the_operator_view_is_styled(db_path: Path, from_picker: bool) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, None if from_picker else session, role="operator")
    if from_picker:
        store.save(session)
    async with app.run_test(size=(80, 24)) as pilot:
        if from_picker:
            await wait_for(pilot, lambda: isinstance(app.screen, SessionPicker), "the picker")
            picker = app.screen
            await wait_for(pilot, lambda: picker.query_one("#session-list").option_count == 1)
            await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, OperatorScreen), "operator view")
        await wait_for(pilot, lambda: _styled_as_panes(app.screen), "the styled panes")
