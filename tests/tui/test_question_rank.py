"""The questions pane ranks across the session: the best question first whatever segment
it came from, spread over categories; the ones dealt with below; a reader keeps their place
while a new segment re-ranks the list."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.capture import (
    capture_ready,
    make_app,
    pane_text,
    screen_lines,
    type_segment,
    writes_done,
)
from support.waiting import wait_for
from textual import events

from tacit.models.config import Config
from tacit.models.domain import Question, Segment, Session
from tacit.tui.app import TacitApp
from tacit.tui.screens.rule_editor import RuleEditor

SIZES = [(80, 24), (120, 40)]


def _seeded(db_path: Path) -> tuple[TacitApp, Question, list[Question]]:
    """An older segment with one strong exception question, a newer one with five weaker
    edge-case questions (the old pane showed the newer five first)."""
    session = Session(title="Refunds")
    app, store = make_app(db_path, session)
    older = Segment(
        session_id=session.id,
        speaker="operator",
        text="Refunds over 500 euros wait for Tom, unless it is a key account.",
        at="2026-03-02T09:00:00.000000Z",
    )
    newer = Segment(
        session_id=session.id,
        speaker="operator",
        text="Most refunds are small and go out the same day.",
        at="2026-03-02T09:05:00.000000Z",
    )
    best = Question(
        session_id=session.id,
        text="When does a key account not wait for Tom, and who decides?",
        category="exception",
        quote=older.text,
        segment_id=older.id,
        score=0.9,
    )
    weaker = [
        Question(
            session_id=session.id,
            text=f"Edge case {n}: what if a same-day refund fails on try {n}?",
            category="edge_case",
            quote=newer.text,
            segment_id=newer.id,
            score=0.8 - n / 10,
        )
        for n in range(5)
    ]
    store.save_many([older, newer, best, *weaker])
    return app, best, weaker


@pytest.mark.parametrize("size", SIZES)
async def test_the_best_question_of_the_session_is_on_top_whatever_segment_said_it(
    db_path: Path, size: tuple[int, int]
) -> None:
    app, best, weaker = _seeded(db_path)
    async with app.run_test(size=size) as pilot:
        screen = await capture_ready(pilot)
        pane = screen.question_list
        await wait_for(pilot, lambda: pane.option_count == 6)
        await pilot.pause()
        shown = pane_text(app, pane)
        assert shown.index(best.text) < shown.index(weaker[0].text)  # older, but best
        assert shown.index(weaker[0].text) < shown.index(weaker[1].text)
        assert pane.selected_id == best.id


async def test_a_dealt_with_question_goes_below_and_the_next_one_takes_the_highlight(
    db_path: Path,
) -> None:
    app, _best, weaker = _seeded(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        pane = screen.question_list
        await wait_for(pilot, lambda: pane.option_count == 6)
        pane.focus()
        await pilot.press("down")  # reading the second question
        assert pane.selected_id == weaker[0].id
        await pilot.press("d")
        await wait_for(pilot, lambda: screen.state.questions[weaker[0].id].status == "dismissed")
        await wait_for(pilot, lambda: pane.selected_id == weaker[1].id, "the next one")
        assert pane._order[-1] == weaker[0].id and pane.highlighted == 1
        await pilot.press("d")  # a dismissed question brought back keeps the highlight
        await wait_for(pilot, lambda: screen.state.questions[weaker[1].id].status == "dismissed")
        pane.highlighted = pane._order.index(weaker[0].id)
        await pilot.press("d")
        await wait_for(pilot, lambda: screen.state.questions[weaker[0].id].status == "suggested")
        assert pane.selected_id == weaker[0].id and pane._order[1] == weaker[0].id


@pytest.mark.parametrize("size", SIZES)
async def test_a_new_segment_re_ranks_without_moving_the_question_being_read(
    db_path: Path, size: tuple[int, int]
) -> None:
    app, _best, weaker = _seeded(db_path)
    async with app.run_test(size=size) as pilot:
        screen = await capture_ready(pilot)
        pane = screen.question_list
        await wait_for(pilot, lambda: pane.option_count == 6)
        pane.focus()
        await pilot.press("down", "down")
        reading = pane.selected_id
        assert reading == weaker[1].id
        row = next(i for i, line in enumerate(screen_lines(app)) if "Edge case 1:" in line)
        before = set(pane._order)
        await type_segment(
            pilot, "Janet signs off refunds for key accounts, unless she is out for a week."
        )
        await wait_for(pilot, lambda: len(pane._order) > 6, "the new segment's questions")
        await wait_for(pilot, lambda: not screen.status.busy, "the engine to finish")
        await pilot.pause()
        assert pane.selected_id == reading
        place = pane._order.index(reading)
        above = [q for q in pane._order[:place] if q not in before]
        assert above, "a new question should rank above a weak one"
        assert pane.border_title == f"Questions · {len(above)} new ↑"
        lines = screen_lines(app)
        now = next(i for i, line in enumerate(lines) if "Edge case 1:" in line)
        if pane.scroll_y:  # the list scrolled to keep the reader's place: within a record's
            assert abs(now - row) <= 3  # height (the view starts at a record's first line)
        assert weaker[1].text in pane_text(app, pane)
        assert f"Questions · {len(above)} new ↑" in lines[pane.region.y]
        pane.focus()
        await pilot.press("home")
        await wait_for(pilot, lambda: pane.border_title == "Questions", "the marker cleared")


async def test_the_session_best_shows_beyond_a_segments_own_cap(db_path: Path) -> None:
    session = Session(title="Dispatch")
    config = Config()
    config.engine.max_suggestions = 1
    app, _store = make_app(db_path, session, config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_ready(pilot)
        await type_segment(
            pilot,
            "We route tickets by zip code; Janet takes the key accounts unless she is out, "
            "and every Friday the ops digest goes to the regional manager.",
        )
        await wait_for(pilot, lambda: not screen.status.busy and screen.question_list.option_count)
        await wait_for(pilot, lambda: screen.question_list.option_count > 1, "the session's best")
        categories = {q.category for q in screen.state.questions.values()}
        assert len(categories) > 1


async def test_a_burst_of_segments_stores_each_question_once(db_path: Path) -> None:
    session = Session(title="Refunds")
    app, store = make_app(db_path, session)
    said = [
        "Refunds over 500 euros wait for Tom to sign off, unless it is a key account.",
        "Every Friday the refund report goes to finance.",
        "If the payment system is down we retry or escalate to Slack.",
    ]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        screen.narrative.input.focus()
        await pilot.pause()
        for line in said:  # one burst, as tmux send-keys delivers it
            for char in line:
                app.post_message(events.Key("space" if char == " " else char, char))
            app.post_message(events.Key("enter", None))
        await wait_for(pilot, lambda: screen.narrative.segment_count == 3, "three segments")
        await wait_for(pilot, lambda: not screen.suggesting, "every segment asked about")
        await writes_done(pilot)
    texts = [q.text.casefold() for q in store.questions(session.id)]
    assert len(texts) > 5
    assert len(set(texts)) == len(texts)


async def test_an_answered_question_stays_under_the_highlight_for_its_rule(
    db_path: Path,
) -> None:
    """Answer, then `u`: the rule is drafted from the question just answered, not from
    whichever question would have slid under the highlight."""
    app, best, _weaker = _seeded(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        pane = screen.question_list
        await wait_for(pilot, lambda: pane.option_count == 6)
        pane.focus()
        assert pane.selected_id == best.id
        await pilot.press("r")
        await wait_for(pilot, lambda: app.screen is not screen, "the answer prompt")
        await pilot.press(*"Key accounts go to Tom anyway", "enter")
        await wait_for(pilot, lambda: screen.state.questions[best.id].status == "answered")
        await pilot.pause()
        assert pane.selected_id == best.id and pane.highlighted == 0
        assert "answered" in pane_text(app, pane)
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, RuleEditor), "the rule editor")
        editor = app.screen
        assert isinstance(editor, RuleEditor) and editor.rule.question_id == best.id
