"""The export dialog at 80x24: formats from the registry, a path you can type into."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.dialog_host import Host, visible_text
from support.waiting import wait_for
from textual.widgets import Input, RadioSet

from tacit.models.domain import Rule, Session
from tacit.models.export_formats import FORMATS
from tacit.models.repository import Store
from tacit.tui.screens.export import ExportDialog, default_path


def _session(db_path: Path) -> tuple[Store, Session]:
    store = Store(db_path)
    session = Session(title="Dispatch call")
    rule = Rule(session_id=session.id, statement="Route by zip code")
    rule.accept("operator")
    rule.accept("engineer")
    store.save_many([session, rule])
    return store, session


async def test_every_registered_format_is_listed_and_visible_at_80x24(db_path: Path) -> None:
    store, session = _session(db_path)
    app = Host(lambda: ExportDialog(store, session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "Include draft rules" in visible_text(app))
        shown = visible_text(app)
        for option in FORMATS:
            assert option.label in shown
        formats = app.screen.query_one("#export-format").region
        path = app.screen.query_one("#export-path").region
        drafts = app.screen.query_one("#export-drafts").region
        assert formats.bottom <= path.y and path.bottom <= drafts.y  # no overlap, no overlay
        assert drafts.bottom <= 24


async def test_the_first_keystroke_adds_to_the_path_and_enter_on_the_list_never_exports(
    db_path: Path,
) -> None:
    store, session = _session(db_path)
    app = Host(lambda: ExportDialog(store, session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog.focused, RadioSet)
        await pilot.press("down", "enter")  # pick the second format: policy
        await wait_for(pilot, lambda: dialog.query_one("#export-path", Input).value.endswith(".md"))
        assert app.results == []  # Enter picked a format, it did not export
        await pilot.press("tab", "x")
        path = dialog.query_one("#export-path", Input).value
        assert path == default_path(session.id, "policy") + "x"


async def test_the_format_under_the_arrow_keys_is_the_one_exported(
    db_path: Path, tmp_path: Path
) -> None:
    store, session = _session(db_path)
    app = Host(lambda: ExportDialog(store, session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog.focused, RadioSet)
        await pilot.press("down")  # the highlight on Policy: what ctrl+s now writes
        field = dialog.query_one("#export-path", Input)
        await wait_for(pilot, lambda: field.value.endswith("-policy.md"), "the policy path")
        field.value = str(tmp_path / "rules.md")
        await pilot.press("down", "up", "ctrl+s")
        await wait_for(pilot, lambda: app.results != [], "the export")
    written = (tmp_path / "rules.md").read_text(encoding="utf-8")
    assert "Route by zip code" in written and not written.lstrip().startswith("{")


async def test_ctrl_u_then_a_path_typed_in_one_burst_keeps_the_path(db_path: Path) -> None:
    from textual import events

    store, session = _session(db_path)
    app = Host(lambda: ExportDialog(store, session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        await pilot.press("tab")
        field = dialog.query_one("#export-path", Input)
        await wait_for(pilot, lambda: dialog.focused is field, "the path field")
        wanted = "/tmp/rules.json"
        app.post_message(events.Key("ctrl+u", None))
        for char in wanted:
            app.post_message(events.Key(char, char))
        await wait_for(pilot, lambda: len(field.value) >= len(wanted), "the typed path")
        await pilot.pause()
        assert field.value == wanted


async def test_a_format_and_drafts_chosen_in_one_burst_are_what_ctrl_s_writes(
    db_path: Path, tmp_path: Path
) -> None:
    """Down, Tab, Tab, Space, ctrl+s typed faster than the screen redraws (a tmux
    send-keys, a quick typist) writes the Policy format with the draft rules: it once
    wrote JSON without them, every key but ctrl+s lost."""
    from textual import events

    store, session = _session(db_path)
    store.save(Rule(session_id=session.id, statement="Hold refunds for fraud checks"))
    app = Host(lambda: ExportDialog(store, session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog.focused, RadioSet)
        target = tmp_path / "burst-policy.md"
        dialog.query_one("#export-path", Input).value = str(target)
        for key, char in [("down", None), ("tab", None), ("tab", None), ("space", " ")]:
            app.post_message(events.Key(key, char))
        app.post_message(events.Key("ctrl+s", None))
        await wait_for(pilot, lambda: app.results != [], "the export")
    written = target.read_text(encoding="utf-8")
    assert not written.lstrip().startswith("{")  # Policy, not JSON
    assert "Hold refunds for fraud checks" in written  # the draft was included


async def test_two_arrows_and_ctrl_s_in_one_burst_export_the_format_reached(
    db_path: Path, tmp_path: Path
) -> None:
    from textual import events

    store, session = _session(db_path)
    app = Host(lambda: ExportDialog(store, session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        target = tmp_path / "burst.json"
        dialog.query_one("#export-path", Input).value = str(target)
        for key in ("down", "down", "ctrl+s"):  # Policy, then Guidelines (JSON)
            app.post_message(events.Key(key, None))
        await wait_for(pilot, lambda: app.results != [], "the export")
    written = target.read_text(encoding="utf-8")
    assert '"format": "tacit-guidelines"' in written


async def test_a_burst_keeps_the_default_path_in_step_with_the_format(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Down then ctrl+s in one burst, with the path left at its default, wrote Policy
    Markdown into `tacit-ses_….json`: the path's extension followed the format one message
    too late. Seen in tmux."""
    from textual import events

    monkeypatch.chdir(tmp_path)
    store, session = _session(db_path)
    app = Host(lambda: ExportDialog(store, session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("down", "ctrl+s"):
            app.post_message(events.Key(key, None))
        await wait_for(pilot, lambda: app.results != [], "the export")
    written = tmp_path / default_path(session.id, "policy")
    assert written.exists() and written.read_text(encoding="utf-8").startswith("# Agent policy")
    assert not (tmp_path / default_path(session.id, "json")).exists()
