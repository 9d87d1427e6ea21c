"""Drafts from answers that open on the edge they describe ("At exactly 500 …") and name
who may waive a rule: found on a pair call at 80x24, where the draft read "…need a second
van, but At exactly 500 it's one van" with no owner."""

from __future__ import annotations

import pytest

from tacit.question_engine.drafting import draft_rule

EDGE_Q = "What happens at exactly 40 crates, and who set that limit — can anyone make an exception?"
QUOTE = "Loads over 40 crates go on the big lorry."


def test_an_answer_opening_on_the_edge_splits_into_condition_and_outcome() -> None:
    draft = draft_rule(
        EDGE_Q, "At exactly 40 it's the small lorry.", quote=QUOTE, category="edge_case"
    )
    assert draft.then == "Loads over 40 crates go on the big lorry"
    assert draft.unless == [("at exactly 40", "it's the small lorry")]
    assert draft.statement == (
        "Loads over 40 crates go on the big lorry, but at exactly 40 it's the small lorry."
    )


@pytest.mark.parametrize(
    ("answer", "unless"),
    [
        ("For regular shops we split the load.", [("for regular shops", "we split the load")]),
        ("On Sundays, there is no big lorry.", [("on Sundays", "there is no big lorry")]),
        ("Below 10 they go by courier.", [("below 10", "they go by courier")]),
    ],
)
def test_an_opening_phrase_before_the_outcome_is_the_exceptions_condition(
    answer: str, unless: list[tuple[str, str]]
) -> None:
    draft = draft_rule(EDGE_Q, answer, quote=QUOTE, category="edge_case")
    assert draft.unless == unless


def test_a_sentence_with_no_opening_phrase_is_kept_whole() -> None:
    draft = draft_rule(EDGE_Q, "Atlas Freight takes the rest.", quote=QUOTE, category="edge_case")
    assert draft.unless == [("Atlas Freight takes the rest", "")]


@pytest.mark.parametrize(
    ("answer", "owner"),
    [
        ("Only Ilse can waive it, for repeat customers.", "Ilse"),
        ("The depot manager can override it on a busy day.", "the depot manager"),
        ("Jonas can make an exception when the lorry is full.", "Jonas"),
    ],
)
def test_who_can_waive_or_override_a_rule_is_its_owner(answer: str, owner: str) -> None:
    draft = draft_rule(EDGE_Q, f"At exactly 40 it's the small lorry. {answer}", quote=QUOTE)
    assert draft.owner == owner
