"""Absence questions ("who covers when X is out"): one per person, none once the cover is said.

Several cues ask who stands in for someone, each in its own words; two of them about the
same person are one question asked twice. And when the operator already said who covers
("When Nadia is away, Tom signs them off"), asking it again tells them nobody listened.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ABSENCE_QUESTION = re.compile(
    r"^(?:When (?P<out>.+?) is out, who covers"
    r"|Who stands in for (?P<stand>.+?) when they are out"
    r"|Who approves when (?P<approves>.+?) is away"
    r"|When (?P<away>.+?) is away, who else can"
    r"|When (?P<team>.+?) is swamped or away)"
)
# the more specific wording of the same question wins over the general "who covers"
_SPECIFIC = ("approves", "away")
_DETERMINER = re.compile(r"^(?:the|a|an|our|their|your|my)\s+", re.IGNORECASE)
_GONE = (
    r"(?:away|out|off|on leave|on holiday|on vacation|sick|ill|absent|unavailable|not in"
    r"|not around|not there|on (?:a |her |his |their )?break|busy|swamped)"
)


def absence_subject(question: str) -> tuple[str, bool]:
    """Whom an absence question is about (lower case, no determiner) and whether it is a
    specific wording; ("", False) for any other question."""
    match = _ABSENCE_QUESTION.match(question)
    if match is None:
        return "", False
    name = next(group for group in match.groupdict().items() if group[1])
    return _DETERMINER.sub("", name[1]).lower(), name[0] in _SPECIFIC


@lru_cache(maxsize=512)
def _cover_pattern(subject: str) -> re.Pattern[str]:
    who = r"(?:(?:the|a|an|our|their|your|my)\s+)?" + re.escape(subject)
    return re.compile(
        rf"\b(?:when|if|while|whilst|whenever)\s+{who}\s+(?:is|'s|are|goes|gets)\s+"
        rf"(?:\w+\s+)?{_GONE}\s*,?\s+(?!(?:who|what|nobody knows)\b)\w"
        rf"|\b(?:covers?|covering|stands?\s+in|deputi[sz]es)\s+for\s+{who}\b"
        rf"|\b{who}'s\s+(?:deputy|backup|back-up|cover|stand-in)\b"
        rf"|\bin\s+{who}'s\s+absence\b",
        re.IGNORECASE,
    )


def cover_said(subject: str, text: str) -> bool:
    """Whether text already says who covers subject ("when Nadia is away, Tom …",
    "Tom covers for Nadia", "in the controller's absence")."""
    return _cover_pattern(subject).search(text) is not None


# "the duty planner, currently Ruth Adeyemi," and "Ruth Adeyemi, our duty planner,"
_NAME = r"(?-i:[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})"
_ROLE_THEN_NAME = re.compile(
    r"\b(?:the|our|their|your|my)\s+(?P<role>[a-z][\w-]*(?:\s[a-z][\w-]*){0,3})\s*[,(—–-]\s*"
    r"(?:(?:currently|now|at present|at the moment|that's|who is)\s+)?(?P<name>" + _NAME + ")",
    re.IGNORECASE,
)
_NAME_THEN_ROLE = re.compile(
    r"(?P<name>" + _NAME + r")\s*[,(—–-]\s*(?:(?:currently|now)\s+)?(?:the|our|their)\s+"
    r"(?P<role>[a-z][\w-]*(?:\s[a-z][\w-]*){0,3}?)\s*[,.;)]",
    re.IGNORECASE,
)


def same_people(text: str) -> set[tuple[str, str]]:
    """(role, name) pairs text names as one person, side by side, both in lower case:
    "the duty planner, currently Ruth Adeyemi, …" or "Ruth Adeyemi, our duty planner, …"."""
    return {
        (m.group("role").lower(), m.group("name").lower())
        for pattern in (_ROLE_THEN_NAME, _NAME_THEN_ROLE)
        for m in pattern.finditer(text)
    }
