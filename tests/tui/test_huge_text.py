"""Huge stored text is shown bounded ("… N more characters") and stays whole in the store."""

from __future__ import annotations

from pathlib import Path

from support.capture import capture_ready, make_app, type_segment, visible_text, writes_done
from support.waiting import wait_for
from textual import events

from tacit.models.domain import Question, Segment, Session
from tacit.question_engine.session import EngineSession
from tacit.question_engine.types import Suggestion
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


class _RecordingEngine:
    """Records how much text the engine is handed for each segment; one question each."""

    max_suggestions = 5
    template_stems: frozenset[str] = frozenset()

    def __init__(self) -> None:
        self.lengths: list[int] = []

    def lexicon_is_verb(self, word: str) -> bool:
        return False

    def segment_questions(
        self, segment: str, *_args: object, **_kw: object
    ) -> tuple[list[Suggestion], tuple[tuple[()], tuple[()]]]:
        self.lengths.append(len(segment))
        asked = Suggestion(f"Who decides #{len(self.lengths)}?", "exception", segment[:40], "t", 1)
        return [asked], ((), ())


async def test_a_huge_paste_hands_the_engine_only_what_the_pane_shows(db_path: Path) -> None:
    engine = _RecordingEngine()
    session = Session(title="Huge")
    app, store = make_app(db_path, session, open_engine=lambda: EngineSession(engine))
    text = ("Route by zip code unless the account is key. " * (HUGE // 46 + 1))[:HUGE]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        app.post_message(events.Paste(text + "\r"))
        await wait_for(pilot, lambda: screen.narrative.segment_count == 1, "the huge segment")
        await type_segment(pilot, "Janet decides the rest.")
        await wait_for(pilot, lambda: len(screen.state.questions) >= 2, "questions for both")
        await writes_done(pilot)
    assert engine.lengths and max(engine.lengths) <= SHOWN_CHARS
    stored = store.segments(session.id)
    assert stored[0].text == text.strip()  # stored whole
