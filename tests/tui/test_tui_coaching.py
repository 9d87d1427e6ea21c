"""Pilot tests: the engineer's leading question gets a hint; the operator's words never do."""

from __future__ import annotations

from pathlib import Path

from support.capture import capture_ready, make_app, type_segment
from support.waiting import wait_for

from tacit.models.domain import Segment, Session
from tacit.tui.screens.operator import OperatorScreen

LEADING = "Don't you think the big accounts should go to Janet?"


def shown_lines(screen: object) -> list[str]:
    log = screen.narrative.log_view  # type: ignore[attr-defined]
    return [strip.text for strip in log.lines]


async def test_a_leading_engineer_question_shows_a_hint_beside_it_and_in_the_status(
    db_path: Path,
) -> None:
    app, _ = make_app(db_path, Session(title="Dispatch"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        await type_segment(pilot, "We route by zip code.")
        await pilot.press("ctrl+t")
        await type_segment(pilot, LEADING)
        await wait_for(pilot, lambda: screen.narrative.segment_count == 2, "two segments")
        await wait_for(pilot, lambda: any("↳" in line for line in shown_lines(screen)), "hint")
        hinted = [line for line in shown_lines(screen) if "↳" in line]
        hint = screen.narrative.hint(screen.state.segments[-1].id)
        assert hint is not None and hint.kind == "leading"
        # one line under the segment at 80 columns, not wrapped
        assert len(hinted) == 1 and hinted[0].strip() == f"↳ {hint.text}"
        assert screen.status.notice.startswith("coach: Leading")
        # typing goes on: the hint never takes focus or blocks the input
        assert app.focused is screen.narrative.input
        await pilot.press(*"next")
        assert screen.narrative.input.value == "next"


async def test_an_operator_segment_never_gets_a_hint(db_path: Path) -> None:
    app, _ = make_app(db_path, Session(title="Dispatch"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await capture_ready(pilot)
        assert screen.narrative.speaker == "operator"
        await type_segment(pilot, LEADING)
        await type_segment(pilot, "Do you ever route by hand? And who decides?")
        await wait_for(pilot, lambda: screen.narrative.segment_count == 2, "two segments")
        assert not any("↳" in line for line in shown_lines(screen))
        assert "coach" not in screen.status.notice


async def test_the_operator_view_never_shows_the_engineer_a_hint(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session, role="operator")
    store.save(Segment(session_id=session.id, speaker="engineer", text=LEADING))
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.screen
        assert isinstance(view, OperatorScreen)
        await wait_for(pilot, lambda: view.narrative.segment_count == 1, "the engineer's question")
        assert not any("↳" in line for line in shown_lines(view))
