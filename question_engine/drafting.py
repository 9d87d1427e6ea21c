"""Offline rule drafting: turn an operator's answer into statement / when / then / unless.

It recognises the shapes operators use for rules — "X unless Y", "X except when Y",
"if X then Y", "X if Y", "by X, but Y" — and fills only what the words say: every
field is a piece of the answer itself, and what cannot be parsed stays in the statement.
"""

from __future__ import annotations

import re

from tacit.question_engine.text import clean
from tacit.question_engine.types import RuleDraft

_TRIM = " \t\n,;:.—–-"

_UNLESS = re.compile(
    r"^(?P<then>.+?),?\s+(?:unless|except(?:\s+(?:when|if|where|for))?|apart from when|"
    r"other than when|but not\s+(?:when|if))\s+(?P<cond>.+?)"
    r"(?:(?:,\s*|\s+)(?:in which case|and then|then|—|–)\s+(?P<alt>.+))?$",
    re.IGNORECASE | re.DOTALL,
)
_BUT_IF = re.compile(
    r"^(?P<then>.+?),?\s+but\s+(?:if|when|whenever|for)\s+(?P<cond>.+?)(?:,(?!\d)\s*|\s+then\s+)"
    r"(?P<alt>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_BUT = re.compile(r"^(?P<then>.+?),(?!\d)\s+but\s+(?P<cond>.+)$", re.IGNORECASE | re.DOTALL)
_IF_THEN = re.compile(
    r"^(?:if|when|whenever|once|as soon as)\s+(?P<when>.+?)"
    r"(?:,?\s+then\s+|,(?!\d)\s*)(?P<then>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_THEN_IF = re.compile(
    r"^(?P<then>.+?)\s+(?:only\s+)?(?:if|when|whenever|as long as|provided that)\s+(?P<when>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_LEADING_EXCEPTION = re.compile(
    r"^(?:unless|except(?:\s+(?:when|if|where|for))?|but not\s+(?:when|if))\s+(?P<cond>.+?)"
    r"(?:,(?!\d)\s*(?:in which case|which|where|then|they|it)?\s*(?P<alt>.+))?$",
    re.IGNORECASE | re.DOTALL,
)
_ONLY_IF = re.compile(r"^only\s+(?:if|when)\s+(?P<when>.+)$", re.IGNORECASE | re.DOTALL)

_FREQUENCY = re.compile(
    r"\b(?:(?:about|around|roughly|maybe|like|under|over|less than|more than)\s+)?"
    r"(?:\d+(?:\.\d+)?\s?(?:%|percent)(?:\s+of\s+(?:the\s+)?[a-z]+)?"
    r"|(?:once|twice|\d+\s+times?|a (?:few|couple of) times)\s+(?:a|per|every)\s+\w+"
    r"|one in (?:\d+|ten|a hundred|a thousand)"
    r"|almost never|hardly ever|rarely|seldom|occasionally|most of the time"
    r"|every (?:day|week|month))"
    r"\b",
    re.IGNORECASE,
)
_PERSON = r"\b[A-Z][a-z]+|\bthe\s+[a-z-]+(?:\s+(?!and\b|or\b|then\b)[a-z-]+){0,2}?"
_END = r"(?=[,.;]|$|\s+(?:and|but|if|when|unless)\b)"
_OWNER = re.compile(
    r"(?:\b(?:decided|approved|signed off|made)\s+by\s+(?P<by>(?:the\s+)?[\w' -]{2,30}?)"
    + _END
    + r"|\bup to\s+(?P<upto>(?:the\s+)?[\w' -]{2,30}?)"
    + _END
    + r"|(?P<who>"
    + _PERSON
    + r")\s+(?:decides|makes the call|has the final say|"
    r"has the last word|signs off|approves)\b"
    r"|(?P<calls>" + _PERSON + r")'s\s+call\b)",
)
_BARE_REPLY = re.compile(r"^(?:yes|no|yeah|yep|nope|correct|right|exactly)\W*$", re.IGNORECASE)


def _part(value: str | None) -> str:
    return (value or "").strip(_TRIM)


def _split_exception(then: str) -> tuple[str, list[tuple[str, str]]]:
    """Split 'Y unless Z' inside an action; returns (action, exceptions)."""
    for pattern in (_UNLESS, _BUT_IF):
        match = pattern.match(then)
        if match:
            return _part(match["then"]), [(_part(match["cond"]), _part(match["alt"]))]
    return then, []


def _structure(sentence: str) -> tuple[str, str, list[tuple[str, str]]] | None:
    """(when, then, unless) for one sentence, or None when no rule shape is found."""
    match = _LEADING_EXCEPTION.match(sentence)
    if match:
        return "", "", [(_part(match["cond"]), _part(match["alt"]))]
    for pattern in (_UNLESS, _BUT_IF):
        match = pattern.match(sentence)
        if match:
            when, then = "", _part(match["then"])
            inner = _IF_THEN.match(then)
            if inner:
                when, then = _part(inner["when"]), _part(inner["then"])
            return when, then, [(_part(match["cond"]), _part(match["alt"]))]
    match = _IF_THEN.match(sentence)
    if match:
        then, unless = _split_exception(_part(match["then"]))
        return _part(match["when"]), then, unless
    match = _ONLY_IF.match(sentence)
    if match:
        return _part(match["when"]), "", []
    match = _BUT.match(sentence)
    if match:
        return "", _part(match["then"]), [(_part(match["cond"]), "")]
    match = _THEN_IF.match(sentence)
    if match and len(_part(match["then"]).split()) >= 2:
        return _part(match["when"]), _part(match["then"]), []
    return None


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])", text) if s.strip()]


def draft_rule(question: str, answer: str) -> RuleDraft:
    """A rule draft from a question and its answer; fields are only ever words of the answer."""
    text = " ".join(clean(answer).split())
    if not text:
        return RuleDraft(statement="")
    statement = text
    if _BARE_REPLY.match(text):
        question_text = " ".join(clean(question).split())
        statement = f"{question_text} — {text}" if question_text else text
    draft = RuleDraft(statement=statement)
    for sentence in _sentences(text):
        shape = _structure(sentence.rstrip(".!?"))
        if shape is None:
            continue
        when, then, unless = shape
        if not draft.when and not draft.then:
            draft.when, draft.then = when, then
            draft.unless.extend((c, a) for c, a in unless if c)
        else:
            # a later sentence adds exceptions, never a second main rule
            draft.unless.extend((c, a) for c, a in unless if c)
    frequency = _FREQUENCY.search(text)
    if frequency:
        draft.frequency = _part(frequency.group(0))
    owner = _OWNER.search(text)
    if owner:
        found = next(v for v in owner.groupdict().values() if v)
        draft.owner = _part(found)
    return draft
