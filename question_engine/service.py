"""The one entry point the app and the CLI use to get suggestions and rule drafts.

It hides which engine runs: the offline engine always, plus the LLM engine when
one is configured. Callers iterate the async stream and receive the offline
Suggestions at once, then the LLM's as each completes (duplicates dropped, each
labelled with its source), EngineNotices to show in the status line (e.g. "LLM
unreachable at ...; offline questions shown"), and EngineUsage totals.
litellm is only imported (in a thread) when an LLM is enabled.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from contextlib import aclosing

from tacit.models.config import Config
from tacit.question_engine.merge import Deduper
from tacit.question_engine.session import EngineSession
from tacit.question_engine.types import (
    EngineEvent,
    EngineNotice,
    EngineUsage,
    RuleDraft,
    SessionContext,
    Suggestion,
)


class UsageMeter:
    """Running token and cost totals of LLM calls (cost None once any call is unpriced)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.total = EngineUsage(0, 0, 0.0)
        self.calls = 0

    def add(self, usage: EngineUsage) -> EngineUsage:
        """Add one call's usage; return the new totals."""
        with self._lock:
            cost = (
                None
                if usage.cost_usd is None or (self.calls and self.total.cost_usd is None)
                else (self.total.cost_usd or 0.0) + usage.cost_usd
            )
            self.calls += 1
            self.total = EngineUsage(
                self.total.prompt_tokens + usage.prompt_tokens,
                self.total.completion_tokens + usage.completion_tokens,
                cost,
            )
            return self.total


SESSION_USAGE = UsageMeter()
"""The totals used when a caller passes no meter of its own (one per process)."""


RULE_GAPS_PER_CALL = 2  # what a newly captured rule lacks, shown beside the segment's questions


def open_session(config: Config) -> EngineSession:
    """A new engine session for whoever runs a capture session to keep (loads the banks:
    call it off the UI thread). stream_suggestions catches it up with the session."""
    from tacit.question_engine.offline import OfflineEngine
    from tacit.question_engine.session import EngineSession

    return EngineSession(OfflineEngine(config.engine))


async def stream_suggestions(
    segment: str,
    context: SessionContext,
    config: Config,
    meter: UsageMeter | None = None,
    session: EngineSession | None = None,
    speaker: str = "operator",
) -> AsyncIterator[EngineEvent]:
    """Ranked suggestions for a new segment, streamed as they become available.

    `session` is the caller's engine session (it keeps the session's state between
    segments); without one, a throwaway session is built from context. Offline questions
    come first, at once; LLM questions follow as each completes. Any LLM failure ends in
    one EngineNotice and the offline questions stand. Cancelling the consumer closes the
    LLM's HTTP stream. An engineer's line is context: no questions come from it.
    """

    def offline_questions() -> list[Suggestion]:
        nonlocal session
        if session is None:
            session = open_session(config)
        # segments, questions and rules the pair added since: a new rule's gaps are asked
        rule_gaps = session.restore(context)[:RULE_GAPS_PER_CALL]
        session.know(q.text for q in rule_gaps)
        return session.add_segment(segment, speaker) + rule_gaps

    # in a thread: loading the banks or a long history takes a while; typing must not wait
    offline = await asyncio.to_thread(offline_questions)
    for suggestion in offline:
        yield suggestion
    if not config.llm.enabled or speaker != "operator" or session is None:
        return
    from tacit.question_engine.llm import LLMClient, LLMFailure

    meter = meter or SESSION_USAGE
    deduper = Deduper([*context.known_questions, *(s.text for s in offline)])
    llm_context = session.context()
    llm_context.segments = llm_context.segments[:-1]  # the new segment is sent on its own
    try:
        stream = LLMClient(config.llm).stream_questions(segment, llm_context)
        async with aclosing(stream) as events:
            async for event in events:
                if isinstance(event, EngineUsage):
                    yield meter.add(event)
                elif isinstance(event, Suggestion) and deduper.admit(event):
                    yield event
    except LLMFailure as failure:
        yield EngineNotice(f"{failure}; offline questions shown")
    except Exception as error:  # a bug in a dependency must not cost the offline questions
        yield EngineNotice(f"LLM failed ({type(error).__name__}); offline questions shown")


async def llm_suggestions(
    segment: str, context: SessionContext, config: Config
) -> tuple[list[Suggestion], str | None]:
    """Every LLM suggestion for a segment, and the failure reason (None when it worked)."""
    from tacit.question_engine.llm import LLMClient, LLMFailure

    found: list[Suggestion] = []
    try:
        stream = LLMClient(config.llm).stream_questions(segment, context)
        async with aclosing(stream) as events:
            async for event in events:
                if isinstance(event, Suggestion):
                    found.append(event)
                else:
                    SESSION_USAGE.add(event)
    except LLMFailure as failure:
        return [], str(failure)
    except Exception as error:
        return [], f"LLM failed ({type(error).__name__})"
    return found, None


async def draft_rule(
    question: str,
    answer: str,
    config: Config,
    meter: UsageMeter | None = None,
    *,
    quote: str = "",
    category: str = "",
) -> RuleDraft:
    """A rule draft from a question, its answer and the quote it came from: the LLM's when
    one is enabled and answers usably, else the offline drafter's (which never invents what
    is not said). Either way the statement is never the question's own text."""
    from tacit.question_engine.drafting import draft_rule as offline_draft

    offline = offline_draft(question, answer, quote, category)
    if config.llm.enabled:
        from tacit.question_engine.llm import LLMClient

        try:
            draft, usage = await LLMClient(config.llm).draft_rule(question, answer, quote)
        except Exception:  # LLMFailure or a dependency's bug: the offline draft stands
            pass
        else:
            if usage is not None:
                (meter or SESSION_USAGE).add(usage)
            if draft.statement.strip().casefold() == question.strip().casefold():
                draft.statement = offline.statement
            if not draft.when and not draft.then:  # nothing structured: the offline reading
                draft.when, draft.then = offline.when, offline.then
                draft.unless = draft.unless or offline.unless
            return draft
    return offline
