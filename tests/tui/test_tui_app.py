"""The app shell: keymap from config, theme, command palette, help, CLI start-up paths."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from support.capture import capture_ready, make_app
from support.waiting import wait_for
from textual.command import CommandList

from tacit.cli.commands.common import CommandError
from tacit.cli.commands.run_app import initial_session
from tacit.models.config import Config
from tacit.models.domain import Question, Session
from tacit.models.repository import Store
from tacit.tui.keymap import keymap_from_config
from tacit.tui.screens.capture import CaptureScreen
from tacit.tui.screens.help import HelpScreen


def test_keymap_from_config_maps_known_ids_and_reports_unknown() -> None:
    keymap, unknown = keymap_from_config({"mark_asked": "m", "tacit.dismiss": "x", "fly": "f"})
    assert keymap == {"tacit.mark_asked": "m", "tacit.dismiss": "x"}
    assert unknown == ["fly"]


async def test_remapped_key_acts_and_old_key_does_not(db_path: Path) -> None:
    session = Session(title="Dispatch")
    config = Config(keys={"mark_asked": "m", "nonsense": "z"})
    app, store = make_app(db_path, session, config=config)
    question = Question(session_id=session.id, text="Who covers for Janet?", category="adoption")
    store.save(question)
    async with app.run_test() as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.question_list.option_count == 1)
        assert any("nonsense" in str(n.message) for n in app._notifications)
        screen.question_list.focus()
        await wait_for(pilot, lambda: "m" in screen.active_bindings, "the remapped key")
        assert "a" not in screen.active_bindings  # the default key no longer marks it asked
        await pilot.press("m")
        await wait_for(pilot, lambda: screen.state.questions[question.id].status == "asked")


async def test_theme_from_config_and_unknown_theme_is_a_notice(db_path: Path) -> None:
    app, _ = make_app(db_path, Session(title="A"), config=Config())
    app.config.ui.theme = "nord"
    async with app.run_test() as pilot:
        await capture_ready(pilot)
        assert app.theme == "nord"
    app, _ = make_app(db_path.with_name("b.json"), Session(title="B"))
    app.config.ui.theme = "no-such-theme"
    async with app.run_test() as pilot:
        await capture_ready(pilot)
        assert any("no-such-theme" in str(n.message) for n in app._notifications)
        assert app.is_running


async def test_every_capture_action_is_in_the_command_palette(db_path: Path) -> None:
    app, _ = make_app(db_path, Session(title="Dispatch"))
    async with app.run_test() as pilot:
        screen = await capture_ready(pilot)
        titles = {command.title for command in app.get_system_commands(screen)}
        for expected in (
            "Toggle speaker",
            "Export session",
            "Decision register",
            "Copy all rules",
            "Mark question asked",
            "Record answer",
            "Park question",
            "Dismiss question",
            "Turn question into rule",
            "Edit rule",
            "Sessions",
            "Help",
        ):
            assert expected in titles
        toggle = next(c for c in app.get_system_commands(screen) if c.title == "Toggle speaker")
        toggle.callback()  # runs behind any key already typed into the input
        await wait_for(pilot, lambda: screen.narrative.speaker == "engineer", "the toggle")


async def test_palette_opens_from_the_keyboard_and_runs_an_action(db_path: Path) -> None:
    app, _ = make_app(db_path, Session(title="Dispatch"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_ready(pilot)
        screen.question_list.focus()
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen is not screen, "the palette")
        await pilot.press(*"Toggle speaker")
        results = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: results.option_count > 0, "palette results")
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.narrative.speaker == "engineer", "the toggle")


async def test_help_lists_the_keys_of_the_focused_pane(db_path: Path) -> None:
    app, _ = make_app(db_path, Session(title="Dispatch"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_ready(pilot)
        screen.question_list.focus()
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        descriptions = {binding.description for binding in app.screen.entries}
        assert {"Asked", "Answer", "Park", "Dismiss", "To rule", "Export"} <= descriptions
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CaptureScreen))


async def test_role_comes_from_the_command_line(db_path: Path) -> None:
    app, _ = make_app(db_path, Session(title="Dispatch"), role="operator")
    assert app.role == "operator"


def test_initial_session_by_id_prefix_demo_or_none(db_path: Path) -> None:
    store = Store(db_path)
    session = Session(title="Dispatch")
    store.save(session)
    found = initial_session(store, argparse.Namespace(session=session.id[:12], demo=False))
    assert found is not None and found.id == session.id
    assert initial_session(store, argparse.Namespace(session=None, demo=False)) is None
    with pytest.raises(CommandError, match="no session matches"):
        initial_session(store, argparse.Namespace(session="ses_NOPE", demo=False))
    demo = initial_session(store, argparse.Namespace(session=None, demo=True))
    assert demo is not None and store.questions(demo.id)
    again = initial_session(store, argparse.Namespace(session=None, demo=True))
    assert again is not None and again.id == demo.id  # --demo twice: one demo session
    assert sum(s.title == demo.title for s in store.sessions()) == 1
    store.close()


def test_unknown_session_on_the_command_line_is_one_line(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tacit.cli.main import main

    code = main(["--db", str(db_path), "--session", "ses_MISSING"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "no session matches" in err


def test_store_writer_keeps_order_merges_saves_and_reports_failures(db_path: Path) -> None:
    from tacit.models.domain import Segment
    from tacit.tui.store_writer import StoreWriter

    store = Store(db_path)
    session = Session(title="Dispatch")
    store.save(session)
    errors: list[str] = []
    writer = StoreWriter(store, errors.append)
    question = Question(session_id=session.id, text="Who decides?", category="exception")
    writer.save(question)
    changed = Question.from_dict(question.to_dict())
    changed.set_status("asked")
    writer.save(changed)  # the later change of the same record wins
    seen: list[int] = []
    writer.submit(lambda s: seen.append(len(s.questions(session.id))), "counting")
    writer.save(Segment(session_id=session.id, speaker="operator", text="said"))

    def boom(_store: Store) -> None:
        raise OSError("disk full\nsecond line")

    writer.submit(boom, "exporting")
    assert writer.close(timeout=10)
    assert seen == [1]  # the job queued after the saves saw them
    stored = store.get(Question, question.id)
    assert stored is not None and stored.status == "asked"
    assert [s.text for s in store.segments(session.id)] == ["said"]
    assert errors == ["exporting failed: disk full"]
    assert writer.idle
    writer.save(Segment(session_id=session.id, speaker="operator", text="late"))
    assert errors[-1] == "store closed; saving segment skipped"
    store.close()


LATER = (
    "litellm",
    "tacit.tui.screens.rule_editor",
    "tacit.tui.screens.export",
    "tacit.tui.screens.decisions",
    "importlib.metadata",
    "tacit.question_engine.service",  # the engine: in the suggestion worker, after the frame
    "tacit.question_engine.session",
    "tacit.question_engine.bank",
    "tacit.models.watch",  # the store watch (ctypes): started after the first frame
    "textual.widgets._text_area",  # only the rule editor and the decision dialog edit text
    "argparse",  # `tacit` and `tacit --session ID` are read without it
    "tacit.cli.arguments",
)


def _imported_at_start(screen_module: str) -> list[str]:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from tacit.cli.main import start_args\n"
        "start_args(['--session', 'x'])\n"
        f"import tacit.cli.commands.run_app, tacit.tui.app, {screen_module}\n"
        "print(','.join(sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout.strip().split(",")


def test_start_up_path_imports_neither_litellm_nor_the_dialogs_nor_the_engine() -> None:
    imported = _imported_at_start("tacit.tui.screens.capture")
    assert [m for m in LATER if m in imported] == []


def test_the_pickers_path_imports_no_part_of_the_capture_screen() -> None:
    imported = _imported_at_start("tacit.tui.screens.sessions")
    capture = (
        "tacit.tui.screens.capture",
        "tacit.tui.widgets.narrative",
        "tacit.tui.screens.session_screen",
    )
    assert [m for m in (*LATER, *capture) if m in imported] == []
