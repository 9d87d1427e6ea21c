"""Editing keys (Backspace, arrows, Ctrl+U, Ctrl+W…) keep their place in a burst of typing.

Textual runs an Input's key bindings only after the key bubbled up to the app, while the
letters typed after it are already inserted: `send-keys "abc" BSpace "d"` gave "abc" and
`C-u "text"` cleared the text typed after it. Keys are posted at once, as a terminal read
hands them over.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.capture import capture_ready, make_app
from support.waiting import wait_for
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tacit.models.domain import Question, Segment, Session
from tacit.tui.screens.prompts import TextPrompt

NAMED = {"backspace", "left", "right", "home", "end", "ctrl+u", "ctrl+w", "ctrl+a", "ctrl+k"}


def _burst(pilot: Pilot[Any], *parts: str) -> None:
    for part in parts:
        if part in NAMED:
            pilot.app.post_message(events.Key(part, None))
        else:
            for char in part:
                pilot.app.post_message(events.Key("space" if char == " " else char, char))


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (("abc", "backspace", "d"), "abd"),
        (("abc", "left", "X"), "abXc"),
        (("hello there", "ctrl+u", "world"), "world"),
        (("one two", "ctrl+w", "three"), "one three"),
        (("bc", "home", "a", "end", "d"), "abcd"),
    ],
)
async def test_editing_keys_in_a_burst_act_where_they_were_typed(
    db_path: Path, keys: tuple[str, ...], expected: str
) -> None:
    session = Session(title="Burst")
    app, _store = make_app(db_path, session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        screen.narrative.input.focus()
        await pilot.pause()
        _burst(pilot, *keys)
        field = screen.narrative.input
        await wait_for(pilot, lambda: len(field.value) == len(expected), "the burst typed")
        await pilot.pause()
        assert field.value == expected


async def test_ctrl_u_in_the_answer_dialog_keeps_what_is_typed_after_it(db_path: Path) -> None:
    session = Session(title="Burst")
    app, store = make_app(db_path, session)
    segment = Segment(session_id=session.id, speaker="operator", text="We route by zip code.")
    question = Question(
        session_id=session.id,
        segment_id=segment.id,
        text="When do you not go by zip code?",
        category="exception",
        quote=segment.text,
    )
    store.save_many([segment, question])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.question_list.option_count >= 1, "the question")
        screen.question_list.focus()
        screen.question_list.highlighted = 0
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt), "the answer dialog")
        _burst(pilot, "draft", "ctrl+u", "Key accounts stay with their owner.")
        field = app.screen.query_one("#prompt-input", Input)
        await wait_for(pilot, lambda: field.value.endswith("owner."), "the typed answer")
        await pilot.pause()
        assert field.value == "Key accounts stay with their owner."


async def test_backspace_in_the_rule_examples_acts_where_it_was_typed() -> None:
    from support.dialog_host import Host
    from textual.widgets import TextArea

    from tacit.models.domain import Rule
    from tacit.tui.screens.rule_editor import RuleEditor

    rule = Rule(session_id="ses_01JQ8ZK4M3ABCDEFGHJKMNPQRS", statement="Route by zip code")
    app = Host(lambda: RuleEditor(rule, role="engineer"))
    async with app.run_test(size=(80, 24)) as pilot:
        examples = app.screen.query_one("#examples", TextArea)
        examples.focus()
        await pilot.pause()
        _burst(pilot, "job at 94110 -> Missionx", "backspace", " team")
        wanted = "job at 94110 -> Mission team"
        await wait_for(pilot, lambda: len(examples.text) >= len(wanted), "the example typed")
        await pilot.pause()
        assert examples.text == wanted
