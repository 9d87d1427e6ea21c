"""After a few segments, ask about the categories nobody has touched, in the session's terms."""

from __future__ import annotations

from tacit.question_engine.offline import COVERAGE_SCORE, OfflineEngine
from tacit.question_engine.types import SessionContext

PLAIN = "We pick the orders from the shelves and pack the orders into boxes."


def coverage(suggestions: list) -> list:  # type: ignore[type-arg]
    return [s for s in suggestions if s.score == COVERAGE_SCORE and not s.quote]


def test_no_coverage_question_in_the_first_segments() -> None:
    engine = OfflineEngine()
    assert coverage(engine.suggest(PLAIN, SessionContext())) == []
    assert coverage(engine.suggest(PLAIN, SessionContext(segments=[PLAIN]))) == []


def test_coverage_question_for_an_untouched_category_after_a_few_segments() -> None:
    engine = OfflineEngine()
    context = SessionContext(segments=[PLAIN, PLAIN], touched_categories={"exception"})
    (question,) = coverage(engine.suggest(PLAIN, context))
    assert question.category == "reporting"  # operators forget reporting first
    assert question.source == "offline"


def test_coverage_uses_the_workflow_name() -> None:
    context = SessionContext(segments=[PLAIN, PLAIN], workflow="order picking")
    (question,) = coverage(OfflineEngine().suggest(PLAIN, context))
    assert "order picking" in question.text


def test_coverage_falls_back_to_the_sessions_most_repeated_term() -> None:
    (question,) = coverage(OfflineEngine().suggest(PLAIN, SessionContext(segments=[PLAIN, PLAIN])))
    assert "orders" in question.text


def test_touched_categories_are_not_asked_again() -> None:
    touched = {"reporting", "adoption", "handoff"}
    context = SessionContext(segments=[PLAIN, PLAIN], touched_categories=touched)
    (question,) = coverage(OfflineEngine().suggest(PLAIN, context))
    assert question.category == "operational_decision"


def test_a_known_coverage_question_moves_on_to_the_next_template_or_category() -> None:
    engine = OfflineEngine()
    context = SessionContext(segments=[PLAIN, PLAIN])
    first = coverage(engine.suggest(PLAIN, context))[0]
    context.known_questions.append(first.text)
    second = coverage(engine.suggest(PLAIN, context))[0]
    assert second.text != first.text


def test_coverage_names_a_system_the_session_mentioned() -> None:
    engine = OfflineEngine()
    segments = ["Orders arrive in NetSuite.", "We pick orders.", "We pack orders."]
    touched = {"reporting", "adoption"}
    context = SessionContext(segments=segments, touched_categories=touched, known_questions=[])
    suggestions = engine.suggest(PLAIN, context)
    ops = [s for s in coverage(suggestions) if s.category == "operational_decision"]
    assert ops
    # the topic template comes first; once known, the system template is offered
    context.known_questions.append(ops[0].text)
    again = [
        s for s in coverage(engine.suggest(PLAIN, context)) if s.category == "operational_decision"
    ]
    assert again and "NetSuite" in again[0].text
