"""Rule-set checks: is what the pair captured ready to hand to an agent build?

Each finding names the records it is about by id, so a pipeline (`tacit check`,
exit 1 when anything is found) and the app's readiness line say the same thing.
Only accepted rules are checked: they are what ships.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from tacit.models.domain import Decision, Example, Question, Rule
from tacit.models.safe_text import one_line

_WORD = re.compile(r"[a-z0-9$%]+")
_FILLER_WORDS = "a an the is are be it its of to for in on at by and or with when if that this then"
_FILLER = frozenset(_FILLER_WORDS.split())
OVERLAP = 0.5  # share of content words two conditions must have in common to overlap


@dataclass(frozen=True, slots=True)
class Finding:
    """One reason the rules are not ready, about the records named by ids."""

    code: str
    ids: tuple[str, ...]
    message: str

    def line(self) -> str:
        """One line: code, ids, what is wrong."""
        return f"{self.code}  {' '.join(self.ids)}  {self.message}"


def _quote(text: str, width: int = 60) -> str:
    text = one_line(text)
    return f'"{text if len(text) <= width else text[: width - 1] + "…"}"'


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _FILLER)


def conditions_overlap(first: str, second: str) -> bool:
    """The same situation in other words: one condition's content words contain the
    other's, or they share at least half of them."""
    a, b = _words(first), _words(second)
    if not a or not b:
        return False
    return a <= b or b <= a or len(a & b) / len(a | b) >= OVERLAP


def _precedence_stated(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """One rule carves the other's situation out as an exception."""
    return any(
        conditions_overlap(clause["condition"], other["when"])
        for rule, other in ((first, second), (second, first))
        for clause in rule["unless"]
    )


def _conflicts(rules: list[dict[str, Any]]) -> list[Finding]:
    found = []
    for first, second in combinations(rules, 2):
        if not conditions_overlap(first["when"], second["when"]):
            continue
        if _words(first["then"]) == _words(second["then"]) or _precedence_stated(first, second):
            continue
        found.append(
            Finding(
                "conflict",
                (first["id"], second["id"]),
                f"when {_quote(first['when'], 40)} / {_quote(second['when'], 40)}: "
                "overlapping conditions, different outcomes, no stated precedence",
            )
        )
    return found


def _rule_findings(rule: dict[str, Any], open_questions: list[dict[str, Any]]) -> list[Finding]:
    rid, name = rule["id"], _quote(rule["statement"])
    examples = [Example.coerce(e) for e in rule["examples"]]
    found = []
    if not examples:
        found.append(Finding("no-example", (rid,), f"{name} has no example (not yet understood)"))
    for index, clause in enumerate(rule["unless"]):
        label = f"unless {index + 1} {_quote(clause['condition'], 40)}"
        if not clause["then"].strip():
            found.append(Finding("exception-without-outcome", (rid,), f"{label} has no outcome"))
        if examples and not any(e.clause == index for e in examples):
            found.append(Finding("exception-without-example", (rid,), f"{label} has no example"))
    for number, example in enumerate(examples, start=1):
        if example.clause is not None and example.clause >= len(rule["unless"]):
            found.append(
                Finding(
                    "example-without-clause", (rid,), f"example {number} is for a missing exception"
                )
            )
        elif not example.outcome.strip():
            found.append(
                Finding(
                    "example-without-outcome",
                    (rid,),
                    f"example {number} {_quote(example.scenario, 40)} has no expected outcome",
                )
            )
    for question in open_questions:
        linked = question["id"] == rule["question_id"] or (
            question["segment_id"] is not None and question["segment_id"] in rule["segment_ids"]
        )
        if linked:
            found.append(
                Finding(
                    "open-question",
                    (rid, question["id"]),
                    f"accepted rule has an open question: {_quote(question['text'])}",
                )
            )
    return found


def check_document(doc: dict[str, Any]) -> list[Finding]:
    """Every finding for an export document (accepted rules, open questions, decisions)."""
    rules = [r for r in doc["rules"] if r["status"] == "accepted"]
    found: list[Finding] = []
    if not rules:
        ids = tuple(s["id"] for s in doc["sessions"])
        found.append(Finding("no-accepted-rules", ids, "nothing accepted by both sides yet"))
    found += _conflicts(rules)
    for rule in rules:
        found += _rule_findings(rule, doc["open_questions"])
    for decision in doc["decisions"]:
        if not decision["choice"].strip():
            found.append(
                Finding(
                    "decision-without-choice",
                    (decision["id"],),
                    f"{_quote(decision['topic'])} is not decided",
                )
            )
    return found


def check_records(
    rules: Iterable[Rule], questions: Iterable[Question], decisions: Iterable[Decision]
) -> list[Finding]:
    """The same checks on one session's records as the app holds them."""
    doc = {
        "sessions": [],
        "rules": [r.to_dict() for r in rules if r.status == "accepted"],
        "open_questions": [q.to_dict() for q in questions if q.status == "parked"],
        "decisions": [d.to_dict() for d in decisions],
    }
    return check_document(doc)


def readiness(findings: list[Finding]) -> str:
    """A short verdict: 'ready' or 'not ready: 3 to fix'."""
    return "ready" if not findings else f"not ready: {len(findings)} to fix"
