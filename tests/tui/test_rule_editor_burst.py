"""Keys typed fast in the rule editor keep their order across its buttons and boxes.

Found on a pair call at 80x24: from the unless-clause's outcome, `Tab Tab Tab` then the
frequency typed in one burst (as a laggy SSH link delivers it) lost the frequency: the
Tabs reached the `remove` and `+ unless` buttons, which moved focus only once each key had
bubbled up to the app, while the letters typed after them were already queued for the
button (and a space pressed it). Keys are posted at once, as a terminal read hands them over.
"""

from __future__ import annotations

from typing import Any

from support.dialog_host import Host
from support.waiting import wait_for
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tacit.models.domain import Rule, Unless
from tacit.tui.screens.rule_editor import RuleEditor, UnlessRow

SESSION = "ses_01JQ8ZK4M3ABCDEFGHJKMNPQRS"
NAMED = {"tab", "shift+tab", "end", "ctrl+u"}


def _rule() -> Rule:
    return Rule(
        session_id=SESSION,
        statement="Tom approves invoices when Maria is away",
        when="Maria is away",
        then="Tom approves",
        unless=[Unless(condition="the invoice is over 20000 euros", then="it waits")],
        category="exception",
    )


def _burst(pilot: Pilot[Any], *parts: str) -> None:
    for part in parts:
        if part in NAMED:
            pilot.app.post_message(events.Key(part, None))
        else:
            for char in part:
                pilot.app.post_message(events.Key("space" if char == " " else char, char))


async def _editor(pilot: Pilot[Any]) -> RuleEditor:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, RuleEditor), "the editor")
    editor = pilot.app.screen
    assert isinstance(editor, RuleEditor)
    await wait_for(pilot, lambda: len(editor.query(UnlessRow)) == 1, "the unless row")
    editor.query_one(".u-then", Input).focus()
    await pilot.pause()
    return editor


async def test_text_typed_right_after_tabbing_past_the_buttons_lands_in_the_next_field() -> None:
    app = Host(lambda: RuleEditor(_rule()))
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _editor(pilot)
        _burst(pilot, "tab", "tab", "tab", "2% of invoices", "tab", "half the late payments")
        impact = editor.query_one("#impact", Input)
        await wait_for(pilot, lambda: impact.value.endswith("payments"), "the impact typed")
        await pilot.pause()
        assert editor.query_one("#frequency", Input).value == "2% of invoices"
        assert impact.value == "half the late payments"
        assert len(editor.query(UnlessRow)) == 1, "a space pressed a button"
        assert editor.query_one(".u-cond", Input).value == "the invoice is over 20000 euros"


async def test_shift_tab_back_past_the_buttons_keeps_the_letters_after_it() -> None:
    app = Host(lambda: RuleEditor(_rule()))
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _editor(pilot)
        editor.query_one("#frequency", Input).focus()
        await pilot.pause()
        _burst(pilot, "shift+tab", "shift+tab", "shift+tab", "end", " first")
        outcome = editor.query_one(".u-then", Input)
        await wait_for(pilot, lambda: outcome.value.endswith("first"), "the outcome typed")
        assert outcome.value == "it waits first"
        assert len(editor.query(UnlessRow)) == 1


async def test_letters_after_tab_out_of_the_examples_never_stay_in_them() -> None:
    app = Host(lambda: RuleEditor(_rule()))
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _editor(pilot)
        examples = editor.query_one("#examples", TextArea)
        examples.focus()
        await pilot.pause()
        _burst(pilot, "a -> b", "shift+tab", "end", " Maria")
        owner = editor.query_one("#owner", Input)
        await wait_for(pilot, lambda: owner.value.endswith("Maria"), "the owner typed")
        assert examples.text == "a -> b"
        assert owner.value == " Maria"


async def test_the_decision_editor_keeps_a_burst_across_its_option_picker() -> None:
    from tacit.models.domain import Decision
    from tacit.tui.screens.decisions import DecisionEditor

    decision = Decision(session_id=SESSION, topic="Escalate how?", options=["Slack", "Jira"])
    app = Host(lambda: DecisionEditor(decision))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DecisionEditor), "the editor")
        options = app.screen.query_one("#decision-options", TextArea)
        options.focus()
        await pilot.pause()
        _burst(pilot, "tab", "tab", "Jira ticket", "tab", "Ops lead")
        owner = app.screen.query_one("#decision-owner", Input)
        await wait_for(pilot, lambda: owner.value.endswith("lead"), "the owner typed")
        assert app.screen.query_one("#decision-choice", Input).value == "Jira ticket"
        assert options.text == "Slack\nJira"


async def test_every_tab_stop_in_the_rule_editor_is_a_field_or_a_button() -> None:
    """Shift+Tab from the statement landed on the scrolling form itself, where nothing shows
    focus: counting Shift+Tabs back to the acceptance box pressed Save instead."""
    app = Host(lambda: RuleEditor(_rule()))
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _editor(pilot)
        editor.query_one("#statement", Input).focus()
        await pilot.pause()
        await pilot.press("shift+tab")
        assert app.focused is editor.query_one("#rule-cancel")
        seen = []
        for _ in range(20):
            await pilot.press("tab")
            seen.append(app.focused)
        assert all(widget is not None and widget.id != "form" for widget in seen), seen


async def test_typing_after_tabbing_into_a_filled_field_adds_to_its_end() -> None:
    """Tabbing to 'Then: Tom approves' and typing ' up to 20000 euros' gave
    ' up to 20000 eurosTom approves': the cursor sat at the field's start."""
    app = Host(lambda: RuleEditor(_rule()))
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _editor(pilot)
        statement = editor.query_one("#statement", Input)
        statement.focus()
        await pilot.pause()
        _burst(pilot, "tab", " on leave", "tab", " first")
        then = editor.query_one("#then", Input)
        await wait_for(pilot, lambda: then.value.endswith("first"), "the outcome typed")
        assert editor.query_one("#when", Input).value == "Maria is away on leave"
        assert then.value == "Tom approves first"
        await pilot.press("tab")
        await pilot.pause()
        assert then.cursor_position == 0, "a field left shows its start again"


async def test_ctrl_s_right_behind_typed_text_saves_that_text() -> None:
    """`End " then ring Tom" C-s` in one burst saved the rule without the typed words, and
    they landed in the narrative input once the editor closed: ctrl+s acted before the
    keys typed ahead of it."""
    app = Host(lambda: RuleEditor(_rule()))
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _editor(pilot)
        editor.query_one("#owner", Input).focus()
        await pilot.pause()
        _burst(pilot, "end", "Maria's deputy")
        pilot.app.post_message(events.Key("ctrl+s", None))
        await wait_for(pilot, lambda: app.results != [], "the save")
    saved = app.results[0]
    assert isinstance(saved, Rule)
    assert saved.owner == "Maria's deputy"


async def test_ctrl_s_right_behind_a_decision_typed_saves_it() -> None:
    from tacit.models.domain import Decision
    from tacit.tui.screens.decisions import DecisionEditor

    decision = Decision(session_id=SESSION, topic="Escalate how?", options=["Slack", "Jira"])
    app = Host(lambda: DecisionEditor(decision))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DecisionEditor), "the editor")
        owner = app.screen.query_one("#decision-owner", Input)
        owner.focus()
        await pilot.pause()
        _burst(pilot, "Ops lead")
        pilot.app.post_message(events.Key("ctrl+s", None))
        await wait_for(pilot, lambda: app.results != [], "the save")
    saved = app.results[0]
    assert saved is not None and saved.owner == "Ops lead"
