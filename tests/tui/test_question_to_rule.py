"""`u` on a question that already became a rule opens that rule; it never drafts a second one."""

from __future__ import annotations

from pathlib import Path

from support.capture import capture_ready, make_app, writes_done
from support.waiting import wait_for
from textual.widgets import Input

from tacit.models.domain import Question, Rule, Session
from tacit.tui.screens.capture import CaptureScreen
from tacit.tui.screens.rule_editor import RuleEditor


async def test_u_on_a_question_with_a_rule_opens_that_rule(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    question = Question(
        session_id=session.id,
        text="When do you not route by zip code?",
        category="exception",
        status="answered",
        answer="Key accounts stay with their owner.",
    )
    rule = Rule(
        session_id=session.id,
        statement="Key accounts stay with the owner's team",
        question_id=question.id,
    )
    store.save_many([question, rule])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.rule_list.option_count == 1, "the rule listed")
        screen.question_list.focus()
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, RuleEditor), "the rule editor")
        editor = app.screen
        assert isinstance(editor, RuleEditor) and editor.rule.id == rule.id
        assert editor.query_one("#statement", Input).value == rule.statement
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CaptureScreen), "the editor closed")
        await writes_done(pilot)
        assert screen.rule_list.option_count == 1
    assert [r.id for r in store.rules(session.id)] == [rule.id]
