"""Recorded calls in a real terminal: a call imported with `tacit import-transcript` opens
in the app with questions about the operator's words; a call pasted (bracketed, as a
terminal pastes) becomes one segment per turn; the pane ranks across the session."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from support.pair_tmux import TACIT, Tmux, tmux
from support.waiting import wait_until

from tacit.models.repository import Store

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
__all__ = ["tmux"]

CALL = """WEBVTT

1
00:00:01.000 --> 00:00:07.000
<v Maria>Refunds over 500 euros wait for Tom to sign off, unless it is a key account.</v>

2
00:00:07.500 --> 00:00:09.000
<v Dev>What if Tom is away?</v>

3
00:00:09.500 --> 00:00:15.000
<v Maria>Then it waits. Every Friday the refund report goes to finance.</v>
"""
PASTED = (
    "[00:01:02] Maria: Chargebacks go to Priya unless the card network flags fraud.\n"
    "[00:01:09] Dev: Who decides what counts as fraud?\n"
    "[00:01:15] Maria: The fraud desk decides, it happens maybe twice a month.\n"
)


def _questions(db: Path, session_id: str) -> int:
    store = Store(db)
    try:
        return len(store.questions(session_id))
    finally:
        store.close()


def test_an_imported_call_opens_with_questions_about_the_operators_words(
    tmux: Tmux, tmp_path: Path
) -> None:
    call, db = tmp_path / "call.vtt", tmp_path / "tacit.json"
    call.write_text(CALL, encoding="utf-8")
    done = subprocess.run(
        [*TACIT, "import-transcript", str(call), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "3 turns (2 operator, 1 engineer; operator: Maria)" in done.stdout
    session_id = done.stdout.split()[-1]
    tmux.start("app", [*TACIT, "--session", session_id, "--db", str(db), "--offline"], 80, 24)
    tmux.wait_text("app", "Narrative")
    tmux.wait_text("app", "engineer: What if Tom is away?")
    wait_until(lambda: _questions(db, session_id) > 0, "questions for the imported call")
    screen = tmux.screen("app")
    for markup in ("-->", "<v", "00:00", "WEBVTT", "Maria:"):
        assert markup not in screen
    store = Store(db)
    try:
        quotes = {q.quote for q in store.questions(session_id)} - {""}
        operator = " ".join(s.text for s in store.segments(session_id) if s.speaker == "operator")
    finally:
        store.close()
    assert quotes and all(q in operator for q in quotes)  # never the engineer's line

    tmux.run("send-keys", "-t", "app", "-l", "We refund by bank transfer.")
    tmux.keys("app", "Enter")
    subprocess.run(
        ["tmux", "-L", tmux.socket, "load-buffer", "-b", "call", "-"],
        input=PASTED,
        text=True,
        check=True,
        timeout=10,
    )
    tmux.run("paste-buffer", "-p", "-b", "call", "-t", "app")
    tmux.wait_text("app", "counts as fraud?")  # the engineer's turn, wrapped at 80 columns
    tmux.wait_text("app", "Pasted a transcript: 3 turns")

    expected = [
        ("operator", "We refund by bank transfer."),
        ("operator", "Chargebacks go to Priya unless the card network flags fraud."),
        ("engineer", "Who decides what counts as fraud?"),
        ("operator", "The fraud desk decides, it happens maybe twice a month."),
    ]
    said: list[tuple[str, str]] = []

    def stored_in_order() -> bool:
        store = Store(db)
        try:
            said[:] = [(s.speaker, s.text) for s in store.segments(session_id)][-4:]
        finally:
            store.close()
        return said == expected

    # the app's writer thread stores the typed line and the pasted turns in one or more
    # writes, each after the screen shows it: wait for all four (a line lost or out of
    # order never gets there, and this fails)
    try:
        wait_until(stored_in_order, "the typed line, then the pasted turns, stored in order")
    except AssertionError as error:
        raise AssertionError(f"{error}; the last four stored: {said}") from None
