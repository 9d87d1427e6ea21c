"""One EngineSession per capture session: it holds the state and ranks across segments."""

from __future__ import annotations

import asyncio

from tacit.models.config import Config
from tacit.question_engine.offline import OfflineEngine
from tacit.question_engine.service import open_session, stream_suggestions
from tacit.question_engine.session import EngineSession
from tacit.question_engine.types import CapturedRule, SessionContext, Suggestion


def test_session_never_repeats_a_question_it_already_showed() -> None:
    session = EngineSession(OfflineEngine())
    first = session.add_segment("Janet handles the Hadley accounts herself.")
    again = session.add_segment("Janet handles the Hadley accounts herself.")
    assert first and not {q.text for q in first} & {q.text for q in again}


def test_ranking_spreads_over_segments_and_keeps_a_late_exception() -> None:
    session = EngineSession(OfflineEngine())
    session.add_segment(
        "Janet handles the Hadley accounts herself. Mark knows which vendors skip the PO. "
        "Priya logs calls in ServiceTitan. Anything over $1,500 needs the owner's approval. "
        "We route by zip code."
    )
    session.add_segment("Unless the customer is a hospital, then it goes first.")
    top = session.ranked(10)
    assert any("hospital" in q.text or "hospital" in q.quote for q in top)
    assert len({q.category for q in top}) >= 4


def test_a_captured_rule_raises_what_it_lacks() -> None:
    session = EngineSession(OfflineEngine())
    raised = session.restore(
        SessionContext(rules=[CapturedRule("Refunds over 50 dollars need Dana", has_owner=True)])
    )
    categories = {q.category for q in raised}
    assert {"exception", "edge_case", "implicit_rule"} <= categories
    assert "adoption" not in categories  # the rule has an owner
    assert all("Refunds over 50 dollars need Dana" in q.text for q in raised)


def test_the_callers_session_holds_the_state_between_calls() -> None:
    config = Config()
    session = open_session(config)

    async def run(text: str) -> list[Suggestion]:
        events = stream_suggestions(text, SessionContext(), config, None, session)
        return [e async for e in events if isinstance(e, Suggestion)]

    asyncio.run(run("We route jobs by zip code."))
    asyncio.run(run("Janet handles the Hadley accounts herself."))
    assert session.segments == [
        "We route jobs by zip code.",
        "Janet handles the Hadley accounts herself.",
    ]
    engineer = asyncio.run(
        stream_collect(session, config, "What happens when Janet is out?", "engineer")
    )
    assert engineer == [] and session.engineer_lines == ["What happens when Janet is out?"]


async def stream_collect(
    session: EngineSession, config: Config, text: str, speaker: str
) -> list[Suggestion]:
    events = stream_suggestions(text, SessionContext(), config, None, session, speaker)
    return [e async for e in events if isinstance(e, Suggestion)]
