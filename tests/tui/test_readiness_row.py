"""The coverage row ends with `tacit check`'s verdict; at 80 columns it takes a second line
rather than lose it."""

from __future__ import annotations

from support.waiting import wait_for
from textual.app import App, ComposeResult

from tacit.models.domain import Question, Rule
from tacit.models.taxonomy import CATEGORIES
from tacit.tui.widgets.coverage import CoverageMeter

SESSION = "ses_01JRB00000000000000000000S"


class Row(App[None]):
    CSS = "CoverageMeter { height: auto; max-height: 2; padding: 0 1; }"

    def compose(self) -> ComposeResult:
        yield CoverageMeter(id="coverage")


def five_categories_discussed() -> tuple[list[Question], list[Rule]]:
    touched = [c.id for c in CATEGORIES if c.id not in ("reporting", "operational_decision")]
    questions = [  # as in the demo: 76 of the 78 columns used
        Question(session_id=SESSION, text="q", category=c, status="answered") for c in touched
    ]
    rules = [Rule(session_id=SESSION, statement="r", category=c) for c in touched]
    return questions, rules


async def test_the_verdict_takes_a_second_line_when_the_row_is_full() -> None:
    app = Row()
    async with app.run_test(size=(80, 24)) as pilot:
        meter = app.query_one(CoverageMeter)
        questions, rules = five_categories_discussed()
        meter.show(questions, rules)  # no verdict yet: one line
        await wait_for(pilot, lambda: meter.region.height == 1)
        meter.show(questions, rules, to_fix=3)
        await wait_for(pilot, lambda: meter.region.height == 2)
        assert "check: not ready, 3 to fix" in meter.render().plain


async def test_a_ready_session_says_so_in_one_line_when_it_fits() -> None:
    app = Row()
    async with app.run_test(size=(120, 24)) as pilot:
        meter = app.query_one(CoverageMeter)
        meter.show([], [Rule(session_id=SESSION, statement="r")], to_fix=0)
        await wait_for(pilot, lambda: meter.region.height == 1)
        assert meter.render().plain.endswith("check: ready")
