"""Absence questions ("who covers when X is out"): one per person, none once the cover is said.

Several cues ask who stands in for someone, each in its own words; two of them about the
same person are one question asked twice. And when the operator already said who covers
("When Nadia is away, Tom signs them off"), asking it again tells them nobody listened.
"""

from __future__ import annotations

import re

from tacit.question_engine.types import Suggestion

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


# where a session says someone is away and what happens then, or who covers for someone:
# found in one pass over the session, then matched against each person asked about
_COVER_SAID = re.compile(
    rf"\b(?:when|if|while|whilst|whenever|unless)\s+(?P<gone>[^,.;:!?\n]{{1,40}}?)"
    rf"(?:\s+(?:is|are|goes|gets)|\s*'s)\s+(?:\w+\s+)?{_GONE}\s*,?\s+"
    r"(?!(?:who|what|nobody knows)\b)\w"
    r"|\b(?:covers?|covering|stands?\s+in|deputi[sz]es)\s+for\s+(?P<covered>[^,.;:!?\n]{1,40})"
    r"|(?P<owner>[^,.;:!?\n]{1,40}?)'s\s+(?:deputy|backup|back-up|cover|stand-in|absence)\b"
    # one of a pool: "whoever's free, usually Rhys", "the rota decides, this week that's
    # Bronwen" — whoever else is free or on the rota covers
    r"|\bwhoever\b[^.;:!?\n]{0,60}?\b(?:usually|normally|mostly|often|typically|generally"
    r"|currently|that's|that is|it's)\s+(?:that's\s+|it's\s+)?(?P<pool>(?-i:[A-Z][a-z]+))"
    r"|\b(?:rota|roster|on[- ]call|turns)\b[^.;:!?\n]{0,60}?\b(?:this week|this month|today"
    r"|tonight|currently|at the moment)\s*,?\s+(?:that's|it's|is)\s+(?P<rota>(?-i:[A-Z][a-z]+))",
    re.IGNORECASE,
)
_PRONOUN = frozenset(["she", "he", "they"])
_UNLESS = re.compile(r"unless\b", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"(?-i:\b([A-Z][a-z]+))(?=[^A-Z]*$)")


# the pattern above backtracks at every "when"/"if" of a long session: it is run only on
# the sentences that hold a word it needs (a 20,000-word session: 115 ms -> a few ms)
_PIECES = re.compile(r"(?<=[.!?;])\s+|\n")
_COVER_HINT = re.compile(
    r"\b(?:whoever|rota|roster|on[- ]call|turns"
    r"|away|out|off|on leave|holiday|vacation|sick|ill|absent|unavailable|not in"
    r"|not around|not there|break|busy|swamped|cover\w*|stands?\s+in|deputi[sz]es|deputy"
    r"|backup|back-up|stand-in|absence)\b",
    re.IGNORECASE,
)


def covers_said(text: str) -> list[tuple[str, str]]:
    """(how, who) for each place text says who covers someone: "gone" ("when Nadia is
    away, Tom …"), "covered" ("Tom covers for Nadia"), "owner" ("Nadia's deputy", "in the
    controller's absence"), "pool" ("whoever's free, usually Rhys"), "rota" ("this week
    that's Bronwen"); who in lower case, a pronoun read as the name said last before it."""
    found = []
    pieces = (piece for piece in _PIECES.split(text) if _COVER_HINT.search(piece))
    for piece in pieces:
        for match in _COVER_SAID.finditer(piece):
            how = match.lastgroup or ""
            who = _DETERMINER.sub("", match.group(how).strip()).lower()
            if how == "gone" and who in _PRONOUN and _UNLESS.match(match.group()):
                # "Nadia drives unless she's on a break, then it's …": the fallback is said
                # ("Lewis, if he's off the theatres get done last" says only what waits)
                named = _NAME_BEFORE.search(piece, 0, match.start())
                who = named.group(1).lower() if named else who
            found.append((how, who))
    return found


def cover_said(subject: str, said: list[tuple[str, str]]) -> bool:
    """Whether subject is among those `said` (covers_said) to be covered."""
    return any(
        (how in ("gone", "pool", "rota") and who == subject)
        or (how == "covered" and (who + " ").startswith(subject + " "))
        or (how == "owner" and (" " + who).endswith(" " + subject))
        for how, who in said
    )


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


def head_of_another(subject: str, others: list[str]) -> bool:
    """Whether subject is the head of a longer title also asked about: "the Director" after
    "the Director of Maintenance" or "the maintenance director" is the same person."""
    return any(
        other.startswith(subject + " of ") or other.endswith(" " + subject) for other in others
    )


def absences(pool: list[tuple[int, Suggestion]], said: str) -> dict[str, bool]:
    """For each person an absence question of the pool is about, which wording may ask it:
    the specific one where the pool has it (True), else the general one (False); nobody
    whose cover the session already said."""
    wanted: dict[str, bool] = {}
    for _, suggestion in pool:
        subject, specific = absence_subject(suggestion.text)
        if subject:
            wanted[subject] = wanted.get(subject, False) or specific
    pairs = same_people(said) if wanted else set()
    covered = covers_said(said) if wanted else []
    for subject in list(wanted):
        others = [other for other in wanted if other != subject]
        if (
            cover_said(subject, covered)
            or any((subject, other) in pairs for other in others)
            or head_of_another(subject, others)
        ):
            del wanted[subject]  # the role beside its holder's name, or a title's head
    return wanted
