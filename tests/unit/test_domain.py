"""Domain rules a user relies on: validation, status paths, both acceptances, stable ids."""

from __future__ import annotations

import pytest

from tacit.models.domain import (
    Decision,
    Example,
    Question,
    Rule,
    Segment,
    Session,
    Unless,
    ValidationError,
)
from tacit.models.ids import is_valid_id, new_id
from tacit.models.taxonomy import CATEGORY_IDS


def test_taxonomy_ids_are_the_design_briefs() -> None:
    assert CATEGORY_IDS == (
        "implicit_rule",
        "edge_case",
        "handoff",
        "exception",
        "reporting",
        "adoption",
        "operational_decision",
    )


def test_ids_are_unique_sortable_and_prefixed() -> None:
    ids = [new_id("rule") for _ in range(5000)]
    assert len(set(ids)) == 5000
    assert all(i.startswith("rul_") and is_valid_id(i) for i in ids)
    assert ids[0][:14] <= ids[-1][:14]  # time prefix never goes backwards


def test_rule_needs_a_statement() -> None:
    with pytest.raises(ValidationError, match="statement"):
        Rule(session_id="ses_x", statement="   ")


def test_category_must_be_a_taxonomy_id() -> None:
    with pytest.raises(ValidationError, match="unknown category"):
        Rule(session_id="s", statement="x", category="misc")
    with pytest.raises(ValidationError, match="unknown category"):
        Question(session_id="s", text="why?", category="other")


def test_rule_is_accepted_only_when_both_roles_accept() -> None:
    rule = Rule(session_id="s", statement="Route by zip code")
    rule.accept("operator")
    assert rule.status == "draft"
    rule.accept("engineer", by="Sam")
    assert rule.status == "accepted"
    assert rule.accepted_by_engineer is not None and rule.accepted_by_engineer.by == "Sam"
    rule.send_back("operator", "Janet's accounts stay with her team")
    assert rule.status == "draft" and rule.accepted_by_operator is None
    assert rule.comments[-1].text == "Janet's accounts stay with her team"


def test_status_accepted_cannot_be_forced() -> None:
    rule = Rule(session_id="s", statement="x")
    with pytest.raises(ValidationError, match="both roles"):
        rule.set_status("accepted")
    with pytest.raises(ValidationError, match="both roles"):
        Rule(session_id="s", statement="x", status="accepted")


def test_rule_status_paths() -> None:
    rule = Rule(session_id="s", statement="x")
    rule.set_status("superseded")
    with pytest.raises(ValidationError, match="cannot go from superseded to draft"):
        rule.set_status("draft")


def test_question_status_paths() -> None:
    q = Question(session_id="s", text="Who covers Janet?", category="adoption")
    with pytest.raises(ValidationError, match="cannot go from suggested to answered"):
        q.set_status("answered")
    q.set_status("asked")
    q.set_status("parked")
    assert q.is_open
    q.set_status("answered")
    with pytest.raises(ValidationError):
        q.set_status("dismissed")


def test_round_trip_through_dicts_keeps_everything() -> None:
    rule = Rule(
        session_id="s",
        statement="Route by zip",
        unless=[Unless("primary owner", "keep team")],
        examples=[Example("94107", "North"), Example("Acme", "keep team", clause=0)],
        owner="Dispatch lead",
    )
    rule.accept("operator")
    again = Rule.from_dict(rule.to_dict())
    assert again == rule
    assert isinstance(again.unless[0], Unless)
    for record in (
        Session(title="t"),
        Segment(session_id="s", speaker="operator", text="hi"),
        Decision(session_id="s", topic="Escalation channel", options=["Slack", "Jira"]),
    ):
        assert type(record).from_dict(record.to_dict()) == record


def test_segment_and_session_validation() -> None:
    with pytest.raises(ValidationError, match="speaker"):
        Segment(session_id="s", speaker="customer", text="hi")
    with pytest.raises(ValidationError, match="title"):
        Session(title=" ")
    with pytest.raises(ValidationError, match="topic"):
        Decision(session_id="s", topic="")
