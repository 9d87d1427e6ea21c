"""Markup and terminal escapes in untrusted text are shown literally and never act."""

from __future__ import annotations

import html
import re
from pathlib import Path

from support.capture import capture_ready, make_app, visible_text
from support.waiting import wait_for
from textual.widgets import DataTable

from tacit.models.domain import Decision, Question, Rule, Segment, Session, Unless
from tacit.tui.screens.capture import CaptureScreen

MARKUP = ("[bold]x", "[/]", "[@click=app.quit]", "[link=https://evil.example]y")
ESCAPES = ("\x1b[31m", "\x1b]52;c;aGk=\x07", "\x9b31m", "\x85", "\x07")
PAYLOAD = "".join(f"{m} {e}" for m, e in zip(MARKUP, ESCAPES, strict=False)) + "\x1b[0m end"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _frame_text(svg: str) -> str:
    return html.unescape(svg).replace("\xa0", " ")


def _assert_literal(text: str) -> None:
    for markup in MARKUP:
        assert markup in text, f"{markup!r} not shown literally"
    assert not CONTROL.search(text), "a control character reached the screen"


async def test_payloads_render_literally_everywhere(db_path: Path) -> None:
    session = Session(title=f"Title {PAYLOAD}", workflow=PAYLOAD)
    app, store = make_app(db_path, session)
    segment = Segment(session_id=session.id, speaker="operator", text=f"Said {PAYLOAD}")
    question = Question(
        session_id=session.id,
        text=f"Asked {PAYLOAD}?",
        category="edge_case",
        quote=f"Quote {PAYLOAD}",
        segment_id=segment.id,  # asked about the segment: the engine has nothing to catch up
        status="answered",
        answer=f"Answer {PAYLOAD}",
        owner=f"Owner {PAYLOAD}",
    )
    rule = Rule(
        session_id=session.id,
        statement=f"Rule {PAYLOAD}",
        unless=[Unless(condition=f"Unless {PAYLOAD}", then="x")],
    )
    decision = Decision(session_id=session.id, topic=f"Topic {PAYLOAD}", choice=f"Choice {PAYLOAD}")
    store.save_many([segment, question, rule, decision])
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.rule_list.option_count == 1)
        text = visible_text(pilot)
        for where in ("Said", "Answer", "Owner", "Rule", "Unless", "Title"):
            line = next(line for line in text.splitlines() if where in line)
            _assert_literal(line)
        # the selected question folds its quote into at most two lines, cut with an ellipsis
        quote = next(line for line in text.splitlines() if "Quote" in line)
        assert "[bold]x" in quote and "[@click=app.quit]" in quote and "…" in quote
        assert not CONTROL.search(quote)
        _assert_literal(_frame_text(app.export_screenshot()))

        screen.question_list.focus()
        await pilot.press("y")  # copying the payload neither crashes nor leaks escapes
        await wait_for(pilot, lambda: "Asked" in app.clipboard)
        assert not CONTROL.search(app.clipboard.replace("\n", ""))

        await pilot.press("D")
        await wait_for(pilot, lambda: not isinstance(app.screen, CaptureScreen), "decisions")
        await wait_for(pilot, lambda: "Topic" in _frame_text(app.export_screenshot()), "decision")
        frame = _frame_text(app.export_screenshot())
        assert "Topic [bold]x" in frame and not CONTROL.search(frame)  # columns may truncate
        table = app.screen.query_one(DataTable)
        cells = " ".join(str(getattr(cell, "plain", cell)) for cell in table.get_row_at(0))
        _assert_literal(cells)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CaptureScreen))

        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: not isinstance(app.screen, CaptureScreen), "sessions")
        await wait_for(pilot, lambda: "Title" in _frame_text(app.export_screenshot()))
        _assert_literal(_frame_text(app.export_screenshot()))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CaptureScreen))
        assert app.is_running


async def test_typed_markup_segment_is_kept_verbatim(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, _store = make_app(db_path, session)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await capture_ready(pilot)
        await pilot.press(*"[@click=app.quit] and [/] [bold]", "enter")
        await wait_for(pilot, lambda: screen.narrative.segment_count == 1)
        [line] = screen.narrative.segment_texts()
        assert line.endswith("operator: [@click=app.quit] and [/] [bold]")
        assert app.is_running
