"""The checks every question passes before it is shown, whichever engine wrote it.

The offline engine checks its slots before filling a template (slots.py); a model writes
whole questions, so its output is checked here as text: the same rules, applied after.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tacit.question_engine.slots import Lexicon

_MARKUP = re.compile(
    r"\d\d:\d\d:\d\d|-->|</?v\b|WEBVTT|^\s*\[\d|"
    r"\b(?:Operator|Engineer|Interviewer|Interviewee|Speaker \d+):",
    re.IGNORECASE,
)
_GLUED = re.compile(r"\b(?:when|if|to|by|of|about) (?:once|until|then|and|but|when|if|must)\b")
# phrases that treat a capitalised name as a person: "X is out", "covers X's", "X's accounts"
_PERSON_PHRASE = re.compile(
    r"\b([A-Z]\w+)(?:'s)? (?:is|are|was) (?:out|away|off|on leave|sick|unavailable)\b|"
    r"\bcovers? (?:for )?([A-Z]\w+)\b|\b([A-Z]\w+)'s (?:work|accounts|cases)\b"
)


def names_as_people(text: str) -> Iterator[str]:
    """Each capitalised name the question speaks of as a person (one definition for every
    engine's checks: the offline wrong-question rules and a model's evidence check)."""
    for match in _PERSON_PHRASE.finditer(text):
        yield next(group for group in match.groups() if group)


def wrong_question(text: str, lexicon: Lexicon) -> str:
    """Why a question must not be shown ('' when it may): the issue's wrong classes."""
    if "hard rule or a preference" in text.lower():
        return "asks whether a clause is a hard rule or a preference"
    if _MARKUP.search(text):
        return "carries transcript timings, tags or speaker labels"
    if _GLUED.search(text):
        return "has a fragment for a slot"
    for name in names_as_people(text):
        if name.lower() in lexicon.not_people or lexicon.team(name):
            return f"treats {name} as a person"
    return ""
