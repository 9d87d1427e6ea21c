"""What a record may become: status paths, roles, acceptance and validation errors.

Kept apart from the dataclasses in domain so the rules read in one place; merge,
the editor and the views use the same paths the records enforce.
"""

from __future__ import annotations

from typing import Literal

from tacit.models import clock

Speaker = Literal["operator", "engineer"]
SPEAKERS: tuple[str, ...] = ("operator", "engineer")

QUESTION_STATUSES: tuple[str, ...] = ("suggested", "asked", "answered", "parked", "dismissed")
DISCUSSED_STATUSES: frozenset[str] = frozenset({"asked", "answered", "parked"})
"""Question statuses that count as discussed with the operator (coverage, engine context)."""
QUESTION_TRANSITIONS: dict[str, frozenset[str]] = {
    "suggested": frozenset({"asked", "dismissed", "parked"}),
    "asked": frozenset({"answered", "parked", "dismissed"}),
    "parked": frozenset({"asked", "answered", "dismissed"}),
    "answered": frozenset({"asked"}),
    "dismissed": frozenset({"suggested"}),
}

RULE_STATUSES: tuple[str, ...] = ("draft", "accepted", "rejected", "superseded")
RULE_TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"accepted", "rejected", "superseded"}),
    "accepted": frozenset({"draft", "superseded"}),
    "rejected": frozenset({"draft"}),
    "superseded": frozenset(),
}

ROLES: tuple[str, ...] = ("operator", "engineer")


def status_for_acceptances(status: str, operator: bool, engineer: bool) -> str:
    """A draft or accepted rule is accepted exactly when operator and engineer both accepted."""
    if status not in ("draft", "accepted"):
        return status
    return "accepted" if operator and engineer else "draft"


class ValidationError(ValueError):
    """A record breaks a domain rule; the message says which, in one line."""


def now() -> str:
    """The current UTC time as an ISO 8601 string with microseconds; never earlier than, nor
    equal to, a stamp this process made before (`models.clock`), so records made one after
    the other keep that order."""
    return clock.CLOCK.stamp()


def require(condition: bool, message: str) -> None:
    """Raise ValidationError with message unless condition holds."""
    if not condition:
        raise ValidationError(message)


def move(current: str, target: str, table: dict[str, frozenset[str]], what: str) -> str:
    """Return target when current -> target is an allowed move, else raise."""
    require(target in table, f"unknown {what} status {target!r}")
    if target == current:
        return target
    require(target in table[current], f"a {what} cannot go from {current} to {target}")
    return target


MEANING_FIELDS: tuple[str, ...] = ("statement", "when", "then", "unless", "examples")
"""What a rule says: an acceptance is of these words, and a change to them re-opens it."""
