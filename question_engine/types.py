"""What every question engine takes and returns. No Textual, no litellm here."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from tacit.models.domain import Question


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A ranked clarification question an engine proposes."""

    text: str
    category: str
    quote: str
    source: str
    score: float

    def to_question(self, session_id: str, segment_id: str | None) -> Question:
        """The suggestion as a Question record of the session, status 'suggested'."""
        return Question(
            session_id=session_id,
            text=self.text,
            category=self.category,
            quote=self.quote,
            segment_id=segment_id,
            source=self.source,
            score=self.score,
        )

    def to_dict(self) -> dict[str, object]:
        """The JSON shape printed by `tacit suggest --json`."""
        return {
            "text": self.text,
            "category": self.category,
            "quote": self.quote,
            "source": self.source,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True, slots=True)
class CapturedRule:
    """What the engine needs of a captured rule: what it says and which parts it has."""

    statement: str
    has_exception: bool = False
    has_frequency: bool = False
    has_owner: bool = False
    has_example: bool = False


@dataclass(slots=True)
class SessionContext:
    """What an engine needs to know about the session so far.

    `segments` are the earlier narrative texts, oldest first (not including the
    new one); `known_questions` are the texts of every question already
    suggested, asked, answered, parked or dismissed in the session;
    `touched_categories` are the taxonomy ids already asked about; `rules` are the
    rules already captured (the engine asks what each still lacks).
    """

    segments: list[str] = field(default_factory=list)
    known_questions: list[str] = field(default_factory=list)
    touched_categories: set[str] = field(default_factory=set)
    workflow: str = ""
    rules: list[CapturedRule] = field(default_factory=list)


@dataclass(slots=True)
class RuleDraft:
    """A rule drafted from a question and its answer; empty strings mean 'not found'."""

    statement: str
    when: str = ""
    then: str = ""
    unless: list[tuple[str, str]] = field(default_factory=list)
    frequency: str = ""
    owner: str = ""


class QuestionEngine(Protocol):
    """Anything that turns a new narrative segment into ranked suggestions."""

    name: str

    def suggest(self, segment: str, context: SessionContext) -> Sequence[Suggestion]:
        """Ranked questions for the new segment, best first, never repeating context's."""
        ...


@dataclass(frozen=True, slots=True)
class EngineNotice:
    """Something the user should see once in the status line (e.g. an LLM fallback)."""

    message: str


@dataclass(frozen=True, slots=True)
class EngineUsage:
    """Tokens and cost of the session's LLM calls so far (cost None when unpriced)."""

    prompt_tokens: int
    completion_tokens: int
    cost_usd: float | None


EngineEvent = Suggestion | EngineNotice | EngineUsage


@dataclass(frozen=True, slots=True)
class Companion:
    """A second question about what a cue of `family` named, in another category.

    A thing is worth asking about from more than one side (a role: who stands in for it,
    and what reaches it; a limit: what happens at it, and who may waive it), and which side
    matters depends on the case, not on the words the operator used."""

    family: str
    category: str
    templates: tuple[str, ...]
    slots: tuple[tuple[str, str], ...] = ()  # (group, kind): what a value must be to ask
    share: float = 0.35  # of the cue's score: a second side counts less than the first
    when: re.Pattern[str] | None = None  # asked only where this matches the sentence
