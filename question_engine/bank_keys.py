"""Reading a cue's optional pattern keys: `exception_when`, `unless` and `template_when`.

Apart from bank.py so the bank reader stays short. Each key is a case-insensitive
pattern searched in the sentence a cue matched; an error names the key in one line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

Pattern = re.Pattern[str]


def optional_pattern(
    entry: dict[str, Any], key: str, fail: Callable[[str], Exception]
) -> Pattern | None:
    """The compiled pattern under `key`, or None when the cue has none."""
    source = entry.get(key)
    if source is None:
        return None
    if not isinstance(source, str) or not source:
        raise fail(f"{key} must be a non-empty pattern string")
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error as error:
        raise fail(f"bad {key} ({error})") from None


def template_conditions(
    entry: dict[str, Any], templates: Sequence[str], fail: Callable[[str], Exception]
) -> tuple[Pattern | None, ...]:
    """`template_when`: one pattern per template ("" = always), or () when not given.

    Of the templates with a pattern, the first whose pattern matches the words of the
    clause before the thing the cue named is asked ("logs them in X": the work is typed
    into X; "comes in through X": X is where it arrives), so one named thing gets the
    question its verb calls for."""
    given = entry.get("template_when")
    if given is None:
        return ()
    if (
        not isinstance(given, list)
        or len(given) != len(templates)
        or not all(isinstance(p, str) for p in given)
    ):
        raise fail("template_when must be a list of patterns, one per template ('' = always)")
    compiled: list[Pattern | None] = []
    for source in given:
        try:
            compiled.append(re.compile(source, re.IGNORECASE) if source else None)
        except re.error as error:
            raise fail(f"bad template_when ({error})") from None
    return tuple(compiled)
