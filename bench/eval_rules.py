"""The stated rules the evaluation uses to call a question wrong, and the adversarial set.

A question in a top 10 is counted **wrong** when any of these holds (mechanical, so anyone
can re-run it; it under-counts wrong questions a person would reject, and over-counts
people the annotations never call people):
- W1 it asks whether a clause is "a hard rule or a preference" (wrong or generic 15/16 times
  in the independent review);
- W2 it shows transcript markup, cue timings or a speaker label ("00:00:20", "-->", "<v",
  "Operator:");
- W3 it treats a capitalised word as a person ("when X is out", "covers X's work", "X is
  away", "on leave") and no gap annotation does ("when X is …", "X's …", "Dr X", "X decides",
  "X knows" …);
- W4 a slot is a fragment: two function words glued ("when once", "about must"), or a
  quoted slot starts with "once", "and", "but", "or", "then", "so", "also", "until", or is a
  single function word ("must", "it").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PERSON_PHRASES = (
    r"\b{x}(?:'s)? (?:is|are) (?:out|away|off|on leave|unavailable|sick|not there)",
    r"\bcovers? {x}'s\b",
    r"\b{x}'s (?:work|accounts|calls|patients)\b",
    r"\bstands? in for {x}\b",
)
_MARKUP = re.compile(
    r"\d\d:\d\d(?::\d\d)?|-->|</?v\b|</?[bi]>|\[/?(?:bold|b|i|link)\b|WEBVTT|"
    r"\b(?:Operator|Engineer|Interviewer|Interviewee|Speaker \d+):",
    re.IGNORECASE,
)
_FRAGMENT_START = frozenset(["once", "and", "but", "or", "then", "so", "also", "until"])
_FUNCTION_WORDS = frozenset(
    [
        "must",
        "should",
        "can",
        "could",
        "will",
        "would",
        "may",
        "might",
        "do",
        "does",
        "it",
        "this",
        "that",
    ]
)
_GLUED = re.compile(r"\b(?:when|if|to|by|of|about) (?:once|until|then|and|but|when|if|must)\b")
_QUOTED = re.compile(r"[\"“]([^\"”]+)[\"”]|'([^']{2,})'")
_ANNOTATED_PERSON = re.compile(
    r"\b(?:when (?:Dr |Mr |Ms |Mrs )?([A-Z]\w+) is\b|(?:Dr|Mr|Ms|Mrs) ([A-Z]\w+)|"
    r"([A-Z]\w+)'s\b|([A-Z]\w+) (?:is (?:out|away|off|unavailable)|decides|knows|handles|"
    r"signs|negotiates|takes|chooses|phones|looks|checks|approves))"
)


def annotated_people(narrative: dict[str, Any]) -> set[str]:
    """Words the annotator treats as people ("who covers … when Janet is out")."""
    found = set()
    for gap in narrative.get("gap", []):
        for groups in _ANNOTATED_PERSON.findall(gap["thing"]):
            found.update(g.lower() for g in groups if g)
    return found


def treats_as_person(question: str, word: str) -> bool:
    """True when the question uses word with a person phrase."""
    x = re.escape(word)
    return any(re.search(p.format(x=x), question, re.IGNORECASE) for p in PERSON_PHRASES)


def _capitalised(text: str) -> set[str]:
    return set(re.findall(r"\b[A-Z][a-zA-Z]+\b", text))


def wrong_reason(question: str, narrative_text: str, people: set[str]) -> str:
    """Which stated rule (W1-W4) makes a question wrong, or '' when none does."""
    if "hard rule or a preference" in question.lower():
        return "W1"
    if _MARKUP.search(question):
        return "W2"
    for word in _capitalised(narrative_text) & _capitalised(question):
        if word.lower() not in people and treats_as_person(question, word):
            return "W3"
    if _GLUED.search(question):
        return "W4"
    for match in _QUOTED.finditer(question):
        quoted = (match.group(1) or match.group(2) or "").strip().lower().split()
        if quoted and (
            quoted[0] in _FRAGMENT_START
            or (quoted == [quoted[0]] and (quoted[0] in _FUNCTION_WORDS))
        ):
            return "W4"
    return ""


def load_adversarial(path: Path) -> list[dict[str, Any]]:
    """The adversarial cases."""
    return list(tomllib.loads(path.read_text(encoding="utf-8"))["case"])


def adversarial_failures(case: dict[str, Any], questions: Iterable[str]) -> list[str]:
    """Why the case fails (empty when it passes)."""
    failures: list[str] = []
    asked = list(questions)
    for question in asked:
        lowered = question.lower()
        if "hard rule or a preference" in lowered:
            failures.append(f"hard-rule-or-preference: {question}")
        if _MARKUP.search(question):
            failures.append(f"markup: {question}")
        for word in case.get("not_person", []):
            if treats_as_person(question, word):
                failures.append(f"{word} as a person: {question}")
        for text in case.get("forbid", []):
            if text.lower() in lowered:
                failures.append(f"forbidden {text!r}: {question}")
    for word in case.get("require", []):
        if not any(word.lower() in q.lower() for q in asked):
            failures.append(f"never asks about {word}")
    return failures
