"""Examples as one line of text each, the way people read and type them.

    Zip 94110, no owner -> Mission team
    unless 1: Acme, owner Priya -> Priya's team

A line is `scenario -> outcome` (or `→`), optionally prefixed by the clause it
exercises: `unless N:` (1-based, as people count) or `base:`. The rule editor,
the clipboard and the reports all use this one format.
"""

from __future__ import annotations

import re
from functools import cache

from tacit.models.domain import Example, ValidationError
from tacit.models.safe_text import one_line


# compiled at their first use: about 1 M instructions each, and the capture screen imports
# this module before its first frame
@cache
def _prefix() -> re.Pattern[str]:
    return re.compile(r"(?i)\s*(?:(base)|unless\s+([0-9]{1,3}))\s*:\s*")


@cache
def _arrow() -> re.Pattern[str]:
    return re.compile(r"\s+(?:->|→)\s*|\s*(?:->|→)\s+")


def clause_label(clause: int | None) -> str:
    """'base rule' or 'unless 2' (1-based)."""
    return "base rule" if clause is None else f"unless {clause + 1}"


def example_line(example: Example) -> str:
    """One line: the clause prefix for exceptions, then `scenario -> outcome`."""
    prefix = "" if example.clause is None else f"unless {example.clause + 1}: "
    outcome = f" -> {one_line(example.outcome)}" if example.outcome.strip() else ""
    return f"{prefix}{one_line(example.scenario)}{outcome}"


def parse_example_line(line: str, unless_count: int) -> Example | None:
    """The example a line describes (None for a blank line); raises ValidationError
    when it names an unless-clause the rule does not have."""
    text = one_line(line)
    if not text:
        return None
    clause: int | None = None
    prefix = _prefix().match(text)
    if prefix:
        if prefix.group(2) is not None:
            number = int(prefix.group(2))
            if not 1 <= number <= unless_count:
                have = f"has {unless_count}" if unless_count else "has none"
                raise ValidationError(f"an example is for unless {number}, but the rule {have}")
            clause = number - 1
        text = text[prefix.end() :]
    parts = _arrow().split(text)
    scenario = parts[0] if len(parts) == 1 else " -> ".join(parts[:-1])
    outcome = "" if len(parts) == 1 else parts[-1]
    if not scenario.strip():
        raise ValidationError("an example needs a scenario before the arrow")
    return Example(
        scenario=scenario.strip(),
        outcome=outcome.strip(),
        clause=clause,
        needs_review=not outcome.strip(),
    )
