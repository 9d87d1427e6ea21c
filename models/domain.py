"""Domain types: Session, Segment, Question, Rule, Decision.

Plain dataclasses with validation. Each knows how to become a JSON-ready dict
and back; the store and the exports use exactly those dicts. The paths a status
may take, who may accept and what re-opens a rule live in lifecycle. The rule and
its parts live in rule.py, the shared base in record.py; all are importable from here.

Each record writes its own `__init__` (`@dataclass(init=False)`): the one @dataclass
generates is compiled from source at every start, ~1.3 M instructions per class
before the first frame. tests/unit/test_domain_plain.py holds each to what
@dataclass would generate from the same fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from tacit.models.ids import new_id
from tacit.models.lifecycle import (
    DISCUSSED_STATUSES,
    QUESTION_STATUSES,
    QUESTION_TRANSITIONS,
    SPEAKERS,
    ValidationError,
    move,
    now,
    require,
)
from tacit.models.plain_records import FACTORY
from tacit.models.record import Record, check_category, check_id
from tacit.models.rule import Acceptance, Comment, Example, Rule, Unless

__all__ = [
    "DECISION_PRESETS",
    "Acceptance",
    "Comment",
    "Decision",
    "Example",
    "Question",
    "Record",
    "Rule",
    "Segment",
    "Session",
    "Unless",
    "ValidationError",
]


@dataclass(slots=True, init=False, eq=False, repr=False)
class Session(Record):
    """One capture conversation."""

    KIND: ClassVar[str] = "session"
    title: str
    workflow: str = ""
    participants: list[str] = field(default_factory=list)
    id: str = field(default_factory=lambda: new_id("session"))
    started_at: str = field(default_factory=now)
    ended_at: str | None = None
    updated_at: str = field(default_factory=now)

    def __init__(
        self,
        title: str,
        workflow: str = "",
        participants: list[str] = FACTORY,
        id: str = FACTORY,
        started_at: str = FACTORY,
        ended_at: str | None = None,
        updated_at: str = FACTORY,
    ) -> None:
        self.title = title
        self.workflow = workflow
        self.participants = [] if participants is FACTORY else participants
        self.id = new_id("session") if id is FACTORY else id
        self.started_at = now() if started_at is FACTORY else started_at
        self.ended_at = ended_at
        self.updated_at = now() if updated_at is FACTORY else updated_at
        self.__post_init__()

    def __post_init__(self) -> None:
        check_id(self.id, "session")
        self.title = self.title.strip()
        require(bool(self.title), "a session needs a title")


@dataclass(slots=True, init=False, eq=False, repr=False)
class Segment(Record):
    """One piece of narrative, said by the operator or the engineer."""

    KIND: ClassVar[str] = "segment"
    session_id: str
    speaker: str
    text: str
    id: str = field(default_factory=lambda: new_id("segment"))
    at: str = field(default_factory=now)
    updated_at: str = field(default_factory=now)

    def __init__(
        self,
        session_id: str,
        speaker: str,
        text: str,
        id: str = FACTORY,
        at: str = FACTORY,
        updated_at: str = FACTORY,
    ) -> None:
        self.session_id = session_id
        self.speaker = speaker
        self.text = text
        self.id = new_id("segment") if id is FACTORY else id
        self.at = now() if at is FACTORY else at
        self.updated_at = now() if updated_at is FACTORY else updated_at
        self.__post_init__()

    def __post_init__(self) -> None:
        check_id(self.id, "segment")
        require(self.speaker in SPEAKERS, f"unknown speaker {self.speaker!r}")
        require(bool(self.text.strip()), "a segment needs text")


@dataclass(slots=True, init=False, eq=False, repr=False)
class Question(Record):
    """A clarification question, suggested by an engine or typed by a person."""

    KIND: ClassVar[str] = "question"
    session_id: str
    text: str
    category: str
    quote: str = ""
    segment_id: str | None = None
    source: str = "offline"
    score: float = 0.0
    status: str = "suggested"
    answer: str = ""
    owner: str = ""
    id: str = field(default_factory=lambda: new_id("question"))
    created_at: str = field(default_factory=now)
    updated_at: str = field(default_factory=now)

    def __init__(
        self,
        session_id: str,
        text: str,
        category: str,
        quote: str = "",
        segment_id: str | None = None,
        source: str = "offline",
        score: float = 0.0,
        status: str = "suggested",
        answer: str = "",
        owner: str = "",
        id: str = FACTORY,
        created_at: str = FACTORY,
        updated_at: str = FACTORY,
    ) -> None:
        self.session_id = session_id
        self.text = text
        self.category = category
        self.quote = quote
        self.segment_id = segment_id
        self.source = source
        self.score = score
        self.status = status
        self.answer = answer
        self.owner = owner
        self.id = new_id("question") if id is FACTORY else id
        self.created_at = now() if created_at is FACTORY else created_at
        self.updated_at = now() if updated_at is FACTORY else updated_at
        self.__post_init__()

    def __post_init__(self) -> None:
        check_id(self.id, "question")
        require(bool(self.text.strip()), "a question needs text")
        check_category(self.category)
        require(self.status in QUESTION_STATUSES, f"unknown question status {self.status!r}")

    def set_status(self, target: str) -> None:
        """Move along the allowed question path, or raise ValidationError."""
        self.status = move(self.status, target, QUESTION_TRANSITIONS, "question")
        self.touch()

    @property
    def discussed(self) -> bool:
        """The pair has talked about it (asked, answered or parked)."""
        return self.status in DISCUSSED_STATUSES

    @property
    def is_open(self) -> bool:
        """An open question: parked, waiting on its owner (Example Mapping's red card)."""
        return self.status == "parked"


DECISION_PRESETS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "escalation_channel",
        "How does the agent escalate?",
        ("Slack message", "Jira ticket", "Email"),
    ),
    ("retry_policy", "On failure, retry or escalate?", ("Retry then escalate", "Escalate at once")),
    ("model_size", "Which model size?", ("Frontier model", "Smaller model")),
    ("data_location", "Where does the data sit?", ("In the warehouse", "In the agent's context")),
    ("logging_level", "What is logged?", ("Every action", "Every decision")),
)


@dataclass(slots=True, init=False, eq=False, repr=False)
class Decision(Record):
    """An operational decision disguised as a technical one, and how it was settled."""

    KIND: ClassVar[str] = "decision"
    session_id: str
    topic: str
    kind: str = "custom"
    options: list[str] = field(default_factory=list)
    choice: str = ""
    owner: str = ""
    reason: str = ""
    id: str = field(default_factory=lambda: new_id("decision"))
    created_at: str = field(default_factory=now)
    updated_at: str = field(default_factory=now)

    def __init__(
        self,
        session_id: str,
        topic: str,
        kind: str = "custom",
        options: list[str] = FACTORY,
        choice: str = "",
        owner: str = "",
        reason: str = "",
        id: str = FACTORY,
        created_at: str = FACTORY,
        updated_at: str = FACTORY,
    ) -> None:
        self.session_id = session_id
        self.topic = topic
        self.kind = kind
        self.options = [] if options is FACTORY else options
        self.choice = choice
        self.owner = owner
        self.reason = reason
        self.id = new_id("decision") if id is FACTORY else id
        self.created_at = now() if created_at is FACTORY else created_at
        self.updated_at = now() if updated_at is FACTORY else updated_at
        self.__post_init__()

    def __post_init__(self) -> None:
        check_id(self.id, "decision")
        self.topic = self.topic.strip()
        require(bool(self.topic), "a decision needs a topic")
