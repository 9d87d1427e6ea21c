"""Recording an answer offers what the operator said after the question was asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.capture import capture_ready, make_app, screen_lines, writes_done
from support.waiting import wait_for
from textual.widgets import Input, Label

from tacit.models.domain import Question, Segment, Session
from tacit.tui.screens.prompts import TextPrompt

SAID = "At exactly 200 no approval is needed."


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_r_offers_the_operators_words_since_the_question_was_asked(
    db_path: Path, size: tuple[int, int]
) -> None:
    session = Session(title="Refunds")
    app, store = make_app(db_path, session)
    question = Question(
        session_id=session.id, text="What happens right at 200 euros?", category="edge_case"
    )
    store.save(question)
    async with app.run_test(size=size) as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.question_list.option_count == 1)
        screen.question_list.focus()
        await pilot.press("a")
        await writes_done(pilot)
        store.save(Segment(session_id=session.id, speaker="operator", text=SAID))  # other view
        await wait_for(pilot, lambda: len(screen.state.segments) == 1, "the operator's line")
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt), "the answer prompt")
        field = app.screen.query_one("#prompt-input", Input)
        assert field.value == SAID
        assert field.selection.is_empty and field.cursor_position == len(SAID)
        await pilot.press(*" Tom covers.", "enter")
        await writes_done(pilot)
    [answered] = [q for q in store.questions(session.id) if q.id == question.id]
    assert answered.status == "answered"
    assert answered.answer == SAID + " Tom covers."


async def test_r_offers_nothing_when_the_operator_has_not_spoken_since(db_path: Path) -> None:
    session = Session(title="Refunds")
    app, store = make_app(db_path, session)
    store.save(Segment(session_id=session.id, speaker="operator", text="Said before asking."))
    store.save(Question(session_id=session.id, text="What happens at 200?", category="edge_case"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.question_list.option_count >= 1)
        screen.question_list.focus()
        await pilot.press("a", "r")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt), "the answer prompt")
        assert app.screen.query_one("#prompt-input", Input).value == ""


async def test_the_answer_prompt_shows_the_whole_question_at_80x24(db_path: Path) -> None:
    session = Session(title="Refunds")
    app, store = make_app(db_path, session)
    long_question = (
        "What happens right at 200 euros, or when the amount is missing or in another "
        "currency — and who approves beyond it?"
    )
    store.save(Question(session_id=session.id, text=long_question, category="edge_case"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.question_list.option_count == 1)
        screen.question_list.focus()
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt), "the answer prompt")
        await pilot.pause()
        label = app.screen.query_one("#prompt-label", Label)
        rows = screen_lines(app)[label.region.y : label.region.bottom]
        shown = " ".join(row[label.region.x : label.region.right].strip() for row in rows)
        assert shown == long_question
