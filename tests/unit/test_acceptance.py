"""Acceptance is of specific words: an edit to what a rule says re-opens both acceptances."""

from __future__ import annotations

import pytest

from tacit.models.domain import Example, Rule, Unless


def _accepted() -> Rule:
    rule = Rule(session_id="s", statement="Route by zip code", when="a lead arrives", then="assign")
    rule.accept("operator")
    rule.accept("engineer")
    assert rule.status == "accepted"
    return rule


def _reloaded(rule: Rule) -> Rule:
    return Rule.from_dict(rule.to_dict())


@pytest.mark.parametrize(
    "edit",
    [
        lambda r: setattr(r, "statement", "Route by postcode"),
        lambda r: setattr(r, "when", "a lead arrives by phone"),
        lambda r: setattr(r, "then", "assign the zip's team"),
        lambda r: r.unless.append(Unless("key account", "stays with the owner")),
        lambda r: r.examples.append(Example("lead from 10001", "team east")),
    ],
    ids=["statement", "when", "then", "unless", "examples"],
)
def test_an_edit_to_what_the_rule_says_reopens_both_acceptances(edit: object) -> None:
    rule = _accepted()
    edit(rule)  # type: ignore[operator]
    assert rule.reopen_if_meaning_changed()
    assert (rule.accepted_by_operator, rule.accepted_by_engineer) == (None, None)
    assert rule.status == "draft"


def test_a_stored_rule_whose_words_changed_is_no_longer_accepted() -> None:
    data = _accepted().to_dict()
    data["then"] = "assign to Janet"  # e.g. an edit merged in from the other view
    reloaded = Rule.from_dict(data)
    assert reloaded.status == "draft"
    assert reloaded.accepted_by_operator is None and reloaded.accepted_by_engineer is None


@pytest.mark.parametrize(
    "edit",
    [
        lambda r: setattr(r, "owner", "Janet"),
        lambda r: setattr(r, "frequency", "5%"),
        lambda r: setattr(r, "category", "exception"),
    ],
    ids=["owner", "frequency", "category"],
)
def test_other_fields_leave_acceptance_alone(edit: object) -> None:
    rule = _accepted()
    edit(rule)  # type: ignore[operator]
    assert not rule.reopen_if_meaning_changed()
    assert _reloaded(rule).status == "accepted"


def test_accepting_changed_words_drops_the_other_roles_stale_acceptance() -> None:
    rule = Rule(session_id="s", statement="Route by zip code")
    rule.accept("operator")
    rule.statement = "Route by zip code, except key accounts"
    rule.accept("engineer")
    assert rule.accepted_by_operator is None and rule.accepted_by_engineer is not None
    assert rule.status == "draft"


def test_an_acceptance_stored_before_fingerprints_counts_for_the_words_stored_with_it() -> None:
    data = _accepted().to_dict()
    for role in ("operator", "engineer"):
        del data[f"accepted_by_{role}"]["fingerprint"]
    legacy = Rule.from_dict(data)
    assert legacy.status == "accepted"
    legacy.statement = "Route by postcode"
    assert legacy.reopen_if_meaning_changed() and legacy.status == "draft"
