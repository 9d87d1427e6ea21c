"""The offline engine's ranked questions for invented segments, as one session sees them."""

from __future__ import annotations

from tacit.question_engine.offline import OfflineEngine
from tacit.question_engine.session import EngineSession
from tacit.question_engine.types import Suggestion


def ranked_questions(engine: OfflineEngine, *segments: str) -> list[Suggestion]:
    """Every question the session ranks after these segments, best first."""
    session = EngineSession(engine)
    for segment in segments:
        session.add_segment(segment)
    return session.ranked()
