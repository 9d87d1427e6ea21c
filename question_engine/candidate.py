"""One question a cue raises before the engine picks among them, and what a segment's
candidates say about the session (the systems and people they name)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from tacit.question_engine.session import Facts


class Candidate(NamedTuple):  # a tuple: built for every match, cheaper than a dataclass
    text: str
    category: str
    quote: str
    score: float
    key: tuple[str, frozenset[str]]
    variants: tuple[str, ...]
    family: str
    thing: str


def facts_of(candidates: Iterable[Candidate]) -> Facts:
    """The systems and people/roles a segment's cue matches name."""
    systems = tuple(c.thing for c in candidates if c.family == "system" and c.thing)
    people = tuple(c.thing for c in candidates if c.family in ("person", "role") and c.thing)
    return systems, people
