"""Domain types: Session, Segment, Question, Rule, Decision.

Plain dataclasses with validation. Each knows how to become a JSON-ready dict
and back; the store and the exports use exactly those dicts. The paths a status
may take, who may accept and what re-opens a rule live in lifecycle.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, ClassVar, Self

import orjson

from tacit.models.ids import is_valid_id, new_id
from tacit.models.lifecycle import (
    DISCUSSED_STATUSES,
    MEANING_FIELDS,
    QUESTION_STATUSES,
    QUESTION_TRANSITIONS,
    ROLES,
    RULE_STATUSES,
    RULE_TRANSITIONS,
    SPEAKERS,
    ValidationError,
    move,
    now,
    require,
)
from tacit.models.plain_records import Plain
from tacit.models.taxonomy import BY_ID

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


def _plain(value: Any) -> Any:
    """Dataclasses (and lists of them) as plain data, for a canonical digest."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return value


def _check_category(category: str) -> None:
    require(category in BY_ID, f"unknown category {category!r}")


def _check_id(value: str, what: str) -> None:
    require(is_valid_id(value), f"{what} has an invalid id {value!r}")


class Record(Plain):
    """Shared dict conversion for the domain dataclasses."""

    KIND: ClassVar[str]
    id: str
    updated_at: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field (a fresh copy; via orjson, ~6x faster than asdict)."""
        data: dict[str, Any] = orjson.loads(orjson.dumps(self))
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Build from a dict, ignoring unknown keys; validates."""
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in data.items() if k in names})

    def touch(self) -> None:
        """Mark the record as changed now."""
        self.updated_at = now()


@dataclass(slots=True, eq=False, repr=False)
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

    def __post_init__(self) -> None:
        _check_id(self.id, "session")
        self.title = self.title.strip()
        require(bool(self.title), "a session needs a title")


@dataclass(slots=True, eq=False, repr=False)
class Segment(Record):
    """One piece of narrative, said by the operator or the engineer."""

    KIND: ClassVar[str] = "segment"
    session_id: str
    speaker: str
    text: str
    id: str = field(default_factory=lambda: new_id("segment"))
    at: str = field(default_factory=now)
    updated_at: str = field(default_factory=now)

    def __post_init__(self) -> None:
        _check_id(self.id, "segment")
        require(self.speaker in SPEAKERS, f"unknown speaker {self.speaker!r}")
        require(bool(self.text.strip()), "a segment needs text")


@dataclass(slots=True, eq=False, repr=False)
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

    def __post_init__(self) -> None:
        _check_id(self.id, "question")
        require(bool(self.text.strip()), "a question needs text")
        _check_category(self.category)
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


@dataclass(slots=True, eq=False, repr=False)
class Unless(Plain):
    """An exception to a rule, with its own outcome."""

    condition: str
    then: str = ""


@dataclass(slots=True, eq=False, repr=False)
class Example(Plain):
    """Example Mapping's green card: a scenario and what should happen, for one clause.

    clause None exercises the base rule (when/then); an integer n exercises the
    rule's n-th unless-clause (0-based), so tests can tell an agent that ignores
    an exception from one that follows it. needs_review marks an example whose
    outcome nobody stated yet (e.g. carried over from a version-1 file).
    """

    scenario: str
    outcome: str = ""
    clause: int | None = None
    needs_review: bool = False

    @classmethod
    def coerce(cls, value: Any) -> Example:
        """An Example from itself or its dict form; anything else is a ValidationError."""
        if isinstance(value, Example):
            return value
        require(isinstance(value, dict), f"an example must be an object, not {value!r}")
        names = {"scenario", "outcome", "clause", "needs_review"}
        example = cls(**{k: v for k, v in value.items() if k in names})
        require(isinstance(example.scenario, str), "an example's scenario must be text")
        require(isinstance(example.outcome, str), "an example's outcome must be text")
        require(
            example.clause is None
            or (isinstance(example.clause, int) and not isinstance(example.clause, bool)),
            "an example's clause is the base rule (null) or an unless-clause number",
        )
        return example

    @property
    def is_base(self) -> bool:
        """It exercises the base rule rather than an exception."""
        return self.clause is None


@dataclass(slots=True, eq=False, repr=False)
class Acceptance(Plain):
    """Who accepted a rule for one role, when, and which words (the rule's meaning fingerprint)."""

    by: str
    at: str = field(default_factory=now)
    fingerprint: str = ""


@dataclass(slots=True, eq=False, repr=False)
class Comment(Plain):
    """A remark on a rule, e.g. the operator sending it back."""

    role: str
    text: str
    at: str = field(default_factory=now)


@dataclass(slots=True, eq=False, repr=False)
class Rule(Record):
    """The product: a business rule in words plus structure, accepted by both roles."""

    KIND: ClassVar[str] = "rule"
    session_id: str
    statement: str
    when: str = ""
    then: str = ""
    unless: list[Unless] = field(default_factory=list)
    frequency: str = ""
    impact: str = ""
    owner: str = ""
    examples: list[Example] = field(default_factory=list)
    category: str = "implicit_rule"
    status: str = "draft"
    accepted_by_operator: Acceptance | None = None
    accepted_by_engineer: Acceptance | None = None
    comments: list[Comment] = field(default_factory=list)
    question_id: str | None = None
    segment_ids: list[str] = field(default_factory=list)
    id: str = field(default_factory=lambda: new_id("rule"))
    created_at: str = field(default_factory=now)
    updated_at: str = field(default_factory=now)

    def __post_init__(self) -> None:
        _check_id(self.id, "rule")
        self.statement = self.statement.strip()
        require(bool(self.statement), "a rule needs a statement")
        _check_category(self.category)
        require(self.status in RULE_STATUSES, f"unknown rule status {self.status!r}")
        self.unless = [u if isinstance(u, Unless) else Unless(**u) for u in self.unless]
        self.comments = [c if isinstance(c, Comment) else Comment(**c) for c in self.comments]
        self.examples = [Example.coerce(e) for e in self.examples]
        if isinstance(self.accepted_by_operator, dict):
            self.accepted_by_operator = Acceptance(**self.accepted_by_operator)
        if isinstance(self.accepted_by_engineer, dict):
            self.accepted_by_engineer = Acceptance(**self.accepted_by_engineer)
        self._drop_stale_acceptances()
        if self.status == "accepted":
            require(self.fully_accepted, "a rule is accepted only when both roles accepted it")

    def meaning_fingerprint(self) -> str:
        """A digest of what the rule says (MEANING_FIELDS); not of owner, category or comments."""
        import hashlib  # only when a rule is accepted or checked, not on start-up
        import json

        meaning = {name: _plain(getattr(self, name)) for name in MEANING_FIELDS}
        canonical = json.dumps(meaning, sort_keys=True, ensure_ascii=False)
        return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]

    def _drop_stale_acceptances(self) -> None:
        """Acceptances of other words than the rule says now no longer count: re-open the rule.

        An acceptance stored before fingerprints existed is taken as given to the
        words stored with it.
        """
        current: str | None = None
        dropped = False
        for role in ROLES:
            acceptance = self.acceptance(role)
            if acceptance is None:
                continue
            current = current or self.meaning_fingerprint()
            if not acceptance.fingerprint:
                acceptance.fingerprint = current
            elif acceptance.fingerprint != current:
                self._set_acceptance(role, None)
                dropped = True
        if dropped and self.status == "accepted":
            self.status = "draft"

    def acceptance(self, role: str) -> Acceptance | None:
        """This role's acceptance, if it has given one."""
        require(role in ROLES, f"unknown role {role!r}")
        return self.accepted_by_operator if role == "operator" else self.accepted_by_engineer

    def _set_acceptance(self, role: str, acceptance: Acceptance | None) -> None:
        if role == "operator":
            self.accepted_by_operator = acceptance
        else:
            self.accepted_by_engineer = acceptance

    def reopen_if_meaning_changed(self) -> bool:
        """After an edit: drop acceptances given to other words; True if any was dropped."""
        before = (self.accepted_by_operator, self.accepted_by_engineer)
        self._drop_stale_acceptances()
        return before != (self.accepted_by_operator, self.accepted_by_engineer)

    @property
    def fully_accepted(self) -> bool:
        """Both the operator and the engineer have accepted."""
        return self.accepted_by_operator is not None and self.accepted_by_engineer is not None

    def accept(self, role: str, by: str = "") -> None:
        """Record one role's acceptance; the rule becomes accepted once both have."""
        require(role in ROLES, f"unknown role {role!r}")
        require(self.status in ("draft", "accepted"), f"a {self.status} rule cannot be accepted")
        self._drop_stale_acceptances()  # the other role accepted words that changed since
        self._set_acceptance(
            role, Acceptance(by=by or role, fingerprint=self.meaning_fingerprint())
        )
        if self.fully_accepted:
            self.status = move(self.status, "accepted", RULE_TRANSITIONS, "rule")
        self.touch()

    def withdraw(self, role: str) -> None:
        """Take back one role's acceptance; an accepted rule returns to draft."""
        require(role in ROLES, f"unknown role {role!r}")
        self._set_acceptance(role, None)
        if self.status == "accepted":
            self.status = move(self.status, "draft", RULE_TRANSITIONS, "rule")
        self.touch()

    def send_back(self, role: str, text: str) -> None:
        """Withdraw this role's acceptance and leave a comment saying why."""
        self.withdraw(role)
        self.comments.append(Comment(role=role, text=text.strip()))
        self.touch()

    def set_status(self, target: str) -> None:
        """Move along the allowed rule path, or raise ValidationError."""
        if target == "accepted":
            require(self.fully_accepted, "a rule is accepted only when both roles accepted it")
        self.status = move(self.status, target, RULE_TRANSITIONS, "rule")
        if target == "draft":
            self.accepted_by_operator = None
            self.accepted_by_engineer = None
        self.touch()


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


@dataclass(slots=True, eq=False, repr=False)
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

    def __post_init__(self) -> None:
        _check_id(self.id, "decision")
        self.topic = self.topic.strip()
        require(bool(self.topic), "a decision needs a topic")
