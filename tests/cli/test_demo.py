"""The --demo session: real engine questions, every pane populated, fresh ids each time."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from tacit.cli.demo import NARRATIVE, create_demo
from tacit.models.config import EngineConfig
from tacit.models.repository import Store
from tacit.question_engine.types import SessionContext, Suggestion


class EchoEngine:
    """A stand-in engine whose questions can be recognised: one per segment."""

    name = "echo"

    def __init__(self) -> None:
        self.contexts: list[SessionContext] = []

    def suggest(self, segment: str, context: SessionContext) -> Sequence[Suggestion]:
        self.contexts.append(SessionContext(list(context.segments), list(context.known_questions)))
        return [Suggestion(f"Q about: {segment[:20]}", "edge_case", segment[:20], "echo", 0.5)]


def test_demo_questions_are_exactly_what_the_engine_returned(db_path: Path) -> None:
    store = Store(db_path)
    engine = EchoEngine()
    session = create_demo(store, engine)
    questions = store.questions(session.id)
    assert sorted(q.text for q in questions) == sorted(f"Q about: {t[:20]}" for _, t in NARRATIVE)
    assert {q.source for q in questions} == {"echo"}
    # the engine saw the narrative grow, like the capture screen feeds it
    assert [len(c.segments) for c in engine.contexts] == list(range(len(NARRATIVE)))
    assert engine.contexts[-1].known_questions  # earlier questions are not repeated


def test_demo_with_the_real_offline_engine_fills_every_pane(db_path: Path) -> None:
    offline = pytest.importorskip("tacit.question_engine.offline")
    store = Store(db_path)
    session = create_demo(store)
    segments = store.segments(session.id)
    assert [s.speaker for s in segments] == [s for s, _ in NARRATIVE]
    narrative = " ".join(s.text for s in segments)
    assert "route by zip code" in narrative and "Janet" in narrative

    engine = offline.OfflineEngine(EngineConfig())
    first = engine.suggest(segments[0].text, SessionContext(workflow=session.workflow))
    questions = store.questions(session.id)
    assert first and {s.text for s in first} <= {q.text for q in questions}
    statuses = {q.status for q in questions}
    assert {"answered", "parked"} <= statuses and len(statuses) >= 3
    parked = [q for q in questions if q.status == "parked"]
    assert all(q.owner for q in parked)

    rules = store.rules(session.id)
    assert any(r.status == "accepted" and r.fully_accepted for r in rules)
    assert any(r.status == "draft" for r in rules)
    answered = next(q for q in questions if q.status == "answered")
    assert any(r.question_id == answered.id for r in rules)
    assert len(store.decisions(session.id)) >= 2


def test_calling_it_twice_gives_two_independent_sessions(db_path: Path) -> None:
    store = Store(db_path)
    first = create_demo(store, EchoEngine())
    second = create_demo(store, EchoEngine())
    assert first.id != second.id
    assert {s.id for s in store.sessions()} == {first.id, second.id}
    ids_first = {r.id for r in store.rules(first.id)} | {q.id for q in store.questions(first.id)}
    ids_second = {r.id for r in store.rules(second.id)} | {q.id for q in store.questions(second.id)}
    assert ids_first and ids_second and not ids_first & ids_second
    assert len(store.segments(first.id)) == len(store.segments(second.id)) == len(NARRATIVE)
