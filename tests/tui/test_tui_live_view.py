"""What the pair sees as the call goes on: the newest narrative line stays in view."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.capture import capture_ready, make_app, screen_lines, wait_for

from tacit.models.domain import Segment, Session

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
