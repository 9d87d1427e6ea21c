"""Merge LLM and offline suggestions into one ranked list without duplicates."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tacit.question_engine.types import Suggestion

_WORD = re.compile(r"[a-z0-9']+")
_STOP = frozenset(
    re.findall(
        r"\w+",
        "a an and are as at be by did do does for from how i if in is it of on or so that the "
        "then there this to was what when where which who why will with you your we our us "
        "they their it's has have had can could would should not no any all about",
    )
)
SIMILAR_AT = 0.6
"""Two questions whose content words overlap this much (Jaccard) say the same thing."""


def content_words(text: str) -> frozenset[str]:
    """The lower-cased words of a question that carry its meaning."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def is_duplicate(text: str, others: Iterable[str]) -> bool:
    """True when text asks what one of the others already asks."""
    words = content_words(text)
    normalized = " ".join(_WORD.findall(text.lower()))
    for other in others:
        if normalized == " ".join(_WORD.findall(other.lower())):
            return True
        other_words = content_words(other)
        union = words | other_words
        if union and len(words & other_words) / len(union) >= SIMILAR_AT:
            return True
    return False


class Deduper:
    """Remembers what was already shown, so a stream yields each question once."""

    def __init__(self, known: Iterable[str] = ()) -> None:
        self._seen: list[str] = list(known)

    def admit(self, suggestion: Suggestion) -> bool:
        """True (and remembered) when the suggestion is new."""
        if is_duplicate(suggestion.text, self._seen):
            return False
        self._seen.append(suggestion.text)
        return True


def merge(
    llm: Sequence[Suggestion], offline: Sequence[Suggestion], limit: int | None = None
) -> list[Suggestion]:
    """One list ranked by score (LLM first among equals, as it saw the whole narrative);
    a question that repeats a better-ranked one is dropped; each keeps its source label."""
    ranked = sorted([*llm, *offline], key=lambda s: -s.score)
    deduper = Deduper()
    merged = [s for s in ranked if deduper.admit(s)]
    return merged[:limit] if limit is not None else merged
