"""Two questions of one pane that ask one thing about the same named thing.

Different cues reach the same thing by different words: a system by its name in one
sentence and by its name plus "database" in the next, a threshold's own question ("… who
set that limit — can anyone make an exception?") beside the generic "Who may make an
exception to …" for the same sentence. Each pair is one question asked twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol


class Asked(Protocol):
    """A question as both picks see it: a segment's candidate or the session's suggestion."""

    @property
    def text(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def quote(self) -> str: ...


_DOWN = re.compile(r"^When (?P<thing>.+?) is down\b")
_DETERMINER = re.compile(r"^(?:the|a|an|our|their|your|my)\s+", re.IGNORECASE)
# the head nouns a system's name is said with ("the KegWise database" is KegWise)
_SYSTEM_HEAD = re.compile(
    r"\s+(?:database|db|system|register|portal|app|records?|spreadsheet|tracker|platform"
    r"|software|tool|website|site)$"
)
_LIMIT_EXCEPTION = re.compile(
    r"^What happens at exactly (?P<limit>.+?), and who set that limit — can anyone make an"
    r" exception\?$"
)
_EXCEPTION_TO = "Who may make an exception to "
_GENERIC_EDGE = "what happens with a case right at its edge"


def second_edge(suggestion: Asked, edged: set[str]) -> bool:
    """A second edge-case question on a sentence whose edge is already asked: a threshold's
    own question ("What happens at exactly 30 kilos…") and the generic reading of the same
    sentence ("For '…': what happens with a case right at its edge") side by side in the top
    ask one thing twice."""
    return suggestion.category == "edge_case" and suggestion.quote in edged


def generic_edge_again(question: Asked, edged: set[str]) -> bool:
    """The generic 'For "<sentence>": what happens with a case right at its edge' on a
    sentence whose edge a picked question already asks: a segment's pick keeps a second,
    specific limit of the sentence ("under 5,000 euros … within five days"), not this."""
    return question.quote in edged and _GENERIC_EDGE in question.text


def limit_quotes(pool: Iterable[Asked]) -> dict[str, list[str]]:
    """For each sentence, the limits its threshold questions already ask exceptions to."""
    limits: dict[str, list[str]] = {}
    for item in pool:
        match = _LIMIT_EXCEPTION.match(item.text)
        if match:
            limits.setdefault(item.quote, []).append(match.group("limit"))
    return limits


def exception_to_a_limit(suggestion: Asked, limited: dict[str, list[str]]) -> bool:
    """The generic "Who may make an exception to '<sentence>'" where the same sentence's
    threshold question asks it of the limit the quoted words hold ("within 9 months"): the
    threshold's wording names the limit, and wins. Another limit in the sentence ("defer
    once" beside "within twelve months") is another exception."""
    if not suggestion.text.startswith(_EXCEPTION_TO):
        return False
    return any(limit in suggestion.text for limit in limited.get(suggestion.quote, ()))


class DownSystems:
    """The systems a pane already asks "when X is down" about, by name: "KegWise" and "the
    KegWise database" are one system; "the booking system" and "the booking register",
    neither said bare, stay two."""

    def __init__(self) -> None:
        self._names: set[str] = set()  # each system asked, as said, lower case
        self._bare: set[str] = set()  # the name within each one said with a head noun

    def asked_again(self, question: str) -> bool:
        """Whether question asks "when X is down" of a system already asked; else records it."""
        match = _DOWN.match(question)
        if match is None:
            return False
        name = _DETERMINER.sub("", match.group("thing")).lower()
        bare = _SYSTEM_HEAD.sub("", name)
        if name in self._names or name in self._bare or (bare != name and bare in self._names):
            return True
        self._names.add(name)
        if bare != name:
            self._bare.add(bare)
        return False
