"""Keys that act on the screen keep their place in a burst: Ctrl+T after typed text, and the
"i" focus key before typed text (the letters land in the input, never act as pane keys)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.capture import capture_ready, make_app, writes_done
from support.waiting import wait_for
from textual import events
from textual.pilot import Pilot

from tacit.models.domain import Question, Rule, Session
from tacit.tui.widgets.ordered_input import OrderedInput


def _burst(pilot: Pilot[Any], *parts: str) -> None:
    """Post every key of parts at once (as one terminal read): named keys or typed words."""
    for part in parts:
        if part in ("enter", "ctrl+t", "i", "tab", "f4"):
            pilot.app.post_message(events.Key(part, part if part == "i" else None))
        else:
            for char in part:
                pilot.app.post_message(events.Key("space" if char == " " else char, char))


async def test_ctrl_t_after_typed_text_switches_the_speaker_after_that_text(
    db_path: Path,
) -> None:
    session = Session(title="Burst")
    app, store = make_app(db_path, session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        assert screen.narrative.speaker == "operator"
        _burst(pilot, "We route by zip.", "enter", "ctrl+t", "Why zip?", "enter", "ctrl+t")
        await wait_for(pilot, lambda: screen.narrative.segment_count == 2, "two segments")
        await writes_done(pilot)
        assert screen.narrative.speaker == "operator"
    said = [(s.speaker, s.text) for s in store.segments(session.id)]
    assert said == [("operator", "We route by zip."), ("engineer", "Why zip?")]


@pytest.mark.parametrize("pane", ["questions", "rules", "segments"])
async def test_letters_typed_right_after_the_focus_key_land_in_the_input(
    db_path: Path, pane: str
) -> None:
    session = Session(title="Burst")
    app, store = make_app(db_path, session)
    question = Question(session_id=session.id, text="Who decides?", category="exception")
    rule = Rule(session_id=session.id, statement="Route by zip code")
    store.save_many([question, rule])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.rule_list.option_count == 1, "the rule shown")
        screen.query_one(f"#{pane}").focus()
        await pilot.pause()
        _burst(pilot, "i", "dare you pry", "enter", "yes")
        await wait_for(pilot, lambda: screen.narrative.segment_count == 1, "a segment")
        await writes_done(pilot)
        assert app.screen is screen, "a pane key opened a screen"
        assert isinstance(app.focused, OrderedInput)
        assert screen.narrative.input.value == "yes"
    assert [s.text for s in store.segments(session.id)] == ["dare you pry"]
    stored = store.get(Question, question.id)
    assert stored is not None and stored.status == "suggested"


async def test_the_operator_typing_right_after_f4_never_accepts_or_sends_back(
    db_path: Path,
) -> None:
    from tacit.tui.screens.operator import OperatorScreen, WaitingRules

    session = Session(title="Burst")
    app, store = make_app(db_path, session, role="operator")
    rule = Rule(session_id=session.id, statement="Route by zip code")
    store.save(rule)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OperatorScreen) and app.screen.loaded)
        waiting = app.screen.query_one(WaitingRules)
        await wait_for(pilot, lambda: waiting.option_count == 1, "the rule waiting")
        waiting.focus()
        await pilot.pause()
        _burst(pilot, "f4", "a bit later we call back", "enter")
        await wait_for(pilot, lambda: store.segments(session.id), "the segment saved")
        await writes_done(pilot)
    assert [s.text for s in store.segments(session.id)] == ["a bit later we call back"]
    stored = store.get(Rule, rule.id)
    assert stored is not None and stored.accepted_by_operator is None and not stored.comments
