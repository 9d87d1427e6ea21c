"""A paste while a pane has focus goes to the narrative, never into nowhere.

Found on a call at 80x24: after working the Questions pane (a/r/p/d) the engineer pasted
the operator's notes (tmux paste-buffer -p, a bracketed paste) and nothing happened: the
pane ignored the paste and the text was lost. The narrative input is the one place a paste
can mean anything on these screens.
"""

from __future__ import annotations

from pathlib import Path

from support.capture import capture_ready, make_app, writes_done
from support.waiting import wait_for
from textual import events

from tacit.models.domain import Question, Rule, Session


async def test_a_paste_with_the_questions_pane_focused_becomes_segments(db_path: Path) -> None:
    session = Session(title="Refunds")
    app, store = make_app(db_path, session)
    store.save(Question(session_id=session.id, text="Who signs off?", category="exception"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        await wait_for(pilot, lambda: screen.question_list.option_count == 1, "the question")
        screen.question_list.focus()
        await pilot.pause()
        app.post_message(
            events.Paste("Refunds over 500 euros need Ana.\nIf she is out, it waits.\n")
        )
        await wait_for(pilot, lambda: screen.narrative.segment_count == 2, "two segments")
        await writes_done(pilot)
        assert app.focused is screen.narrative.input
    said = [s.text for s in store.segments(session.id)]
    assert said == ["Refunds over 500 euros need Ana.", "If she is out, it waits."]


async def test_the_operator_pasting_with_the_rules_focused_keeps_the_text(db_path: Path) -> None:
    from tacit.tui.screens.operator import OperatorScreen, WaitingRules

    session = Session(title="Refunds")
    app, store = make_app(db_path, session, role="operator")
    store.save(Rule(session_id=session.id, statement="Refunds over 500 euros need Ana"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OperatorScreen) and app.screen.loaded)
        screen = app.screen
        assert isinstance(screen, OperatorScreen)
        screen.query_one(WaitingRules).focus()
        await pilot.pause()
        app.post_message(events.Paste("Unless it is a VIP"))
        await wait_for(pilot, lambda: screen.narrative.input.value == "Unless it is a VIP", "text")
        assert app.focused is screen.narrative.input
