"""Pilot flows through the app: sessions, question to accepted rule, decisions, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.capture import capture_ready, make_app, writes_done
from support.waiting import wait_for
from textual.widgets import Checkbox, Input

from tacit.models.domain import Decision, Question, Rule, Session
from tacit.tui.screens.capture import CaptureScreen
from tacit.tui.screens.decisions import DecisionRegister
from tacit.tui.screens.export import ExportDialog
from tacit.tui.screens.prompts import ConfirmPrompt
from tacit.tui.screens.rule_editor import RuleEditor, UnlessRow
from tacit.tui.screens.sessions import SessionPicker

ANSWER = "Key accounts stay with the owner's team unless she is out a week, then the backup"


async def test_new_session_from_the_picker_opens_the_capture_screen(db_path: Path) -> None:
    app, store = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionPicker), "the picker")
        await wait_for(pilot, lambda: isinstance(app.focused, Input), "the title input")
        await pilot.press(*"Dispatch with Janet", "tab", *"dispatch", "enter")
        screen = await capture_ready(pilot)
        assert screen.status.session_label.startswith("Dispatch with Janet (ses_")
        assert app.focused is screen.narrative.input
    [session] = store.sessions()
    assert (session.title, session.workflow) == ("Dispatch with Janet", "dispatch")


async def test_escape_in_the_picker_with_no_session_quits(db_path: Path) -> None:
    app, _store = make_app(db_path)
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionPicker), "the picker")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not app.is_running, "the app to quit")


async def test_switch_session_with_ctrl_o(db_path: Path) -> None:
    current = Session(title="Dispatch")
    app, store = make_app(db_path, current)
    other = Session(title="Claims intake")
    store.save(other)
    async with app.run_test(size=(100, 30)) as pilot:
        await capture_ready(pilot)
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionPicker), "the picker")
        await pilot.press("escape")  # back to the open session, app keeps running
        screen = await capture_ready(pilot)
        assert screen.session.id == current.id
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionPicker), "the picker")
        picker = app.screen
        await wait_for(pilot, lambda: picker.query_one("#session-list").option_count == 2)
        listing = picker.query_one("#session-list")
        listing.focus()
        for index in range(listing.option_count):
            if "Claims" in str(listing.get_option_at_index(index).prompt):
                listing.highlighted = index
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, CaptureScreen) and app.screen.session.id == other.id,
            "the other session",
        )
        live = [s for s in app.screen_stack if isinstance(s, CaptureScreen) and not s.retired]
        assert live == [app.screen]  # the old session's screen no longer reloads
        assert len(app.screen_stack) <= 2  # switching again replaces, never piles up


async def test_answered_question_becomes_a_rule_accepted_by_both(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    question = Question(
        session_id=session.id,
        text="When do you not route by zip code?",
        category="exception",
        status="answered",
        answer=ANSWER,
    )
    store.save(question)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.question_list.option_count == 1)
        screen.question_list.focus()
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, RuleEditor), "the rule editor")
        editor = app.screen
        assert editor.query_one("#statement", Input).value.startswith("Key accounts stay")
        assert editor.query_one("#then", Input).value  # pre-filled from the draft
        assert editor.query_one("#accept-operator", Checkbox).disabled  # the operator's own
        box = editor.query_one("#accept-engineer", Checkbox)
        box.focus()
        await pilot.press("space")
        await wait_for(pilot, lambda: box.value)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen.rule_list.option_count == 1, "the rule listed")
        await writes_done(pilot)
        assert "O· E✓" in str(screen.rule_list.get_option_at_index(0).prompt)
        [drafted] = store.rules(session.id)
        drafted.accept("operator")  # as the operator's own view does, on the same database
        store.save(drafted)
        await wait_for(
            pilot,
            lambda: "accepted" in str(screen.rule_list.get_option_at_index(0).prompt),
            "the operator's acceptance shown",
        )
        coverage = {c.category: c for c in screen.query_one("#coverage").cells}  # type: ignore[attr-defined]
        assert coverage["exception"].rules == 1
    [rule] = store.rules(session.id)
    assert rule.status == "accepted" and rule.fully_accepted
    assert rule.question_id == question.id and rule.category == "exception"
    assert rule.unless and rule.unless[0].condition


ZIP_QUOTE = "we route by zip code, and we try to balance load across the technicians."
OWNER_ANSWER = "Mostly. If the account has a primary owner it stays with that owner's team."


def _editor_fields(editor: RuleEditor) -> dict[str, object]:
    rows = [
        (row.query_one(".u-cond", Input).value, row.query_one(".u-then", Input).value)
        for row in editor.query(UnlessRow)
    ]
    return {
        "statement": editor.query_one("#statement", Input).value,
        "when": editor.query_one("#when", Input).value,
        "then": editor.query_one("#then", Input).value,
        "unless": rows,
    }


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_u_on_an_answered_exception_question_keeps_the_zip_code_rule(
    db_path: Path, size: tuple[int, int]
) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    question = Question(
        session_id=session.id,
        text="When do you *not* go by zip code — and who makes that call?",
        category="exception",
        quote=ZIP_QUOTE,
        status="answered",
        answer=OWNER_ANSWER,
    )
    store.save(question)
    async with app.run_test(size=size) as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.question_list.option_count == 1)
        screen.question_list.focus()
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, RuleEditor), "the rule editor")
        assert isinstance(app.screen, RuleEditor)
        fields = _editor_fields(app.screen)
    assert (
        fields["then"] == "we route by zip code, and we try to balance load across the technicians"
    )
    assert fields["unless"] == [
        ("the account has a primary owner", "it stays with that owner's team")
    ]
    assert str(fields["statement"]).startswith("We route by zip code")
    assert question.text not in str(fields["statement"])


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_u_on_an_unanswered_question_drafts_the_quote_not_the_question(
    db_path: Path, size: tuple[int, int]
) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    question = Question(
        session_id=session.id,
        text="Who covers the sick technician's jobs, and how fast?",
        category="adoption",
        quote="If a technician calls in sick, Janet reassigns the morning jobs.",
    )
    store.save(question)
    async with app.run_test(size=size) as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.question_list.option_count == 1)
        screen.question_list.focus()
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, RuleEditor), "the rule editor")
        assert isinstance(app.screen, RuleEditor)
        fields = _editor_fields(app.screen)
    assert fields["statement"] == question.quote
    assert (fields["when"], fields["then"]) == (
        "a technician calls in sick",
        "Janet reassigns the morning jobs",
    )


async def test_cancelled_rule_editor_saves_nothing(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    rule = Rule(session_id=session.id, statement="Route by zip code")
    store.save(rule)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.rule_list.option_count == 1)
        screen.rule_list.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RuleEditor), "the rule editor")
        await pilot.press("end", *" always", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmPrompt), "discard?")
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, CaptureScreen))
        await writes_done(pilot)
    stored = store.get(Rule, rule.id)
    assert stored is not None and stored.statement == "Route by zip code"


async def test_decision_register_records_a_decision(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await capture_ready(pilot)
        screen.question_list.focus()
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, DecisionRegister), "the register")
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.focused, Input), "the decision form")
        await pilot.press(*"Who approves refunds over 500?")
        owner = app.screen.query_one("#decision-owner", Input)
        owner.focus()
        await pilot.press(*"Finance lead", "ctrl+s")
        await wait_for(pilot, lambda: bool(store.decisions(session.id)), "the decision saved")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CaptureScreen))
    [decision] = store.decisions(session.id)
    assert isinstance(decision, Decision)
    assert (decision.topic, decision.owner) == ("Who approves refunds over 500?", "Finance lead")


async def test_export_from_the_app_writes_the_session(db_path: Path, tmp_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    rule = Rule(session_id=session.id, statement="Route by zip code")
    rule.accept("operator")
    rule.accept("engineer")
    store.save(rule)
    target = tmp_path / "out" / "dispatch.json"
    target.parent.mkdir()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await capture_ready(pilot)
        await pilot.press(*"said just now", "enter")  # queued write must be in the export
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
        path_input = app.screen.query_one("#export-path", Input)
        path_input.value = str(target)
        path_input.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaptureScreen), "the dialog closed")
        assert screen.narrative.segment_count == 1
    document = json.loads(target.read_text(encoding="utf-8"))
    assert target.stat().st_mode & 0o777 == 0o600
    text = json.dumps(document)
    assert "Route by zip code" in text and "said just now" in text
