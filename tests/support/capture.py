"""Helpers for the Pilot tests of the capture app (no tests here)."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from support.waiting import wait_for
from tacit.cli.commands.run_app import engine_factory
from tacit.models.config import Config
from tacit.models.domain import Session
from tacit.models.repository import Store
from tacit.tui.app import TacitApp
from tacit.tui.context import EngineFactory
from tacit.tui.screens.capture import CaptureScreen


def make_app(
    db_path: Path,
    session: Session | None = None,
    *,
    role: str = "engineer",
    config: Config | None = None,
    open_engine: EngineFactory | None = None,
) -> tuple[TacitApp, Store]:
    """An app over a fresh store, opening session (saved first) or the picker; the engine
    is the command line's unless open_engine gives another."""
    store = Store(db_path)
    if session is not None:
        store.save(session)
    config = config or Config()
    engine = open_engine or engine_factory(config)
    app = TacitApp(store, config, open_engine=engine, role=role, session=session, tz=UTC)
    return app, store


async def capture_ready(pilot: Pilot[Any]) -> CaptureScreen:
    """Wait until the capture screen is on top and has loaded its session."""
    app = pilot.app
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, CaptureScreen) and app.screen.loaded,
        "the capture screen",
    )
    screen = app.screen
    assert isinstance(screen, CaptureScreen)
    return screen


async def writes_done(pilot: Pilot[Any]) -> None:
    """Wait until every queued store write has landed on disk."""
    app = pilot.app
    assert isinstance(app, TacitApp)
    await wait_for(pilot, lambda: app.state.idle, "queued store writes")


async def type_segment(pilot: Pilot[Any], text: str) -> None:
    """Type a narrative segment into the input and press Enter."""
    screen = await capture_ready(pilot)
    screen.narrative.input.focus()
    await pilot.pause()
    await pilot.press(*text, "enter")


def visible_text(pilot: Pilot[Any]) -> str:
    """The plain text of every widget on the current screen (what a user reads)."""
    from textual.widgets import OptionList, Static

    from tacit.tui.widgets.narrative import NarrativeLog

    parts: list[str] = []
    for widget in pilot.app.screen.query("*"):
        if isinstance(widget, NarrativeLog):
            parts.extend(line.plain for line in widget.entries)
        elif isinstance(widget, OptionList):
            for index in range(widget.option_count):
                parts.append(str(widget.get_option_at_index(index).prompt))
        elif isinstance(widget, Static):
            parts.append(str(widget.render()))
    return "\n".join(parts)


def screen_lines(app: Any) -> list[str]:
    """The terminal's text as the user sees it now, one string per row (no styles)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(update)
    return console.export_text(styles=False).splitlines()


def pane_text(app: Any, widget: Any) -> str:
    """What a bordered pane shows now, its rows joined with single spaces."""
    region = widget.region
    rows = screen_lines(app)[region.y + 1 : region.bottom - 1]
    scrollbar = str.maketrans("", "", "▁▂▃▄▅▆▇█")  # its thumb is no part of the text
    inside = [row[region.x + 1 : region.right - 1].translate(scrollbar) for row in rows]
    return " ".join(" ".join(inside).split())
