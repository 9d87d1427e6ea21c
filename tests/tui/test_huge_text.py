"""Huge stored text is shown bounded ("… N more characters") and stays whole in the store."""

from __future__ import annotations

from pathlib import Path

from support.capture import capture_ready, make_app, visible_text
from support.waiting import wait_for

from tacit.models.domain import Question, Segment, Session
from tacit.tui.safe_text import SHOWN_CHARS, bounded

HUGE = 2_000_000


def test_bounded_keeps_short_text_and_counts_what_it_leaves_out() -> None:
    assert bounded("short") == "short"
    text = "x" * (SHOWN_CHARS + 1234)
    assert bounded(text) == "x" * SHOWN_CHARS + " … 1,234 more characters"


async def test_a_session_with_a_huge_segment_opens_shows_a_bounded_line_and_stays_typable(
    db_path: Path,
) -> None:
    session = Session(title="Huge")
    app, store = make_app(db_path, session)
    text = ("Route by zip code. " * (HUGE // 19 + 1))[:HUGE]
    segment = Segment(session_id=session.id, speaker="operator", text=text)
    question = Question(
        session_id=session.id, text=text, category="edge_case", segment_id=segment.id, quote=text
    )
    store.save_many([segment, question])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.narrative.segment_count == 1, "the segment")
        [line] = screen.narrative.segment_texts()
        assert line.endswith(f" … {HUGE - SHOWN_CHARS:,} more characters")
        assert len(line) < SHOWN_CHARS + 100
        shown = visible_text(pilot)
        assert len(shown) < 4 * SHOWN_CHARS  # the question and its quote are bounded too
        await pilot.press("o", "k")
        assert screen.narrative.input.value == "ok"
    [stored] = store.segments(session.id)
    assert stored.text == text
