"""Pilot tests driving the capture screen: narrative, question actions, copy."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from support.capture import capture_ready, make_app, type_segment, writes_done
from support.waiting import wait_for

from tacit.models.domain import Question, Rule, Segment, Session
from tacit.tui.screens.capture import CaptureScreen
from tacit.tui.screens.prompts import TextPrompt


def _question(session: Session, text: str, category: str, **fields: str) -> Question:
    return Question(session_id=session.id, text=text, category=category, **fields)


async def test_typed_segments_appear_with_their_speaker_and_are_saved(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_ready(pilot)
        assert app.focused is screen.narrative.input
        await type_segment(pilot, "We route by zip code.")
        await pilot.press(*"Do you ever")
        await pilot.press("ctrl+t")  # the speaker toggle works while typing
        assert screen.narrative.input.value == "Do you ever"
        await pilot.press(*" not?", "enter")
        await wait_for(pilot, lambda: screen.narrative.segment_count == 2, "two segments")
        await writes_done(pilot)
        lines = screen.narrative.segment_texts()
        assert lines[0].endswith("operator: We route by zip code.")
        assert lines[1].endswith("engineer: Do you ever not?")
        assert screen.narrative.input.value == ""
    saved = store.segments(session.id)
    assert [(s.speaker, s.text) for s in saved] == [
        ("operator", "We route by zip code."),
        ("engineer", "Do you ever not?"),
    ]


async def test_an_empty_segment_is_not_added(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    async with app.run_test() as pilot:
        screen = await capture_ready(pilot)
        await type_segment(pilot, "   ")
        await writes_done(pilot)
        assert screen.narrative.segment_count == 0
    assert store.segments(session.id) == []


async def test_segment_gets_suggestions_from_the_offline_engine(db_path: Path) -> None:
    session = Session(title="Dispatch", workflow="ticket dispatch")
    app, store = make_app(db_path, session)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_ready(pilot)
        await type_segment(
            pilot, "We route tickets by zip code and try to balance load; Janet takes the big ones."
        )
        await wait_for(pilot, lambda: screen.question_list.option_count > 0, "suggestions")
        await wait_for(pilot, lambda: not screen.status.busy, "the engine to finish")
        await writes_done(pilot)
        shown = list(screen.question_list.records.values())
    stored = store.questions(session.id)
    assert {q.id for q in stored} == {q.id for q in shown}
    segment = store.segments(session.id)[0]
    assert all(q.segment_id == segment.id and q.status == "suggested" for q in stored)
    assert all(q.source == "offline" for q in stored)


async def test_question_keys_move_the_highlighted_question(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    older = _question(session, "Who covers when Janet is out?", "adoption")
    newer = _question(session, "When do you not route by zip code?", "exception")
    store.save_many([older, newer])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.question_list.option_count == 2)
        screen.question_list.focus()
        screen.question_list.highlighted = 0
        assert screen.question_list.selected_id == newer.id  # newest first
        await pilot.press("a")
        await wait_for(pilot, lambda: screen.state.questions[newer.id].status == "asked")
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press(*"Key accounts stay with their owner's team", "enter")
        await wait_for(pilot, lambda: screen.state.questions[newer.id].status == "answered")
        # answered, it keeps the highlight and its place, so `u` drafts the rule from it
        await pilot.pause()
        assert screen.question_list.selected_id == newer.id
        assert screen.question_list._order == [newer.id, older.id]
        await pilot.press("down")  # the reader moves on; the answered one goes below
        assert screen.question_list.selected_id == older.id
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press(*"Maria (ops lead)", "enter")
        await wait_for(pilot, lambda: screen.state.questions[older.id].status == "parked")
        await writes_done(pilot)
        coverage = {c.category: c for c in screen.query_one("#coverage").cells}  # type: ignore[attr-defined]
        assert coverage["exception"].asked == 1 and coverage["adoption"].asked == 1
        assert coverage["reporting"].untouched
    answered = store.get(Question, newer.id)
    parked = store.get(Question, older.id)
    assert answered is not None and parked is not None
    assert (answered.status, answered.answer) == (
        "answered",
        "Key accounts stay with their owner's team",
    )
    assert (parked.status, parked.owner) == ("parked", "Maria (ops lead)")


async def test_dismiss_toggles_and_a_forbidden_move_is_one_notice(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    question = _question(session, "Who reads the weekly report?", "reporting")
    store.save(question)
    async with app.run_test() as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.question_list.option_count == 1)
        screen.question_list.focus()
        await pilot.press("d")
        await wait_for(pilot, lambda: screen.state.questions[question.id].status == "dismissed")
        await pilot.press("a")  # dismissed -> asked is not an allowed move
        await wait_for(
            pilot, lambda: any("cannot go" in str(n.message) for n in app._notifications)
        )
        # dismissed by a slip of the finger on a call: the notice says how to bring it back
        assert any("d brings it back" in str(n.message) for n in app._notifications)
        assert screen.state.questions[question.id].status == "dismissed"
        await pilot.press("d")  # dismissing again brings it back
        await wait_for(pilot, lambda: screen.state.questions[question.id].status == "suggested")
        await writes_done(pilot)
        assert app.is_running
    stored = store.get(Question, question.id)
    assert stored is not None and stored.status == "suggested"


async def test_cancelled_prompt_changes_nothing(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    question = _question(session, "How often does that happen?", "edge_case")
    store.save(question)
    async with app.run_test() as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.question_list.option_count == 1)
        screen.question_list.focus()
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CaptureScreen))
        await writes_done(pilot)
        assert screen.state.questions[question.id].status == "suggested"


async def test_copy_selected_question_and_all_rules(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    question = _question(session, "When do you not route by zip code?", "exception")
    first = Rule(session_id=session.id, statement="Route by zip code", then="assign the zip's team")
    second = Rule(session_id=session.id, statement="Key accounts stay with the owner's team")
    store.save_many([question, first, second])
    async with app.run_test() as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.rule_list.option_count == 2)
        screen.question_list.focus()
        await pilot.press("y")
        expected = "Q [except] When do you not route by zip code?"
        await wait_for(pilot, lambda: app.clipboard == expected, "the question on the clipboard")
        # headless: no terminal for OSC 52 and no pyperclip backend -> one notice, no crash
        assert screen.status.notice.startswith(("Copied 1 question", "Clipboard unavailable"))
        await pilot.press("Y")
        await wait_for(pilot, lambda: "Key accounts" in app.clipboard, "all rules copied")
        assert "Route by zip code" in app.clipboard
        assert "Key accounts stay with the owner's team" in app.clipboard
        assert app.clipboard.index("Route by zip") < app.clipboard.index("Key accounts")
        screen.rule_list.focus()
        screen.rule_list.highlighted = 1
        await pilot.press("y")
        await wait_for(pilot, lambda: app.clipboard.startswith("Rule (draft, rule): Key accounts"))
        assert "Route by zip" not in app.clipboard
        assert app.is_running


async def test_segments_already_stored_are_shown_in_order(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    segments = [
        Segment(session_id=session.id, speaker=("operator", "engineer")[i % 2], text=f"line {i}")
        for i in range(40)
    ]
    store.save_many(segments)
    async with app.run_test() as pilot:
        screen = await capture_ready(pilot)
        texts = [line.split(": ", 1)[1] for line in screen.narrative.segment_texts()]
        assert texts == [f"line {i}" for i in range(40)]


async def test_long_narrative_appends_without_rerendering_history(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    store.save_many(
        Segment(session_id=session.id, speaker="operator", text=f"line {i} about zip codes")
        for i in range(1500)
    )
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_ready(pilot)
        log = screen.narrative.log_view
        await wait_for(pilot, lambda: len(log.lines) >= 1500, "the history rendered")
        await wait_for(pilot, lambda: log.is_vertical_scroll_end, "opening at the latest segment")
        first_line, rendered = log.lines[0], len(log.lines)
        await type_segment(pilot, "and Janet takes the big ones")
        await wait_for(pilot, lambda: len(log.lines) > rendered, "the new segment")
        assert log.lines[0] is first_line  # history was not rendered again
        assert screen.narrative.segment_texts()[-1].endswith("Janet takes the big ones")
        await wait_for(pilot, lambda: log.is_vertical_scroll_end, "following the new segment")


async def test_narrative_rewraps_when_the_terminal_narrows(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    long_text = "We route tickets by zip code and try to balance load across the teams. " * 3
    store.save(Segment(session_id=session.id, speaker="operator", text=long_text))
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await capture_ready(pilot)
        log = screen.narrative.log_view
        await wait_for(pilot, lambda: len(log.lines) > 0, "the segment rendered")
        wide = len(log.lines)
        await pilot.resize_terminal(80, 24)  # e.g. tmux resizing to the other person's window
        await wait_for(pilot, lambda: len(log.lines) > wide, "the segment re-wrapped")
        assert max(line.cell_length for line in log.lines) <= log.scrollable_content_region.width


async def test_an_engine_failure_is_one_notice_and_typing_goes_on(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tacit.question_engine.service as service

    async def broken(*_args: object, **_kwargs: object) -> AsyncIterator[object]:
        raise RuntimeError("bank unreadable\nwith a second line")
        yield  # pragma: no cover - makes this an async generator

    monkeypatch.setattr(service, "stream_suggestions", broken)
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    async with app.run_test() as pilot:
        screen = await capture_ready(pilot)
        await type_segment(pilot, "We route by zip code.")
        await wait_for(pilot, lambda: "engine failed" in screen.status.notice, "the notice")
        assert screen.status.notice == "engine failed: bank unreadable"
        await wait_for(pilot, lambda: not screen.status.busy)
        await pilot.press(*"still typing")
        assert screen.narrative.input.value == "still typing"
        await writes_done(pilot)
    assert [s.text for s in store.segments(session.id)] == ["We route by zip code."]
