"""Pilot tests of the dialogs that read and write the store: sessions, decisions, export."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.dialog_host import PAYLOADS, Host, visible_text
from support.waiting import wait_for
from textual.widgets import DataTable, Input, Label, OptionList, Select, TextArea

from tacit.models.domain import DECISION_PRESETS, Decision, Rule, Segment, Session
from tacit.models.repository import Store
from tacit.tui.screens.decisions import DecisionEditor, DecisionRegister
from tacit.tui.screens.export import ExportDialog
from tacit.tui.screens.sessions import SessionPicker
from tacit.tui.session_state import SessionState


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store(db_path)


@pytest.fixture
def state(store: Store) -> Iterator[SessionState]:
    """The app's one write path, for dialogs that save; its writer thread ends with the test."""
    errors: list[str] = []
    opened = SessionState(store, on_error=errors.append)
    yield opened
    assert opened.close(timeout=10)
    assert errors == []


def _session_with_rules(store: Store, title: str = "Dispatch call") -> Session:
    session = Session(title=title, workflow="dispatch")
    accepted = Rule(session_id=session.id, statement="Route by zip code")
    accepted.accept("operator")
    accepted.accept("engineer")
    draft = Rule(session_id=session.id, statement="Janet reassigns sick days")
    segment = Segment(session_id=session.id, speaker="operator", text="we route by zip code")
    store.save_many([session, accepted, draft, segment])
    return session


# sessions -----------------------------------------------------------------


async def test_picker_lists_recent_sessions_with_counts_and_opens_the_chosen(
    store: Store, state: SessionState
) -> None:
    older = _session_with_rules(store, "Older call")
    newer = Session(title="Billing " + " ".join(PAYLOADS), workflow=PAYLOADS[2])
    store.save(newer)
    app = Host(lambda: SessionPicker(state))
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.screen.query_one("#session-list", OptionList)
        await wait_for(pilot, lambda: listing.option_count == 2)
        # the list is filled before its loading indicator goes: wait for what is on screen
        await wait_for(pilot, lambda: "Billing [bold]loud[/]" in visible_text(app))
        shown = visible_text(app)
        assert "Billing [bold]loud[/]" in shown and "[@click=app.quit]quit[/]" in shown
        assert "\x1b" not in shown and "\x9b" not in shown
        assert "1 segments" in shown and "1/2 rules accepted" in shown
        assert listing.get_option_at_index(0).id == newer.id  # most recent first
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: bool(app.results))
    assert app.results[0].id == older.id


async def test_new_session_needs_a_title_then_is_saved_and_returned(
    store: Store, state: SessionState
) -> None:
    app = Host(lambda: SessionPicker(state))
    async with app.run_test(size=(80, 24)) as pilot:
        title = app.screen.query_one("#new-title", Input)
        await wait_for(pilot, lambda: app.screen.focused is title)  # empty store: form first
        await wait_for(pilot, lambda: "No sessions yet" in visible_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "needs a title" in visible_text(app))
        await pilot.press(*"Dispatch with Janet", "tab", *"dispatch", "enter")
        await wait_for(pilot, lambda: bool(app.results))
    created = app.results[0]
    assert (created.title, created.workflow) == ("Dispatch with Janet", "dispatch")
    assert [s.id for s in store.sessions()] == [created.id]


@pytest.mark.parametrize("press", ["enter", "space", "click"])
async def test_the_create_button_saves_the_new_session(
    store: Store, state: SessionState, press: str
) -> None:
    app = Host(lambda: SessionPicker(state))
    async with app.run_test(size=(80, 24)) as pilot:
        title = app.screen.query_one("#new-title", Input)
        await wait_for(pilot, lambda: app.screen.focused is title)  # empty store: form first
        await pilot.press(*"Pricing call", "tab", *"pricing")
        if press == "click":
            await pilot.click("#new-create")
        else:
            await pilot.press("tab", press)  # from the workflow to the button
        await wait_for(pilot, lambda: bool(app.results))
    created = app.results[0]
    assert (created.title, created.workflow) == ("Pricing call", "pricing")


async def test_escape_in_the_picker_returns_nothing(store: Store, state: SessionState) -> None:
    _session_with_rules(store)
    app = Host(lambda: SessionPicker(state))
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.screen.query_one("#session-list", OptionList)
        await wait_for(pilot, lambda: listing.option_count == 1)
        await pilot.press("n")
        assert app.screen.focused is app.screen.query_one("#new-title", Input)
        await pilot.press("escape")
        await wait_for(pilot, lambda: bool(app.results))
    assert app.results == [None]


# decisions ----------------------------------------------------------------


async def test_register_shows_presets_and_saves_an_edited_preset(
    store: Store, state: SessionState
) -> None:
    session = _session_with_rules(store)
    own = Decision(
        session_id=session.id,
        topic="Paged at night? " + PAYLOADS[1],
        choice=PAYLOADS[4],
        owner=PAYLOADS[1],
        reason=PAYLOADS[2],
    )
    store.save(own)
    app = Host(lambda: DecisionRegister(state, session.id))
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.screen.query_one("#decision-table", DataTable)
        await wait_for(pilot, lambda: table.row_count == 1 + len(DECISION_PRESETS))
        await wait_for(pilot, lambda: "Paged at night?" in visible_text(app))
        shown = visible_text(app)
        assert "Paged at night? [/]" in shown and "[@click=app.quit]quit[/]" in shown
        assert "\x1b" not in shown and "red" in shown
        assert all(topic[:20] in shown for _, topic, _ in DECISION_PRESETS)
        await pilot.press("down", "enter")  # the first preset: escalation channel
        await wait_for(pilot, lambda: isinstance(app.screen, DecisionEditor))
        editor = app.screen
        editor.query_one("#decision-pick", Select).value = "Jira ticket"
        await wait_for(
            pilot, lambda: editor.query_one("#decision-choice", Input).value == "Jira ticket"
        )
        editor.query_one("#decision-owner", Input).value = "Priya"
        editor.query_one("#decision-reason", Input).value = "Ops lives in Jira"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(store.decisions(session.id)) == 2)
        await wait_for(pilot, lambda: "Ops lives in Jira" in visible_text(app))
        assert table.row_count == 1 + len(DECISION_PRESETS)  # the preset is now the pair's own
    saved = next(d for d in store.decisions(session.id) if d.kind == "escalation_channel")
    assert (saved.choice, saved.owner, saved.reason) == (
        "Jira ticket",
        "Priya",
        "Ops lives in Jira",
    )
    assert saved.options == list(DECISION_PRESETS[0][2])


async def test_a_new_decision_needs_a_topic(store: Store, state: SessionState) -> None:
    session = _session_with_rules(store)
    app = Host(lambda: DecisionRegister(state, session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#decision-table", DataTable)
        await wait_for(pilot, lambda: table.row_count == len(DECISION_PRESETS))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, DecisionEditor))
        editor = app.screen
        editor.query_one("#decision-topic", Input).value = "  "
        await pilot.press("ctrl+s")
        await wait_for(
            pilot,
            lambda: "needs a topic" in str(editor.query_one("#decision-error", Label).render()),
        )
        editor.query_one("#decision-topic", Input).value = "Refund limit"
        editor.query_one("#decision-choice", Input).value = "$200"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(store.decisions(session.id)) == 1)
        await pilot.press("escape")
        await wait_for(pilot, lambda: bool(app.results))
    assert [(d.topic, d.choice, d.kind) for d in store.decisions(session.id)] == [
        ("Refund limit", "$200", "custom")
    ]


async def test_editing_a_decided_decision_shows_its_choice_among_the_options(
    store: Store,
) -> None:
    decision = Decision(
        session_id="ses_01JQ8ZK4M3ABCDEFGHJKMNPQRS",
        topic="Escalate how?",
        options=["Slack message", "Email"],
        choice="Email",
    )
    app = Host(lambda: DecisionEditor(decision))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(
            pilot, lambda: app.screen.query_one("#decision-pick", Select).value == "Email"
        )
        app.screen.query_one("#decision-options", TextArea).text = "Slack message\nEmail\nPager"
        await pilot.pause()
        app.screen.query_one("#decision-pick", Select).value = "Pager"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(app.results))
    edited = app.results[0]
    assert (edited.options, edited.choice) == (["Slack message", "Email", "Pager"], "Pager")


# export -------------------------------------------------------------------


async def test_export_json_to_the_default_path_is_private_and_complete(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = _session_with_rules(store)
    monkeypatch.chdir(tmp_path)
    app = Host(lambda: ExportDialog(store, session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(app.results))
    written = app.results[0]
    assert written.name.startswith("tacit-ses_") and written.suffix == ".json"
    target = tmp_path / written
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    document = json.loads(target.read_text())
    assert [r["statement"] for r in document["rules"]] == ["Route by zip code"]


async def test_export_markdown_with_drafts_follows_the_format(store: Store, tmp_path: Path) -> None:
    session = _session_with_rules(store)
    app = Host(lambda: ExportDialog(store, session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.select_format("md")
        await wait_for(pilot, lambda: dialog.query_one("#export-path", Input).value.endswith(".md"))
        dialog.query_one("#export-path", Input).value = str(tmp_path / "call.md")
        dialog.query_one("#export-drafts").value = True  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(app.results))
    text = (tmp_path / "call.md").read_text()
    assert "Route by zip code" in text and "Janet reassigns sick days" in text


async def test_an_unwritable_path_is_one_notice_and_the_dialog_stays(
    store: Store, tmp_path: Path
) -> None:
    session = _session_with_rules(store)
    app = Host(lambda: ExportDialog(store, session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        bad = tmp_path / "no-such-dir" / "[bold]x.json"
        dialog.query_one("#export-path", Input).value = str(bad)
        dialog.query_one("#export-path", Input).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(app._notifications) == 1)
        notice = next(iter(app._notifications))
        assert notice.severity == "error" and "does not exist" in notice.message
        assert app.screen is dialog and app.results == []
        await wait_for(pilot, lambda: "Export failed" in visible_text(app))
        dialog.query_one("#export-path", Input).value = str(tmp_path / "ok.json")
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.results))
    assert (tmp_path / "ok.json").exists() and not bad.parent.exists()
