"""Finding your way at 80x24 and 120x40: help, coverage label, status line, maximize."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.capture import capture_ready, make_app, screen_lines
from support.fake_openai_server import FakeServer
from support.waiting import wait_for

from tacit.models.config import Config, LLMConfig
from tacit.models.domain import Question, Session
from tacit.tui.screens.capture import CaptureScreen
from tacit.tui.screens.help import HelpScreen
from tacit.tui.widgets.narrative import NarrativePane

SIZES = [(80, 24), (120, 40)]


def _question(session: Session) -> Question:
    return Question(
        session_id=session.id,
        text="When do you *not* go by zip code?",
        category="exception",
        quote="We route by zip code.",
    )


@pytest.mark.parametrize("size", SIZES)
async def test_help_from_the_input_lists_the_screen_and_pane_keys(
    db_path: Path, size: tuple[int, int]
) -> None:
    app, _ = make_app(db_path, Session(title="Dispatch"))
    async with app.run_test(size=size) as pilot:
        screen = await capture_ready(pilot)
        assert app.focused is screen.narrative.input
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        by_key = {(b.key, b.description) for b in help_screen.entries}
        for key in ("a", "r", "p", "d", "u", "y", "e", "D", "Y", "f5"):
            assert any(k == key for k, _ in by_key), key
        titles = [title for title, _ in help_screen.sections]
        assert {"Questions pane", "Rules pane"} <= set(titles)
        descriptions = {d for _, d in by_key}
        assert not descriptions & {"Delete character left", "Move cursor left", "Paste"}
        assert len(help_screen.entries) < 30


async def test_help_shows_a_remapped_key_as_remapped(db_path: Path) -> None:
    config = Config()
    config.keys = {"mark_asked": "m", "maximize": "f6"}
    app, _ = make_app(db_path, Session(title="Dispatch"), config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await capture_ready(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        await pilot.pause()
        keys = {b.description: b.key for b in app.screen.entries}  # type: ignore[attr-defined]
        assert (keys["Asked"], keys["Maximize"]) == ("m", "f6")
        assert any(line.lstrip("│ ").startswith("m ") for line in screen_lines(app))


@pytest.mark.parametrize("size", SIZES)
async def test_the_coverage_row_keeps_its_label(db_path: Path, size: tuple[int, int]) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    asked = _question(session)
    asked.set_status("asked")
    store.save(asked)
    async with app.run_test(size=size) as pilot:
        screen = await capture_ready(pilot)
        await pilot.pause()
        row = screen.query_one("#coverage").region.y
        line = screen_lines(app)[row]
        assert line.strip().startswith("coverage")
        assert "except 1/0" in line and "ops –" in line


@pytest.mark.parametrize("size", SIZES)
async def test_status_line_shows_notice_and_engine_first_the_db_when_there_is_room(
    db_path: Path, size: tuple[int, int]
) -> None:
    app, _ = make_app(db_path, Session(title="Dispatch with Janet, north region"))
    async with app.run_test(size=size) as pilot:
        screen = await capture_ready(pilot)
        screen.status.notice = "Copied 1 rule (OSC 52)"
        await pilot.pause()
        line = screen_lines(app)[screen.status.region.y]
        assert "offline ○ idle" in line and "Copied 1 rule (OSC 52)" in line
        assert ("tacit.json" in line) == (size[0] >= 120)
        assert "…" not in line


@pytest.mark.parametrize("size", SIZES)
async def test_presence_is_never_cut_mid_word(db_path: Path, size: tuple[int, int]) -> None:
    app, _ = make_app(db_path, Session(title="Dispatch with Janet"))
    async with app.run_test(size=size) as pilot:
        screen = await capture_ready(pilot)
        screen.status.notice = "suggestions stopped"
        await pilot.pause()
        line = screen_lines(app)[screen.status.region.y]
        assert "operator ○" in line
        assert "operator ○ not connected" in line or not line.rstrip().endswith(" not")


@pytest.mark.parametrize("size", SIZES)
async def test_an_llm_fallback_notice_shows_at_every_width(
    db_path: Path, fake_server: FakeServer, size: tuple[int, int]
) -> None:
    from support.capture import type_segment

    from tacit.question_engine.llm import load_litellm

    load_litellm()
    config = Config()
    config.llm = LLMConfig(model="openai/fake-small", api_base=fake_server.base("e500"))
    config.llm.num_retries = 0
    app, _ = make_app(db_path, Session(title="Dispatch with Janet"), config=config)
    async with app.run_test(size=size) as pilot:
        screen = await capture_ready(pilot)
        await type_segment(pilot, "We route jobs by zip code.")
        await wait_for(pilot, lambda: "offline questions shown" in screen.status.notice)
        await pilot.pause()
        line = screen_lines(app)[screen.status.region.y]
        assert "LLM server error (500); offline questions shown" in line


@pytest.mark.parametrize("size", SIZES)
async def test_f5_maximizes_the_focused_pane_and_restores_it(
    db_path: Path, size: tuple[int, int]
) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    store.save(_question(session))
    async with app.run_test(size=size) as pilot:
        screen = await capture_ready(pilot)
        await pilot.press("f5")  # focus is in the narrative input: the whole pane grows
        await wait_for(pilot, lambda: isinstance(screen.maximized, NarrativePane))
        assert screen.narrative.region.width == size[0]
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.maximized is None)
        screen.question_list.focus()
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.maximized is screen.question_list)
        await pilot.press("escape")
        await wait_for(pilot, lambda: screen.maximized is None)
        assert isinstance(app.screen, CaptureScreen)


async def test_help_at_80x24_scrolls_to_its_last_key(db_path: Path) -> None:
    app, _ = make_app(db_path, Session(title="Dispatch"))
    async with app.run_test(size=(80, 24)) as pilot:
        await capture_ready(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        table = app.screen.query_one("#help-table")
        await pilot.pause()
        assert table.region.bottom <= 23  # inside the dialog's border on screen
        last = table.row_count - 1
        await pilot.press(*["down"] * last)
        await wait_for(pilot, lambda: table.scroll_offset.y > 0, "the table scrolled")
        assert table.cursor_row == last
        row_y = table.region.y + 1 + last - table.scroll_offset.y  # below the header
        assert table.region.y < row_y < table.region.bottom


async def test_help_says_what_i_and_escape_do(db_path: Path) -> None:
    """Help listed 'i Type' and 'esc Stop': a new user could not tell that i goes back to the
    narrative input or what Escape stops."""
    app, _ = make_app(db_path, Session(title="Dispatch"))
    async with app.run_test(size=(80, 24)) as pilot:
        await capture_ready(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        said = {b.key: b.description for b in help_screen.entries}
        assert said["i"] == "Back to typing"
        assert said["escape"] == "Stop suggesting"
