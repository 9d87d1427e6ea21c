"""What the pair sees as the call goes on: new questions and the newest narrative line."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.capture import capture_ready, make_app, screen_lines, type_segment
from support.waiting import wait_for

from tacit.models.domain import Question, Segment, Session
from tacit.tui.app import TacitApp
from tacit.tui.widgets.record_list import QuestionList

SIZES = [(80, 24), (120, 40)]


def _segments(session: Session, count: int) -> list[Segment]:
    return [
        Segment(
            session_id=session.id,
            speaker="operator" if n % 2 else "engineer",
            text=f"Line {n}: we route by zip code and try to balance load, rule {n} ends here.",
            at=f"2026-03-02T09:{n:02d}:00.000000Z",
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("size", SIZES)
async def test_the_last_narrative_line_stays_in_view_when_the_pane_gets_shorter(
    db_path: Path, size: tuple[int, int]
) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    store.save_many(_segments(session, 30))
    async with app.run_test(size=size) as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.narrative.segment_count == 30)
        await wait_for(
            pilot, lambda: any("rule 29 ends here." in line for line in screen_lines(app))
        )
        width, height = size
        await pilot.resize_terminal(width, height - 3)  # another client attached (tmux)
        await pilot.pause()
        await wait_for(
            pilot, lambda: any("rule 29 ends here." in line for line in screen_lines(app))
        )
        await pilot.resize_terminal(width - 6, height)
        await pilot.pause()
        await wait_for(
            pilot, lambda: any("rule 29 ends here." in line for line in screen_lines(app))
        )


def _questions(session: Session, segment: Segment) -> list[Question]:
    texts = [
        "How often is load unbalanced, and what do you do then?",
        "Who covers Janet's accounts when she is out?",
        "When do you not go by zip code, and who makes that call?",
        "Who reads the Friday summary of late jobs, and what do they decide from it?",
    ]
    return [
        Question(
            session_id=session.id,
            text=text,
            category="edge_case",
            quote="We route tickets by zip code and try to balance load across the teams.",
            segment_id=segment.id,
            score=1.0 - n / 10,
        )
        for n, text in enumerate(texts)
    ]


async def _seeded(db_path: Path) -> tuple[TacitApp, list[Question]]:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    [segment] = _segments(session, 1)
    questions = _questions(session, segment)
    store.save_many([segment, *questions])
    return app, questions


def _pane_rows(app: TacitApp, pane: QuestionList) -> list[str]:
    region = pane.region
    rows = screen_lines(app)[region.y + 1 : region.bottom - 1]
    scrollbar = str.maketrans("", "", "▁▂▃▄▅▆▇█")
    return [row[region.x + 1 : region.right - 1].translate(scrollbar) for row in rows]


@pytest.mark.parametrize("size", SIZES)
async def test_at_least_three_questions_are_readable_at_once(
    db_path: Path, size: tuple[int, int]
) -> None:
    app, questions = await _seeded(db_path)
    async with app.run_test(size=size) as pilot:
        screen = await capture_ready(pilot)
        pane = screen.question_list
        await wait_for(pilot, lambda: pane.option_count == 4)
        await pilot.pause()
        shown = " ".join(" ".join(_pane_rows(app, pane)).split())
        whole = [q for q in questions if q.text in shown]
        assert len(whole) >= 3, shown
        assert shown.count("“We route tickets") == 1  # the quote folds out under one only


@pytest.mark.parametrize("size", SIZES)
async def test_new_questions_are_followed_unless_the_user_is_reading(
    db_path: Path, size: tuple[int, int]
) -> None:
    app, _ = await _seeded(db_path)
    async with app.run_test(size=size) as pilot:
        screen = await capture_ready(pilot)
        pane = screen.question_list
        await wait_for(pilot, lambda: pane.option_count == 4)
        # following: the highlight is on the newest, so it moves to what arrives
        await type_segment(pilot, "Janet keeps the key accounts, unless she is out for a week.")
        await wait_for(pilot, lambda: pane.option_count > 4, "new questions")
        await wait_for(pilot, lambda: not screen.status.busy, "the engine to finish")
        newest = pane.get_option_at_index(0).id
        assert pane.selected_id == newest and pane.scroll_y == 0
        assert pane.border_title == "Questions"
        # reading: the highlight moved off the newest; it stays put and the arrivals are counted
        pane.focus()
        reading = pane.option_count - 1
        pane.highlighted = reading
        await pilot.pause()
        read_id = pane.selected_id
        read_text = " ".join(pane.records[read_id].text.split())[:40]
        before = set(pane._order)
        await type_segment(
            pilot, "Every Friday we send a summary of late jobs to the regional manager."
        )
        await wait_for(pilot, lambda: len(pane._order) > len(before), "more questions")
        await wait_for(pilot, lambda: not screen.status.busy, "the engine to finish")
        assert pane.selected_id == read_id
        above = pane._order[: pane.highlighted]  # ranked above the question being read
        arrived = len([q for q in above if q not in before])
        assert arrived
        assert pane.border_title == f"Questions · {arrived} new ↑"
        await wait_for(
            pilot,
            lambda: f"Questions · {arrived} new ↑" in screen_lines(app)[pane.region.y],
            "the marker on screen",
        )
        rows = _pane_rows(app, pane)
        assert read_text in " ".join(" ".join(rows).split())  # still in view
        # going back up to the newest clears the marker
        pane.focus()
        await pilot.press("home")
        await wait_for(pilot, lambda: pane.border_title == "Questions", "the marker cleared")
