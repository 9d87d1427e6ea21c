"""The one entry point the app and the CLI use to get suggestions and rule drafts.

It hides which engine runs: the offline engine always, plus the LLM engine when
one is configured (added by the LLM client). Callers iterate the async stream
and receive Suggestions as they complete, EngineNotices to show in the status
line (e.g. "LLM unreachable, offline questions shown"), and EngineUsage updates.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from models.config import Config
from question_engine.types import EngineEvent, RuleDraft, SessionContext


def engine_label(config: Config) -> str:
    """What the status line shows as the suggesting engine."""
    return config.llm.model if config.llm.enabled else "offline"


async def stream_suggestions(
    segment: str, context: SessionContext, config: Config
) -> AsyncIterator[EngineEvent]:
    """Ranked suggestions for a new segment, streamed as they become available."""
    from question_engine.offline import OfflineEngine

    for suggestion in OfflineEngine(config.engine).suggest(segment, context):
        yield suggestion


async def draft_rule(question: str, answer: str, config: Config) -> RuleDraft:
    """A rule draft from a question and its answer (never invents what is not said)."""
    from question_engine.drafting import draft_rule as offline_draft

    return offline_draft(question, answer)
