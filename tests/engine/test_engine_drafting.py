"""Offline rule drafting fills statement / when / then / unless from the answer's own words."""

from __future__ import annotations

import pytest

from tacit.question_engine.drafting import draft_rule

Q = "When do you *not* assign by zip code — who decides?"


def test_x_unless_y_with_its_own_outcome() -> None:
    answer = (
        "We assign by zip code, unless the account has a primary owner, in which case "
        "it stays with that owner's team."
    )
    draft = draft_rule(Q, answer)
    assert draft.statement == answer
    assert draft.then == "We assign by zip code"
    assert draft.unless == [("the account has a primary owner", "it stays with that owner's team")]


def test_if_x_then_y() -> None:
    draft = draft_rule(Q, "If the invoice is over $10,000 then the controller approves it.")
    assert (draft.when, draft.then) == ("the invoice is over $10,000", "the controller approves it")
    assert draft.owner == "the controller"


def test_if_x_comma_y_keeps_numbers_whole() -> None:
    draft = draft_rule(Q, "If the invoice is over $10,000, the controller approves it.")
    assert draft.when == "the invoice is over $10,000"


def test_x_except_when_y() -> None:
    draft = draft_rule(Q, "We refund in full except when the item was used.")
    assert draft.then == "We refund in full"
    assert draft.unless == [("the item was used", "")]


def test_by_x_but_if_y_then_z() -> None:
    draft = draft_rule(
        Q,
        "By zip code, but if the account has a primary owner, it stays "
        "with her team even when she is out.",
    )
    assert draft.then == "By zip code"
    assert draft.unless == [
        ("the account has a primary owner", "it stays with her team even when she is out")
    ]


def test_by_x_but_y() -> None:
    draft = draft_rule(Q, "By zip code, but VIP accounts go to Janet.")
    assert draft.then == "By zip code"
    assert draft.unless == [("VIP accounts go to Janet", "")]


def test_y_if_x() -> None:
    draft = draft_rule(Q, "Escalate to the on-call engineer if the outage lasts over 30 minutes.")
    assert draft.then == "Escalate to the on-call engineer"
    assert draft.when == "the outage lasts over 30 minutes"


def test_when_x_then_y_unless_z() -> None:
    draft = draft_rule(Q, "When a claim comes in, we check the policy unless it is flagged.")
    assert (draft.when, draft.then) == ("a claim comes in", "we check the policy")
    assert draft.unless == [("it is flagged", "")]


def test_frequency_and_owner_are_found_when_said() -> None:
    draft = draft_rule(Q, "It happens maybe 5% of the time and Janet decides.")
    assert draft.frequency == "maybe 5% of the time"
    assert draft.owner == "Janet"


@pytest.mark.parametrize(
    "answer",
    [
        "Honestly we just look at it and see.",
        "Hard to say, it's complicated.",
    ],
)
def test_what_cannot_be_parsed_stays_in_the_statement_only(answer: str) -> None:
    draft = draft_rule(Q, answer)
    assert draft.statement == answer
    assert (draft.when, draft.then, draft.unless, draft.frequency, draft.owner) == (
        "",
        "",
        [],
        "",
        "",
    )


@pytest.mark.parametrize(
    "answer",
    [
        "We assign by zip code, unless the account has a primary owner.",
        "If the part is missing, we reschedule within 2 days.",
        "By region, but Janet keeps the Acme accounts.",
    ],
)
def test_fields_never_invent_words(answer: str) -> None:
    draft = draft_rule(Q, answer)
    pieces = [draft.when, draft.then, draft.frequency, draft.owner]
    pieces += [part for pair in draft.unless for part in pair]
    assert all(piece in answer for piece in pieces)


def test_a_bare_yes_keeps_the_question_for_context() -> None:
    draft = draft_rule("Is the $500 limit a hard rule?", "Yes.")
    assert draft.statement == "Is the $500 limit a hard rule? — Yes."


def test_empty_answer_drafts_nothing() -> None:
    draft = draft_rule(Q, "  ")
    assert draft.statement == "" and draft.then == "" and draft.unless == []


def test_control_characters_are_dropped() -> None:
    assert "\x1b" not in draft_rule(Q, "We call\x1b[2J them unless it's late.").statement


def test_x_comma_except_y() -> None:
    draft = draft_rule(Q, "We refund everything, except gift cards.")
    assert draft.then == "We refund everything"
    assert draft.unless == [("gift cards", "")]


def test_an_exception_in_its_own_sentence_joins_the_rule() -> None:
    draft = draft_rule(Q, "We assign by zip code. Except VIP accounts, which go to Janet.")
    assert draft.then == ""  # "We assign by zip code" has no rule shape of its own
    assert draft.unless == [("VIP accounts", "go to Janet")]
    draft = draft_rule(
        Q,
        "If it's urgent, the dispatcher calls. Unless it's after 6pm, then "
        "it waits for the morning.",
    )
    assert (draft.when, draft.then) == ("it's urgent", "the dispatcher calls")
    assert draft.unless == [("it's after 6pm", "it waits for the morning")]
