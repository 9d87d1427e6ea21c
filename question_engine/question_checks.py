"""The checks every question passes before it is shown, whichever engine wrote it.

The offline engine checks its slots before filling a template (slots.py); a model writes
whole questions, so its output is checked here as text: the same rules, applied after.
"""

from __future__ import annotations

import re

from tacit.question_engine.slots import Lexicon

_MARKUP = re.compile(
    r"\d\d:\d\d:\d\d|-->|</?v\b|WEBVTT|^\s*\[\d|"
    r"\b(?:Operator|Engineer|Interviewer|Interviewee|Speaker \d+):",
    re.IGNORECASE,
)
_GLUED = re.compile(r"\b(?:when|if|to|by|of|about) (?:once|until|then|and|but|when|if|must)\b")
_PERSON_PHRASE = re.compile(
    r"\b([A-Z][\w]+)(?:'s)? (?:is|are) (?:out|away|off|on leave|sick)\b|"
    r"\bcovers? ([A-Z][\w]+)'s\b|\b([A-Z][\w]+)'s work\b"
)


def wrong_question(text: str, lexicon: Lexicon) -> str:
    """Why a question must not be shown ('' when it may): the issue's wrong classes."""
    if "hard rule or a preference" in text.lower():
        return "asks whether a clause is a hard rule or a preference"
    if _MARKUP.search(text):
        return "carries transcript timings, tags or speaker labels"
    if _GLUED.search(text):
        return "has a fragment for a slot"
    for match in _PERSON_PHRASE.finditer(text):
        name = next(g for g in match.groups() if g)
        if name.lower() in lexicon.not_people or lexicon.team(name):
            return f"treats {name} as a person"
    return ""
