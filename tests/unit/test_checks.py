"""`tacit check`'s findings: one test per finding, and a session that is ready."""

from __future__ import annotations

from pathlib import Path

from support.rulebook import (
    HOLD_RULE,
    OPEN_QUESTION,
    RETRY_DECISION,
    SESSION_ID,
    ZIP_RULE,
    rulebook,
)

from tacit.models.checks import Finding, check_document, conditions_overlap, readiness
from tacit.models.domain import Decision, Example, Question, Record, Rule, Unless
from tacit.models.export import export_document
from tacit.models.repository import Store


def ready_records() -> list[Record]:
    return [r for r in rulebook() if r.id != RETRY_DECISION]


def findings(db_path: Path, records: list[Record]) -> list[Finding]:
    store = Store(db_path)
    store.save_many(records)
    return check_document(export_document(store))


def changed(records: list[Record], record_id: str, change: object) -> list[Record]:
    for record in records:
        if record.id == record_id:
            change(record)  # type: ignore[operator]
    return records


def codes(found: list[Finding]) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.code, f.ids) for f in found]


def accepted(rule: Rule) -> Rule:
    rule.accept("operator")
    rule.accept("engineer")
    return rule


def test_a_ready_session_has_no_findings(db_path: Path) -> None:
    found = findings(db_path, ready_records())
    assert found == [] and readiness(found) == "ready"


def test_a_decision_with_no_choice(db_path: Path) -> None:
    found = findings(db_path, rulebook())
    assert codes(found) == [("decision-without-choice", (RETRY_DECISION,))]
    assert readiness(found) == "not ready: 1 to fix"
    assert found[0].line().startswith(f"decision-without-choice  {RETRY_DECISION}  ")


def test_a_rule_without_an_example(db_path: Path) -> None:
    records = changed(ready_records(), HOLD_RULE, lambda r: r.examples.clear())
    assert codes(findings(db_path, records)) == [("no-example", (HOLD_RULE,))]


def test_an_exception_without_an_outcome_or_an_example(db_path: Path) -> None:
    def change(rule: Rule) -> None:
        rule.unless.append(Unless("the customer is a hospital"))

    found = findings(db_path, changed(ready_records(), ZIP_RULE, change))
    assert codes(found) == [
        ("exception-without-outcome", (ZIP_RULE,)),
        ("exception-without-example", (ZIP_RULE,)),
    ]
    assert "unless 3" in found[0].message


def test_an_example_with_no_outcome_yet(db_path: Path) -> None:
    def change(rule: Rule) -> None:
        rule.examples.append(Example("carried over from version 1", needs_review=True))

    found = findings(db_path, changed(ready_records(), HOLD_RULE, change))
    assert codes(found) == [("example-without-outcome", (HOLD_RULE,))]


def test_an_accepted_rule_with_an_open_question_linked(db_path: Path) -> None:
    def link(rule: Rule) -> None:
        rule.question_id = OPEN_QUESTION

    found = findings(db_path, changed(ready_records(), HOLD_RULE, link))
    assert codes(found) == [("open-question", (HOLD_RULE, OPEN_QUESTION))]


def test_overlapping_conditions_with_different_outcomes_and_no_precedence(db_path: Path) -> None:
    rival = accepted(
        Rule(
            session_id=SESSION_ID,
            statement="Big invoices go to the CFO",
            when="an invoice is over $5,000",
            then="send it to the CFO",
            examples=[Example("An invoice for $9,000", "CFO")],
        )
    )
    found = findings(db_path, [*ready_records(), rival])
    assert codes(found) == [("conflict", tuple(sorted((HOLD_RULE, rival.id))))]


def test_a_stated_precedence_or_the_same_outcome_is_no_conflict(db_path: Path) -> None:
    rival = accepted(
        Rule(
            session_id=SESSION_ID,
            statement="Big invoices go to the CFO",
            when="an invoice is over $5,000",
            then="send it to the CFO",
            unless=[Unless("an invoice is over $5,000 and Finance is reachable", "Finance")],
            examples=[Example("$9,000", "CFO"), Example("$9,000, Finance in", "Finance", 0)],
        )
    )
    assert findings(db_path, [*ready_records(), rival]) == []


def test_no_accepted_rules_is_not_ready(db_path: Path) -> None:
    records = [r for r in ready_records() if not isinstance(r, Rule)]
    found = findings(db_path, records)
    assert codes(found) == [("no-accepted-rules", (SESSION_ID,))]


def test_conditions_overlap_in_other_words() -> None:
    assert conditions_overlap("a job comes in", "when a new job comes in")
    assert not conditions_overlap("a job comes in", "an invoice is overdue")
    assert not conditions_overlap("", "anything")


def test_drafts_and_parked_questions_alone_do_not_count(db_path: Path) -> None:
    draft = Rule(session_id=SESSION_ID, statement="A draft with no example")
    question = Question(session_id=SESSION_ID, text="Unlinked?", category="edge_case")
    decision = Decision(session_id=SESSION_ID, topic="Model size", choice="Smaller model")
    assert findings(db_path, [*ready_records(), draft, question, decision]) == []
