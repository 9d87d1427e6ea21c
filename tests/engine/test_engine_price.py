"""A price or fee said flat is no threshold: found using the app, where "Deposits are 20
pounds, but students pay nothing" was asked "…right at 20 pounds … who approves beyond it?"."""

from __future__ import annotations

import pytest
from support.engine_session import ranked_questions

from tacit.question_engine.offline import OfflineEngine


def ask(engine: OfflineEngine, *segments: str) -> str:
    return "\n".join(q.text for q in ranked_questions(engine, *segments))


@pytest.mark.parametrize(
    ("sentence", "amount"),
    [
        ("Hire of the marquee is 300 euros for the weekend.", "300 euros"),
        ("The parking permit costs £12 a month.", "£12"),
        ("Members pay $5 per class.", "$5"),
    ],
)
def test_a_price_is_asked_who_waives_it_never_who_approves_beyond_it(
    engine: OfflineEngine, sentence: str, amount: str
) -> None:
    asked = ask(engine, sentence)
    assert "who approves beyond it" not in asked
    assert f"Who can waive or change the {amount}" in asked


@pytest.mark.parametrize(
    "sentence",
    [
        "Orders over 300 euros need the buyer's sign-off.",
        "The spending limit is £500 a week.",
        "Anything that costs more than $2,000 goes to the board.",
    ],
)
def test_a_limit_is_still_asked_as_a_threshold(engine: OfflineEngine, sentence: str) -> None:
    asked = ask(engine, sentence)
    assert "Who can waive or change the" not in asked
    assert "What happens right at" in asked or "line come from" in asked


@pytest.mark.parametrize(
    ("sentence", "group"),
    [
        ("Tickets are 12 euros, but pensioners pay nothing.", "pensioners"),
        ("Kids under twelve go free at the weekend.", "kids under twelve"),
        ("Volunteers pay half.", "volunteers"),
    ],
)
def test_a_group_let_off_a_charge_is_asked_who_counts_and_how_it_is_checked(
    engine: OfflineEngine, sentence: str, group: str
) -> None:
    asked = ask(engine, sentence)
    assert f"Who counts as {group} for this, how do you check it" in asked


def test_weekdays_and_weekends_are_when_not_a_topic(engine: OfflineEngine) -> None:
    asked = ask(engine, "Juniors play free on weekdays.", "Seniors pay double at weekends.")
    assert "weekdays" not in asked.lower() and "weekends" not in asked.lower()


def test_what_you_said_is_quoted_whole_or_not_at_all(engine: OfflineEngine) -> None:
    """ "We charge $30 an hour after that" was asked "You said you charge an hour": the
    amount dropped out of the quote. Found using the app."""
    asked = ask(engine, "The survey is free, and we charge $30 an hour after that.")
    assert "charge an hour" not in asked
