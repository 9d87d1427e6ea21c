"""The capture screen's conversation with the question engine, as plain async functions.

The screen runs them in its workers; they only post messages (never touch a
widget) and raise on failure, which the screen reports in one place.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

from tacit.models.config import Config
from tacit.models.domain import Question, Rule, Segment, Unless
from tacit.tui.context import EngineFactory
from tacit.tui.messages import EngineNoticeArrived, EngineUsageArrived, SuggestionArrived
from tacit.tui.safe_text import SHOWN_CHARS

if TYPE_CHECKING:  # the engine loads after the first frame, in a worker
    from tacit.question_engine.service import UsageMeter
    from tacit.question_engine.session import EngineSession
    from tacit.question_engine.types import SessionContext

Post = Callable[[Message], object]


ENGINE_CHARS = SHOWN_CHARS
"""How much of a segment the engine reads: what the pane shows. A 1.9 MB paste kept the
engine's regular expressions (which hold the GIL) busy for ~17 s, and typing waited."""


def engine_text(text: str) -> str:
    """The part of a segment the engine is given: at most ENGINE_CHARS, cut between words."""
    if len(text) <= ENGINE_CHARS:
        return text
    head = text[:ENGINE_CHARS]
    space = head.rfind(" ")
    return head[:space] if space > ENGINE_CHARS // 2 else head


def session_context(
    segments: list[Segment], questions: list[Question], rules: list[Rule], workflow: str
) -> SessionContext:
    """What the engine knows before a new segment: what was said, asked and captured so far."""
    from tacit.question_engine.types import CapturedRule, SessionContext

    return SessionContext(
        segments=[engine_text(s.text) for s in segments],
        known_questions=[q.text for q in questions],
        touched_categories={q.category for q in questions if q.discussed},
        workflow=workflow,
        rules=[
            CapturedRule(
                rule.statement,
                bool(rule.unless),
                bool(rule.frequency or rule.impact),
                bool(rule.owner),
                bool(rule.examples),
            )
            for rule in rules
        ],
    )


async def open_engine(factory: EngineFactory) -> EngineSession:
    """This capture session's engine (built off the UI thread: it loads the question bank)."""
    return await asyncio.to_thread(factory)


async def stream_suggestions(
    segment: Segment,
    context: SessionContext,
    config: Config,
    usage: UsageMeter,
    engine: EngineSession,
    post: Post,
    said: list[Segment] | None = None,
) -> None:
    """Post each suggestion, notice and usage figure the engine streams for a segment, then
    the session's best questions the pane does not hold yet (`said`: the segments so far,
    to tell which one a question comes from)."""
    from tacit.question_engine.service import stream_suggestions as engine_stream
    from tacit.question_engine.types import EngineNotice, EngineUsage, Suggestion

    text = engine_text(segment.text)
    events = engine_stream(text, context, config, usage, engine, segment.speaker)
    async for event in events:
        if isinstance(event, Suggestion):
            post(SuggestionArrived(event.to_question(segment.session_id, segment.id)))
        elif isinstance(event, EngineNotice):
            post(EngineNoticeArrived(event.message))
        elif isinstance(event, EngineUsage):
            post(EngineUsageArrived(event.prompt_tokens, event.completion_tokens, event.cost_usd))
    # a segment's own questions are capped; the session's best are not: a strong question
    # ranked below its segment's top few (or from a run a newer segment cancelled) shows too
    best = await asyncio.to_thread(engine.ranked, SESSION_BEST)
    for suggestion in best:
        source = said_in(suggestion.quote, said or []) or segment.id  # else raised by this one
        post(SuggestionArrived(suggestion.to_question(segment.session_id, source)))


SESSION_BEST = 10  # the session's top questions the pane always holds


def said_in(quote: str, segments: list[Segment]) -> str | None:
    """The newest segment the quote comes from (None: no quote, or none says it)."""
    wanted = " ".join(quote.split())
    if not wanted:
        return None
    for segment in reversed(segments):  # the engine read only a segment's first part
        if wanted in " ".join(engine_text(segment.text).split()):
            return segment.id
    return None


async def draft_rule(
    question: Question, session_id: str, config: Config, usage: UsageMeter, post: Post
) -> Rule:
    """A rule drafted from the question and its answer; the answer itself if drafting fails."""
    from tacit.question_engine.service import draft_rule as engine_draft

    rule = Rule(
        session_id=session_id,
        statement=question.answer or question.quote,  # never the question's own text
        category=question.category,
        question_id=question.id,
        segment_ids=[question.segment_id] if question.segment_id else [],
    )
    try:
        draft = await engine_draft(
            question.text,
            question.answer,
            config,
            usage,
            quote=question.quote,
            category=question.category,
        )
    except Exception as error:  # drafting is a convenience: fall back to the answer
        post(EngineNoticeArrived(f"rule draft failed: {error}".splitlines()[0]))
        return rule
    rule.statement = draft.statement.strip() or rule.statement
    rule.when, rule.then = draft.when, draft.then
    rule.unless = [Unless(condition, then) for condition, then in draft.unless]
    rule.frequency, rule.owner = draft.frequency, draft.owner or question.owner
    return rule
