"""`u` on a question with no answer and no quote says what to do first instead of failing."""

from __future__ import annotations

from pathlib import Path

from support.capture import capture_ready, make_app
from support.waiting import wait_for

from tacit.models.domain import Question, Session
from tacit.tui.screens.capture import CaptureScreen


async def test_u_on_a_bare_question_asks_for_the_answer_first(db_path: Path) -> None:
    session = Session(title="Dispatch", workflow="dispatch")
    app, store = make_app(db_path, session)
    bare = Question(
        session_id=session.id,
        text="When the agent is unsure about dispatch, should it retry or escalate?",
        category="operational_decision",
    )
    store.save(bare)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        questions = screen.question_list
        await wait_for(pilot, lambda: questions.option_count == 1, "the question")
        questions.focus()
        questions.highlighted = 0
        await pilot.press("u")
        await wait_for(
            pilot,
            lambda: any("answer first" in str(n.message) for n in app._notifications),
            "what to do first",
        )
        assert isinstance(app.screen, CaptureScreen)
        assert "failed" not in str(screen.status.render())
    assert store.rules(session.id) == []
