"""A hand-built session with fixed ids and times: rules with exceptions and examples,
decisions, open and answered questions, and hostile text where a user could type it."""

from __future__ import annotations

from tacit.models.domain import (
    Acceptance,
    Decision,
    Example,
    Question,
    Record,
    Rule,
    Segment,
    Session,
    Unless,
)
from tacit.models.repository import Store

AT = "2026-03-04T09:00:00.000000Z"
SESSION_ID = "ses_01JRB00000000000000000000S"
ZIP_RULE = "rul_01JRB0000000000000000000R1"
HOLD_RULE = "rul_01JRB0000000000000000000R2"
DRAFT_RULE = "rul_01JRB0000000000000000000R3"
RETRY_DECISION = "dec_01JRB0000000000000000000D2"
OPEN_QUESTION = "qst_01JRB0000000000000000000Q2"
HOSTILE = "\x1b]52;c;ZXZpbA==\x07evil\u202e'); import os #\n# injected\r\nThen x"


def _accepted(rule: Rule) -> Rule:
    rule.accepted_by_operator = Acceptance("Dana", AT)
    rule.accepted_by_engineer = Acceptance("Sam", AT)
    rule.status = "accepted"
    return rule


def rulebook(title: str = "Field dispatch") -> list[Record]:
    """The records, every id and time fixed so exports can be compared byte for byte."""
    sid = SESSION_ID
    segment = Segment(
        session_id=sid,
        speaker="operator",
        text="We route by zip code, unless Janet owns the account.",
        id="seg_01JRB0000000000000000000G1",
        at=AT,
        updated_at=AT,
    )
    answered = Question(
        session_id=sid,
        text="When do you *not* go by zip code, and who makes that call?",
        category="exception",
        quote="route by zip code",
        segment_id=segment.id,
        score=0.9499829999999999,
        status="answered",
        answer="Accounts with a primary owner stay with the owner's team.",
        id="qst_01JRB0000000000000000000Q1",
        created_at=AT,
        updated_at=AT,
    )
    parked = Question(
        session_id=sid,
        text="What counts as an urgent job?",
        category="edge_case",
        status="parked",
        owner="Janet",
        id=OPEN_QUESTION,
        created_at=AT,
        updated_at=AT,
    )
    zip_rule = _accepted(
        Rule(
            session_id=sid,
            statement="New jobs go to the team covering the job's zip code.",
            when="a job comes in",
            then="assign it to the zip-code team",
            unless=[
                Unless("the account has a primary owner", "the owner's team keeps it"),
                Unless("the job is marked urgent", "escalate to the regional lead"),
            ],
            frequency="1 job in 20 has an owner",
            impact="owner complaints are 80% of escalations",
            owner="Janet",
            examples=[
                Example("A job in zip 94110, no account owner", "Mission team"),
                Example("A job for Acme, whose primary owner is Priya", "owner's team", 0),
                Example("An urgent job at zip 94110", "regional lead", 1),
            ],
            category="exception",
            question_id=answered.id,
            segment_ids=[segment.id],
            id=ZIP_RULE,
            created_at=AT,
            updated_at=AT,
        )
    )
    hold_rule = _accepted(
        Rule(
            session_id=sid,
            statement=f"Invoices over the limit wait for approval {HOSTILE}",
            when="an invoice is over $5,000",
            then="hold it for Finance approval",
            owner="Finance lead",
            examples=[Example(f"An invoice for $7,200 {HOSTILE}", "Finance approval")],
            id=HOLD_RULE,
            created_at=AT,
            updated_at=AT,
        )
    )
    draft = Rule(
        session_id=sid,
        statement="Sick days are reassigned by Janet.",
        id=DRAFT_RULE,
        created_at=AT,
        updated_at=AT,
    )
    escalation = Decision(
        session_id=sid,
        topic="How does the agent escalate?",
        kind="escalation_channel",
        options=["Slack message", "Jira ticket"],
        choice="Slack message",
        owner="regional lead",
        reason="urgent reassignments already go to Slack",
        id="dec_01JRB0000000000000000000D1",
        created_at=AT,
        updated_at=AT,
    )
    retry = Decision(
        session_id=sid,
        topic="On failure, retry or escalate?",
        kind="retry_policy",
        options=["Retry then escalate", "Escalate at once"],
        owner="Janet",
        id=RETRY_DECISION,
        created_at=AT,
        updated_at=AT,
    )
    session = Session(title=title, workflow="dispatch", id=sid, started_at=AT, updated_at=AT)
    return [session, segment, answered, parked, zip_rule, hold_rule, draft, escalation, retry]


def save_rulebook(store: Store) -> Session:
    """Save the hand-built session and return it."""
    records = rulebook()
    store.save_many(records)
    session = records[0]
    assert isinstance(session, Session)
    return session
