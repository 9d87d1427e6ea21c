"""Pilot tests of the rule editor, the small prompts and the help screen, each in a host app."""

from __future__ import annotations

from support.dialog_host import PAYLOADS, Host, visible_text
from support.waiting import wait_for
from textual.binding import Binding
from textual.widgets import Checkbox, Input, Label, Select, TextArea

from tacit.models.domain import Comment, Example, Question, Rule, Unless
from tacit.tui.safe_text import clean
from tacit.tui.screens.help import HelpScreen
from tacit.tui.screens.prompts import ConfirmPrompt, TextPrompt
from tacit.tui.screens.rule_editor import RuleEditor, UnlessRow

SESSION = "ses_01JQ8ZK4M3ABCDEFGHJKMNPQRS"


def _question() -> Question:
    question = Question(
        session_id=SESSION, text="Is zip code always the rule?", category="exception"
    )
    question.set_status("asked")
    question.answer = "Unless the account has a primary owner."
    question.set_status("answered")
    return question


def _draft() -> Rule:
    return Rule(
        session_id=SESSION,
        statement="Route jobs by zip code",
        when="a job comes in",
        then="assign by zip code",
        category="exception",
    )


async def test_editor_is_prefilled_and_returns_the_edited_rule_with_unless_clauses() -> None:
    question = _question()
    rule = _draft()
    app = Host(lambda: RuleEditor(rule, question=question))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "Is zip code always the rule?" in visible_text(app))
        assert f"From question qst_{question.id[-6:]}" in visible_text(app)
        assert "Unless the account has a primary owner." in visible_text(app)
        editor = app.screen
        assert editor.query_one("#statement", Input).value == "Route jobs by zip code"
        assert editor.focused is editor.query_one("#statement", Input)
        await pilot.press("end", *" today")
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: len(editor.query(UnlessRow)) == 1)
        await pilot.pause()
        await pilot.press(*"primary owner", "tab", *"owner's team keeps it")
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: len(editor.query(UnlessRow)) == 2)
        editor.query(UnlessRow).last().query_one(".u-cond", Input).value = "VIP"
        editor.query_one("#owner", Input).value = "Janet"
        editor.query_one("#frequency", Input).value = "5%"
        editor.query_one("#impact", Input).value = "80% of complaints"
        editor.query_one("#examples", TextArea).text = "zip 94110\n\nunless 1: Acme -> Priya"
        editor.query_one("#category", Select).value = "edge_case"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(app.results))
    edited = app.results[0]
    assert isinstance(edited, Rule)
    assert edited.id == rule.id and edited.statement == "Route jobs by zip code today"
    assert edited.unless == [
        Unless("primary owner", "owner's team keeps it"),
        Unless("VIP", ""),
    ]
    assert (edited.owner, edited.frequency, edited.impact) == ("Janet", "5%", "80% of complaints")
    assert edited.examples == [
        Example("zip 94110", "", None, needs_review=True),
        Example("Acme", "Priya", clause=0),
    ]
    assert edited.category == "edge_case"
    assert edited.status == "draft" and not edited.fully_accepted
    assert rule.statement == "Route jobs by zip code"  # the caller's rule is untouched


async def test_removing_an_unless_clause() -> None:
    rule = _draft()
    rule.unless = [Unless("a", "x"), Unless("b", "y")]
    app = Host(lambda: RuleEditor(rule))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = app.screen.query(UnlessRow).first()
        first.query_one(".u-remove").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(app.screen.query(UnlessRow)) == 1)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(app.results))
    assert app.results[0].unless == [Unless("b", "y")]


async def test_one_acceptance_keeps_a_draft_and_both_make_it_accepted() -> None:
    app = Host(lambda: RuleEditor(_draft(), role="operator"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "Operator accepts (you)" in visible_text(app))
        app.screen.query_one("#accept-operator", Checkbox).value = True
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(app.results))
    only_operator = app.results[0]
    assert only_operator.status == "draft"
    assert only_operator.accepted_by_operator is not None
    assert only_operator.accepted_by_engineer is None

    app = Host(lambda: RuleEditor(only_operator))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(
            pilot, lambda: app.screen.query_one("#accept-operator", Checkbox).value is True
        )
        app.screen.query_one("#accept-engineer", Checkbox).value = True
        await wait_for(pilot, lambda: app.screen.query_one("#status", Select).value == "accepted")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(app.results))
    both = app.results[0]
    assert both.status == "accepted" and both.fully_accepted

    app = Host(lambda: RuleEditor(both))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#accept-engineer", Checkbox).value = False
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(app.results))
    withdrawn = app.results[0]
    assert withdrawn.status == "draft" and withdrawn.accepted_by_operator is not None


async def test_empty_statement_and_impossible_status_are_refused_inline() -> None:
    app = Host(lambda: RuleEditor(_draft()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        editor = app.screen
        editor.query_one("#statement", Input).value = "   "
        await pilot.press("ctrl+s")
        await wait_for(
            pilot,
            lambda: (
                "a rule needs a statement" in str(editor.query_one("#rule-error", Label).render())
            ),
        )
        assert app.screen is editor and app.results == []
        editor.query_one("#statement", Input).value = "Route by zip"
        editor.query_one("#status", Select).value = "accepted"
        await pilot.press("ctrl+s")
        await wait_for(
            pilot, lambda: "both roles" in str(editor.query_one("#rule-error", Label).render())
        )
        assert app.screen is editor
        await pilot.press("escape")  # unsaved edits: asks first
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmPrompt))
        await pilot.press("y")
        await wait_for(pilot, lambda: bool(app.results))
    assert app.results == [None]


async def test_every_field_shows_markup_and_escapes_literally() -> None:
    payload = " ".join(PAYLOADS)
    question = Question(session_id=SESSION, text=payload, category="edge_case", answer=payload)
    rule = Rule(
        session_id=SESSION,
        statement=payload,
        when=payload,
        then=payload,
        unless=[Unless(payload, payload)],
        owner=payload,
        examples=[Example(payload, payload)],
        comments=[Comment("operator", payload)],
    )
    app = Host(lambda: RuleEditor(rule, question=question))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = visible_text(app)
        assert "[bold]loud[/]" in shown and "[@click=app.quit]quit[/]" in shown
        assert "\x1b" not in shown and "\x9b" not in shown
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(app.results))
    assert app.results[0].owner == clean(payload).strip()  # control characters never survive


async def test_text_prompt_returns_text_refuses_empty_and_escape_cancels() -> None:
    app = Host(lambda: TextPrompt("Park question", "Owner", initial=""))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Please type something" in visible_text(app))
        await pilot.press(*"Janet [b]", "enter")
        await wait_for(pilot, lambda: bool(app.results))
    assert app.results == ["Janet [b]"]

    app = Host(lambda: TextPrompt("[bold]t", "[/]", initial="draft answer"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "[bold]t" in visible_text(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: bool(app.results))
    assert app.results == [None]


async def test_confirm_prompt_keys() -> None:
    for key, expected in (("y", True), ("n", False), ("escape", False)):
        host = Host(lambda: ConfirmPrompt("Delete rule?", "[/] cannot be undone"))
        async with host.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press(key)
            await wait_for(pilot, lambda h=host: bool(h.results))  # type: ignore[misc]
        assert host.results == [expected]


async def test_help_lists_keys_and_what_they_do() -> None:
    bindings = [
        Binding("a", "mark_asked", "Mark asked"),
        Binding("ctrl+e", "export", "Export"),
        Binding("x", "hidden", ""),
        ("ctrl+t", "Toggle speaker [b]"),
    ]
    app = Host(lambda: HelpScreen(bindings))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = visible_text(app)
        assert "Mark asked" in shown and "Export" in shown
        assert "Toggle speaker [b]" in shown
        assert "hidden" not in shown
        await pilot.press("escape")
        await wait_for(pilot, lambda: bool(app.results))
    assert app.results == [None]


async def test_editor_is_keyboard_only_at_80x24_tab_reaches_every_field_in_view() -> None:
    rule = _draft()
    rule.unless = [Unless("VIP account", "owner's team")]
    app = Host(lambda: RuleEditor(rule, question=_question()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        order: list[str] = []
        for _ in range(20):
            focused = app.screen.focused
            assert focused is not None
            name = focused.id or next((c for c in focused.classes if c.startswith("u-")), "?")
            if name in order:
                break
            order.append(name)
            visible = app.screen.find_widget(focused).region
            assert visible.y >= 0 and visible.bottom <= 24, f"{name} is off screen"
            await pilot.press("tab")
            await pilot.pause()
    expected = [
        "statement",
        "when",
        "then",
        "u-cond",
        "u-then",
        "u-remove",
        "add-unless",
        "frequency",
        "impact",
        "owner",
        "examples",
        "category",
        "status",
        "accept-engineer",  # the operator's box is theirs: read-only, skipped
        "rule-save",
        "rule-cancel",
    ]
    assert [n for n in order if n in expected] == expected


async def test_editor_save_key_can_be_remapped_by_its_binding_id() -> None:
    app = Host(lambda: RuleEditor(_draft()))
    app.set_keymap({"tacit.rule_editor_save": "f6"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await wait_for(pilot, lambda: bool(app.results))
    assert app.results[0].statement == "Route jobs by zip code"
