"""Keys that arrive in one burst (as tmux send-keys and pastes deliver them) keep their order.

Each burst is posted to the app at once, without waiting between keys, the way
a terminal read hands them over; the old Input submitted the whole burst on
every Enter.
"""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

from support.capture import capture_ready, make_app, writes_done
from support.waiting import wait_for
from textual import events
from textual.pilot import Pilot

from tacit.models.domain import Session
from tacit.models.exit_codes import EXIT_HANGUP
from tacit.tui.screens.sessions import SessionPicker


def _burst(pilot: Pilot[Any], *parts: str) -> None:
    """Post every key of parts at once: words are typed, other names are pressed keys."""
    for part in parts:
        if part in ("enter", "tab"):
            pilot.app.post_message(events.Key(part, None))
        else:
            for char in part:
                key = "space" if char == " " else char
                pilot.app.post_message(events.Key(key, char))


async def test_a_burst_of_lines_becomes_one_segment_per_line(db_path: Path) -> None:
    session = Session(title="Burst")
    app, store = make_app(db_path, session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        _burst(pilot, "Z1 alpha.", "enter", "Z2 beta.", "enter", "Z3 gamma.", "enter", "Z4")
        await wait_for(pilot, lambda: screen.narrative.segment_count == 3, "three segments")
        await writes_done(pilot)
        assert screen.narrative.input.value == "Z4"
    assert [s.text for s in store.segments(session.id)] == ["Z1 alpha.", "Z2 beta.", "Z3 gamma."]


async def test_a_multi_line_paste_gives_a_segment_per_line_and_keeps_the_tail(
    db_path: Path,
) -> None:
    session = Session(title="Paste")
    app, store = make_app(db_path, session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        _burst(pilot, "Before ")
        app.post_message(events.Paste("P1 the customer.\r\n\nP2 calls.\rP3 tail"))
        await wait_for(pilot, lambda: screen.narrative.segment_count == 2, "two segments")
        await wait_for(pilot, lambda: screen.narrative.input.value == "P3 tail", "the tail")
        await writes_done(pilot)
    assert [s.text for s in store.segments(session.id)] == ["Before P1 the customer.", "P2 calls."]


async def test_ctrl_q_after_a_burst_saves_every_line_and_the_half_typed_text(
    db_path: Path,
) -> None:
    session = Session(title="Quit")
    app, store = make_app(db_path, session)
    async with app.run_test(size=(80, 24)) as pilot:
        await capture_ready(pilot)
        _burst(pilot, "One.", "enter", "Two.", "enter", "half typed")
        app.post_message(events.Key("ctrl+q", None))
        await wait_for(pilot, lambda: not app.is_running, "the app to quit")
    assert [s.text for s in store.segments(session.id)] == ["One.", "Two.", "half typed"]


async def test_a_hang_up_after_a_burst_saves_every_line_then_the_half_typed_text(
    db_path: Path,
) -> None:
    """A dropped connection (SIGHUP) right after a burst: the lines entered before it were
    lost and only the half-typed text was kept (or kept first, ahead of them), seen in tmux
    when the server was killed within ~0.2 s of the keys."""
    session = Session(title="Hang-up")
    app, store = make_app(db_path, session)
    async with app.run_test(size=(80, 24)) as pilot:
        await capture_ready(pilot)
        _burst(pilot, "One.", "enter", "Two.", "enter", "Three.", "enter", "half typed")
        signal.raise_signal(signal.SIGHUP)  # the app's handler: as when the terminal goes away
        await wait_for(pilot, lambda: not app.is_running, "the app to hang up")
    assert app.return_code == EXIT_HANGUP
    texts = [s.text for s in store.segments(session.id)]
    assert texts == ["One.", "Two.", "Three.", "half typed"]


async def test_new_session_form_typed_fast_keeps_the_fields_apart(db_path: Path) -> None:
    app, store = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionPicker), "the picker")
        app.screen.query_one("#new-title").focus()
        await pilot.pause()
        _burst(pilot, "Dispatch with Dana", "tab", "dispatch", "enter", "First words.", "enter")
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.narrative.segment_count == 1, "the first segment")
        await writes_done(pilot)
    [session] = store.sessions()
    assert (session.title, session.workflow) == ("Dispatch with Dana", "dispatch")
    assert [s.text for s in store.segments(session.id)] == ["First words."]


async def test_a_pasted_line_ending_in_a_line_break_becomes_a_segment(db_path: Path) -> None:
    session = Session(title="Paste")
    app, store = make_app(db_path, session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        app.post_message(events.Paste("One copied line.\r"))  # tmux pastes LF as CR
        await wait_for(pilot, lambda: screen.narrative.segment_count == 1, "the segment")
        await writes_done(pilot)
        assert screen.narrative.input.value == ""
    assert [s.text for s in store.segments(session.id)] == ["One copied line."]
