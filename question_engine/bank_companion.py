"""Reading a bank's [[companion]] tables and template placeholders.

Apart from bank.py so the bank reader stays short.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from typing import Any

from tacit.question_engine.types import Companion

COMPANION_KEYS = frozenset({"family", "category", "templates", "slots", "share", "when", "note"})
COMPANION_SLOT_KINDS = frozenset({"system", "actor"})


def placeholders(template: str) -> set[str]:
    """Names used as {placeholders} in a template; raises ValueError on bad braces."""
    names = set()
    for _, field_name, spec, conversion in string.Formatter().parse(template):
        if field_name is None:
            continue
        if not field_name.isidentifier() or spec or conversion:
            raise ValueError(f"bad placeholder {{{field_name}}}")
        names.add(field_name)
    return names


def companion_from_table(
    entry: dict[str, Any],
    category: str,
    templates: list[str],
    fail: Callable[[str], Exception],
) -> Companion:
    """One validated companion; `fail` makes the error naming the bank file and line."""
    family = entry.get("family")
    if not isinstance(family, str) or not family.strip():
        raise fail("family must be a non-empty string")
    for template in templates:
        try:
            placeholders(template)
        except ValueError as error:
            raise fail(f"{error} in {template!r}") from None
    slots = entry.get("slots", {})
    if not isinstance(slots, dict) or not all(
        isinstance(k, str) and v in COMPANION_SLOT_KINDS for k, v in slots.items()
    ):
        raise fail(f"slots must map groups to {sorted(COMPANION_SLOT_KINDS)}")
    share = entry.get("share", 0.35)
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share <= 1:
        raise fail("share must be a number in (0, 1]")
    when = entry.get("when")
    if when is not None and (not isinstance(when, str) or not when):
        raise fail("when must be a non-empty pattern")
    try:
        compiled = re.compile(when, re.IGNORECASE) if when else None
    except re.error as error:
        raise fail(f"when: {error}") from None
    pairs = tuple(sorted(slots.items()))
    return Companion(family, category, tuple(templates), pairs, float(share), compiled)
