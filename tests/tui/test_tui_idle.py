"""Idle: the narrative cursor stops blinking when nobody types, and blinks again on a key."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.capture import capture_ready, make_app, wait_for

from tacit.models.domain import Session
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
