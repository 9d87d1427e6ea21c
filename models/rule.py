"""The rule, the product, and its parts: unless-clauses, examples, acceptances, comments.

Re-exported by domain.py, where the other records live.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from tacit.models.ids import new_id
from tacit.models.lifecycle import (
    MEANING_FIELDS,
    ROLES,
    RULE_STATUSES,
    RULE_TRANSITIONS,
    move,
    now,
    require,
)
from tacit.models.plain_records import FACTORY, Plain
from tacit.models.record import Record, check_category, check_id, plain_data


@dataclass(slots=True, init=False, eq=False, repr=False)
class Unless(Plain):
    """An exception to a rule, with its own outcome."""

    condition: str
    then: str = ""

    def __init__(self, condition: str, then: str = "") -> None:
        self.condition = condition
        self.then = then


@dataclass(slots=True, init=False, eq=False, repr=False)
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

    def __init__(
        self,
        scenario: str,
        outcome: str = "",
        clause: int | None = None,
        needs_review: bool = False,
    ) -> None:
        self.scenario = scenario
        self.outcome = outcome
        self.clause = clause
        self.needs_review = needs_review

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


@dataclass(slots=True, init=False, eq=False, repr=False)
class Acceptance(Plain):
    """Who accepted a rule for one role, when, and which words (the rule's meaning fingerprint)."""

    by: str
    at: str = field(default_factory=now)
    fingerprint: str = ""

    def __init__(self, by: str, at: str = FACTORY, fingerprint: str = "") -> None:
        self.by = by
        self.at = now() if at is FACTORY else at
        self.fingerprint = fingerprint


@dataclass(slots=True, init=False, eq=False, repr=False)
class Comment(Plain):
    """A remark on a rule, e.g. the operator sending it back."""

    role: str
    text: str
    at: str = field(default_factory=now)

    def __init__(self, role: str, text: str, at: str = FACTORY) -> None:
        self.role = role
        self.text = text
        self.at = now() if at is FACTORY else at


@dataclass(slots=True, init=False, eq=False, repr=False)
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

    def __init__(
        self,
        session_id: str,
        statement: str,
        when: str = "",
        then: str = "",
        unless: list[Unless] = FACTORY,
        frequency: str = "",
        impact: str = "",
        owner: str = "",
        examples: list[Example] = FACTORY,
        category: str = "implicit_rule",
        status: str = "draft",
        accepted_by_operator: Acceptance | None = None,
        accepted_by_engineer: Acceptance | None = None,
        comments: list[Comment] = FACTORY,
        question_id: str | None = None,
        segment_ids: list[str] = FACTORY,
        id: str = FACTORY,
        created_at: str = FACTORY,
        updated_at: str = FACTORY,
    ) -> None:
        self.session_id = session_id
        self.statement = statement
        self.when = when
        self.then = then
        self.unless = [] if unless is FACTORY else unless
        self.frequency = frequency
        self.impact = impact
        self.owner = owner
        self.examples = [] if examples is FACTORY else examples
        self.category = category
        self.status = status
        self.accepted_by_operator = accepted_by_operator
        self.accepted_by_engineer = accepted_by_engineer
        self.comments = [] if comments is FACTORY else comments
        self.question_id = question_id
        self.segment_ids = [] if segment_ids is FACTORY else segment_ids
        self.id = new_id("rule") if id is FACTORY else id
        self.created_at = now() if created_at is FACTORY else created_at
        self.updated_at = now() if updated_at is FACTORY else updated_at
        self.__post_init__()

    def __post_init__(self) -> None:
        check_id(self.id, "rule")
        self.statement = self.statement.strip()
        require(bool(self.statement), "a rule needs a statement")
        check_category(self.category)
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

        meaning = {name: plain_data(getattr(self, name)) for name in MEANING_FIELDS}
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
