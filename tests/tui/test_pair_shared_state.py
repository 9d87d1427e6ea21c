"""Both sides see the same state: sent-back marks, accepted rules, an empty list that explains."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.capture import capture_ready, make_app, pane_text
from support.waiting import wait_for

from tacit.models.domain import Rule, Session
from tacit.tui.screens.operator import AcceptedRules, OperatorScreen, WaitingRules

SIZES = [(80, 24), (120, 40)]


def _rules(session: Session) -> tuple[Rule, Rule, Rule]:
    final = Rule(session_id=session.id, statement="Urgent jobs go on Slack to the lead")
    final.accept("operator")
    final.accept("engineer")
    final.set_status("accepted")
    sent = Rule(session_id=session.id, statement="Route by zip code")
    sent.accept("engineer")
    sent.send_back("operator", "Janet's accounts stay with her team")
    half = Rule(session_id=session.id, statement="Sick calls: Janet reassigns the morning")
    half.accept("operator")
    return sent, final, half


@pytest.mark.parametrize("size", SIZES)
async def test_a_sent_back_rule_is_marked_for_the_engineer_with_its_comment_a_key_away(
    db_path: Path, size: tuple[int, int]
) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    sent, final, _half = _rules(session)
    store.save_many([final, sent])
    async with app.run_test(size=size) as pilot:
        screen = await capture_ready(pilot)
        rules = screen.rule_list
        await wait_for(pilot, lambda: rules.option_count == 2)
        await wait_for(pilot, lambda: "↩ sent back" in pane_text(app, rules), "the marker")
        assert "Janet's accounts stay with her team" not in pane_text(app, rules)  # folded
        rules.focus()
        rules.highlighted = [r.id for r in rules.records.values()].index(sent.id)
        await wait_for(
            pilot,
            lambda: "operator: Janet's accounts stay with her team" in pane_text(app, rules),
            "the comment under the highlighted rule",
        )


@pytest.mark.parametrize("size", SIZES)
async def test_the_operator_sees_what_was_accepted_and_what_waits(
    db_path: Path, size: tuple[int, int]
) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session, role="operator")
    sent, final, half = _rules(session)
    waiting = Rule(session_id=session.id, statement="Parts over $1,500 need the customer's OK")
    store.save_many([sent, final, half, waiting])
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OperatorScreen) and app.screen.loaded)
        view = app.screen
        accepted = view.query_one(AcceptedRules)
        await wait_for(pilot, lambda: accepted.option_count == 2)
        assert accepted.border_title == "Accepted by you (2)"
        assert view.query_one(WaitingRules).border_title == "Waiting for you (2)"
        shown = pane_text(app, accepted)
        assert "● accepted Urgent jobs go on Slack" in shown
        assert "Sick calls: Janet reassigns the morning · engineer: not yet" in shown


@pytest.mark.parametrize("size", SIZES)
async def test_an_empty_waiting_list_says_what_will_appear_there_and_when(
    db_path: Path, size: tuple[int, int]
) -> None:
    app, _store = make_app(db_path, Session(title="Dispatch"), role="operator")
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OperatorScreen) and app.screen.loaded)
        await wait_for(
            pilot,
            lambda: (
                "When the engineer turns your answers into a rule"
                in pane_text(app, app.screen.query_one(WaitingRules))
            ),
            "the explanation",
        )
        assert app.screen.query_one(WaitingRules).border_title == "Waiting for you (0)"
