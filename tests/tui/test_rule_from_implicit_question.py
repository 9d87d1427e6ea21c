"""`u` on an answered implicit-rule question drafts a rule an agent can follow: when/then from
the quoted narrative and the answer, so the policy export states an action."""

from __future__ import annotations

from pathlib import Path

from support.capture import capture_ready, make_app, writes_done
from support.waiting import wait_for
from textual.widgets import Input

from tacit.models.domain import Question, Segment, Session
from tacit.models.export import export_document
from tacit.models.export_formats import export_format
from tacit.tui.screens.capture import CaptureScreen
from tacit.tui.screens.rule_editor import RuleEditor

QUESTION = "What counts as big accounts, exactly — is there a list or a line the agent could use?"


async def test_u_on_an_answered_implicit_rule_question_fills_when_and_then(
    db_path: Path,
) -> None:
    session = Session(title="Dispatch", workflow="dispatch")
    app, store = make_app(db_path, session)
    segment = Segment(
        session_id=session.id, speaker="operator", text="Janet handles the big accounts herself."
    )
    question = Question(
        session_id=session.id,
        segment_id=segment.id,
        text=QUESTION,
        category="implicit_rule",
        quote=segment.text,
        status="answered",
        answer="Anything over $50k a year in contracts.",
    )
    store.save_many([segment, question])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        questions = screen.question_list
        await wait_for(pilot, lambda: questions.option_count >= 1, "the question")
        questions.focus()
        questions.highlighted = 0
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, RuleEditor), "the rule editor")
        editor = app.screen
        then = editor.query_one("#then", Input).value
        assert then.startswith("Janet handles the big accounts herself")
        assert "$50k" in then
        assert editor.query_one("#statement", Input).value != QUESTION
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CaptureScreen), "the editor closed")
        await writes_done(pilot)
    document = export_document(store, session.id, include_drafts=True)
    policy = export_format("policy").render(document).decode()
    assert "action not stated" not in policy
    assert "Janet handles the big accounts herself" in policy
