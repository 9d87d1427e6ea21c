"""A cheap test that a cue's pattern cannot match a sentence: none of its literals is there.

A cue runs on every sentence where one of its triggers is said (every sentence, when it has
none); when its pattern can only match where one of a few snippets is said ("Legal", "HR",
"... knows", "hour"/"day" for a duration), a sentence without any of them is skipped. The
snippets come from the pattern's parse tree, and the test is sound: every match contains
one of them (exactly, or for a case-insensitive pattern lower-cased, which is only relied
on for ASCII text). When in doubt there is no gate and the cue runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MIN_LENGTH = 2  # shorter snippets occur nearly everywhere
MAX_SNIPPETS = 32  # past this, testing them costs about what the pattern does

try:  # the regex parser is CPython's own module; without it nothing is derived
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Pythons
    _sre = _parse = None


@dataclass(frozen=True, slots=True)
class CueGate:
    """Snippets one of which any match contains (lower-cased when the pattern ignores case)."""

    snippets: tuple[str, ...]
    ignore_case: bool

    def admits(self, sentence: str, lowered: str | None = None) -> bool:
        """False only when the pattern cannot match anywhere in the sentence. `lowered`:
        the sentence lower-cased, when the caller has it."""
        if not self.ignore_case:
            return any(map(sentence.__contains__, self.snippets))
        if not sentence.isascii():  # case folding beyond ASCII ('ſ', 'K'): no shortcut
            return True
        if lowered is None:
            lowered = sentence.lower()
        return any(map(lowered.__contains__, self.snippets))


def gate_for(pattern: re.Pattern[str]) -> CueGate | None:
    """The pattern's gate, or None when no small set of snippets can be shown."""
    if _parse is None:
        return None
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    try:
        found = _sequence(list(_parse.parse(pattern.pattern, pattern.flags)), ignore_case)
    except Exception:  # a parse tree this module does not know: no gate
        return None
    if not found or min(map(len, found)) < MIN_LENGTH or len(found) > MAX_SNIPPETS:
        return None
    return CueGate(tuple(sorted(found)), ignore_case)


def _sequence(items: list[tuple[Any, Any]], ignore_case: bool) -> set[str] | None:
    """The most selective snippet set of a sequence: each item's own set, and each run of
    literal characters, must occur in every match of the sequence."""
    options: list[set[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is _sre.LITERAL and chr(value).isascii():
            run.append(chr(value).lower() if ignore_case else chr(value))
            continue
        if op is _sre.AT:  # \b, ^, $ take no characters: the run goes on
            continue
        if run:
            options.append({"".join(run)})
            run = []
        found = _node(op, value, ignore_case)
        if found:
            options.append(found)
    if run:
        options.append({"".join(run)})
    options = [o for o in options if all(o)]
    if not options:
        return None
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def _node(op: Any, value: Any, ignore_case: bool) -> set[str] | None:
    if op is _sre.SUBPATTERN:
        _, add_flags, del_flags, inner = value
        if (add_flags | del_flags) & re.IGNORECASE:
            return None  # a case flag changed inside: not worth following
        return _sequence(list(inner), ignore_case)
    if op is _sre.BRANCH:
        union: set[str] = set()
        for alternative in value[1]:
            found = _sequence(list(alternative), ignore_case)
            if not found:
                return None
            union |= found
        return union
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, _, inner = value
        return _sequence(list(inner), ignore_case) if low >= 1 else None
    if op is _sre.ASSERT:  # a lookahead or lookbehind: its text is in the sentence too
        return _sequence(list(value[1]), ignore_case)
    if op is _sre.ATOMIC_GROUP:
        return _sequence(list(value), ignore_case)
    return None
