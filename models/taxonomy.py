"""The question taxonomy: stable ids shared by every engine, the store and exports."""

from __future__ import annotations

from typing import NamedTuple


class Category(NamedTuple):
    """One taxonomy category: its stable id, a short label for narrow panes, what it probes.
    (A named tuple: the start-up path defines it, and a dataclass costs 4x as much.)"""

    id: str
    label: str
    title: str
    probes: str


CATEGORIES: tuple[Category, ...] = (
    Category("implicit_rule", "rule", "Implicit rule", "rules that live in someone's head"),
    Category("edge_case", "edge", "Edge case", "rare cases that matter most; frequency and impact"),
    Category("handoff", "handoff", "Hand-off", "cross-system / cross-team hand-offs by convention"),
    Category("exception", "except", "Exception", "cases handled by judgment, and who decides"),
    Category("reporting", "report", "Reporting", "what each stakeholder expects to see"),
    Category("adoption", "adopt", "Adoption", "who does the work today, what changes for them"),
    Category(
        "operational_decision",
        "ops",
        "Operational decision",
        "operational choices disguised as technical ones",
    ),
)

CATEGORY_IDS: tuple[str, ...] = tuple(c.id for c in CATEGORIES)
BY_ID: dict[str, Category] = {c.id: c for c in CATEGORIES}


def is_category(value: object) -> bool:
    """True when value is one of the taxonomy ids."""
    return isinstance(value, str) and value in BY_ID


def label(category_id: str) -> str:
    """The short label shown in panes for a taxonomy id."""
    return BY_ID[category_id].label
