"""The rule editor records only your own acceptance, re-opens acceptance on an edit to the
words, and asks before Esc throws edits away."""

from __future__ import annotations

from support.dialog_host import Host, visible_text
from support.waiting import wait_for
from textual.widgets import Checkbox, Input, Label

from tacit.models.domain import Rule
from tacit.tui.app import _rule_editor_commands
from tacit.tui.screens.prompts import ConfirmPrompt
from tacit.tui.screens.rule_editor import RuleEditor

SESSION = "ses_01JQ8ZK4M3ABCDEFGHJKMNPQRS"


def _rule(*accepted_by: str) -> Rule:
    rule = Rule(session_id=SESSION, statement="Route by zip code", when="a job", then="zip team")
    for role in accepted_by:
        rule.accept(role)
    return rule


async def test_the_engineer_cannot_record_the_operators_acceptance() -> None:
    app = Host(lambda: RuleEditor(_rule(), role="engineer"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        theirs = app.screen.query_one("#accept-operator", Checkbox)
        assert theirs.disabled and "only they can change it" in visible_text(app)
        assert not app.screen.query_one("#accept-engineer", Checkbox).disabled
        commands = [c.title for c in _rule_editor_commands(app.screen)]
        assert "Toggle engineer acceptance" in commands
        assert "Toggle operator acceptance" not in commands
        theirs.value = True  # even a tick forced past the disabled box is not recorded
        app.screen.query_one("#accept-engineer", Checkbox).value = True
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(app.results))
    saved = app.results[0]
    assert saved.accepted_by_operator is None and saved.accepted_by_engineer is not None
    assert saved.status == "draft"


async def test_the_operators_acceptance_is_shown_read_only_and_kept() -> None:
    app = Host(lambda: RuleEditor(_rule("operator"), role="engineer"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        theirs = app.screen.query_one("#accept-operator", Checkbox)
        assert theirs.value and theirs.disabled
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(app.results))
    assert app.results[0].accepted_by_operator is not None


async def test_editing_the_words_of_an_accepted_rule_reopens_both_acceptances() -> None:
    accepted = _rule("operator", "engineer")
    app = Host(lambda: RuleEditor(accepted, role="engineer"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        editor = app.screen
        await pilot.press("end", *", except key accounts")
        await wait_for(pilot, lambda: not editor.query_one("#accept-operator", Checkbox).value)
        assert not editor.query_one("#accept-engineer", Checkbox).value
        notice = str(editor.query_one("#reopened", Label).render())
        assert "both acceptances are re-opened" in notice
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(app.results))
    reopened = app.results[0]
    assert reopened.statement == "Route by zip code, except key accounts"
    assert reopened.status == "draft"
    assert (reopened.accepted_by_operator, reopened.accepted_by_engineer) == (None, None)

    app = Host(lambda: RuleEditor(reopened, role="engineer"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#accept-engineer", Checkbox).value = True
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(app.results))
    again = app.results[0]
    assert again.accepted_by_engineer is not None
    assert again.accepted_by_engineer.fingerprint == again.meaning_fingerprint()


async def test_an_edit_to_the_owner_keeps_the_acceptances() -> None:
    app = Host(lambda: RuleEditor(_rule("operator", "engineer"), role="engineer"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#owner", Input).value = "Janet"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(app.results))
    assert app.results[0].status == "accepted" and app.results[0].owner == "Janet"


async def test_escape_with_unsaved_edits_asks_before_discarding() -> None:
    app = Host(lambda: RuleEditor(_rule(), role="engineer"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        editor = app.screen
        await pilot.press("end", *" today")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmPrompt))
        await pilot.press("n")  # keep editing: nothing lost
        await wait_for(pilot, lambda: app.screen is editor)
        assert editor.query_one("#statement", Input).value == "Route by zip code today"
        assert app.results == []
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmPrompt))
        await pilot.press("y")
        await wait_for(pilot, lambda: bool(app.results))
    assert app.results == [None]


async def test_escape_without_edits_closes_at_once() -> None:
    app = Host(lambda: RuleEditor(_rule(), role="engineer"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await wait_for(pilot, lambda: bool(app.results))
    assert app.results == [None]
