"""Idle: nothing repaints or polls often when nobody types, yet the other view's changes show."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support.capture import capture_ready, make_app
from support.waiting import wait_for

from tacit.models.domain import Session
from tacit.tui import sync
from tacit.tui.widgets.narrative import NarrativePane


async def test_the_cursor_rests_when_idle_and_wakes_on_a_key(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(NarrativePane, "CURSOR_REST_AFTER", 0.2)  # the real rest is 5 s
    app, _ = make_app(db_path, Session(title="Dispatch"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        entry = screen.narrative.input
        await wait_for(pilot, lambda: not entry.cursor_blink, "the cursor to rest")
        await pilot.press("a")
        await wait_for(pilot, lambda: entry.cursor_blink, "the cursor to blink on a key")
        assert entry.value == "a"
        await wait_for(pilot, lambda: not entry.cursor_blink, "the cursor to rest again")


async def test_another_process_write_shows_without_waiting_for_a_poll(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync, "WATCHED_POLL_SECONDS", 600.0)  # only the file watch can tell
    session = Session(title="Dispatch")
    app, _ = make_app(db_path, session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: app.pair_sync.started, "the store watch")
        if not app.pair_sync.watching:
            pytest.skip("no inotify here: tacit polls instead")
        writer = (
            "import sys; from tacit.models.repository import Store;"
            "from tacit.models.domain import Segment;"
            "Store(sys.argv[1]).save(Segment(session_id=sys.argv[2], speaker='operator',"
            " text='Said in the other view'))"
        )
        subprocess.run([sys.executable, "-c", writer, str(db_path), session.id], check=True)
        await wait_for(pilot, lambda: screen.narrative.segment_count == 1, "the other's segment")
        assert screen.narrative.segment_texts()[0].endswith("Said in the other view")
