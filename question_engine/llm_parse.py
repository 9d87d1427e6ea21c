"""Tolerant parsing of model output: JSON objects found as they complete, then validated.

Models wrap JSON in code fences, add prose, number their lines, return one object
per line or one object holding a list, and streams stop halfway. The scanner finds
every complete JSON object in the text so far, whatever surrounds it; validation
keeps only items that fit the taxonomy and quote the narrative for real.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

from tacit.models.safe_text import one_line
from tacit.models.taxonomy import is_category
from tacit.question_engine.llm_checks import model_question_problem
from tacit.question_engine.merge import content_words
from tacit.question_engine.slots import Lexicon
from tacit.question_engine.types import RuleDraft, Suggestion

MAX_QUESTION_CHARS = 300
MAX_QUOTE_CHARS = 240
_ESCAPE_SEQUENCE = re.compile(  # CSI (colours, cursor) and OSC (titles, links, clipboard)
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
)
_LIST_MARKER = re.compile(r"^(?:[-*•]|\d{1,2}[.)])\s+")
_SPACES = re.compile(r"\s+")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_QUOTE_MARKS = "\"'`“”‘’«» …."


class ObjectScanner:
    """Feed text as it streams; get each complete JSON object (dict) once.

    Objects nested in other objects are reported too, innermost first, so both
    JSON Lines and {"questions": [...]} yield their question objects as each one
    closes.
    """

    def __init__(self) -> None:
        self._buffer = ""
        self._position = 0
        self._starts: list[int] = []
        self._in_string = False
        self._escaped = False

    def feed(self, text: str) -> Iterator[dict[str, Any]]:
        """Objects completed by this piece of text, in the order they close."""
        self._buffer += text
        while self._position < len(self._buffer):
            char = self._buffer[self._position]
            self._position += 1
            if self._in_string:
                if self._escaped:
                    self._escaped = False
                elif char == "\\":
                    self._escaped = True
                elif char == '"':
                    self._in_string = False
            elif char == '"' and self._starts:
                self._in_string = True
            elif char == "{":
                self._starts.append(self._position - 1)
            elif char == "}" and self._starts:
                start = self._starts.pop()
                found = _load(self._buffer[start : self._position])
                if found is not None:
                    yield found


def _load(candidate: str) -> dict[str, Any] | None:
    try:
        value = json.loads(candidate)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def plain_text(value: object, limit: int) -> str:
    """A model-given string made safe to store and show: no escape sequences, control or
    bidi characters, one line, bounded."""
    if not isinstance(value, str):
        return ""
    return one_line(_ESCAPE_SEQUENCE.sub("", value))[:limit]


def _normalize(text: str) -> str:
    return _SPACES.sub(" ", text).strip().lower()


def anchor_quote(quote: str, question: str, narrative: Sequence[str]) -> str | None:
    """The quote if it occurs in the narrative; else the narrative sentence that best
    matches quote and question (repair); None when nothing in the narrative fits."""
    trimmed = quote.strip(_QUOTE_MARKS)
    haystacks = [_normalize(part) for part in narrative]
    if trimmed and any(_normalize(trimmed) in hay for hay in haystacks):
        return trimmed
    wanted = content_words(f"{quote} {question}")
    best, best_overlap = None, 0
    for part in narrative:
        for sentence in _SENTENCE.findall(part):
            overlap = len(wanted & content_words(sentence))
            if overlap > best_overlap:
                best, best_overlap = sentence.strip(), overlap
    return best[:MAX_QUOTE_CHARS] if best else None


def judge(
    item: dict[str, Any], narrative: Sequence[str], lexicon: Lexicon | None = None
) -> tuple[str, str, str] | str:
    """(question, category, quote) of an item fit to show, or why it is dropped.

    With a lexicon, the question also passes the offline engine's checks (llm_checks).
    """
    text = _LIST_MARKER.sub("", plain_text(item.get("question", item.get("text")), 1000))
    category = item.get("category")
    if not text:
        return "no question text"
    if len(text) > MAX_QUESTION_CHARS:
        return "too long"
    if "?" not in text:
        return "not a question"
    if not is_category(category):
        return "category outside the taxonomy"
    if lexicon is not None and (problem := model_question_problem(text, narrative, lexicon)):
        return problem
    quote = anchor_quote(plain_text(item.get("quote"), MAX_QUOTE_CHARS), text, narrative)
    if quote is None:
        return "quotes nothing in the narrative"
    return text, str(category), plain_text(quote, MAX_QUOTE_CHARS)


def to_suggestion(
    item: dict[str, Any],
    narrative: Sequence[str],
    source: str,
    rank: int,
    lexicon: Lexicon | None = None,
) -> Suggestion | None:
    """A validated Suggestion from one parsed item, or None when it does not fit (see judge)."""
    verdict = judge(item, narrative, lexicon)
    if isinstance(verdict, str):
        return None
    text, category, quote = verdict
    return Suggestion(
        text=text,
        category=category,
        quote=quote,
        source=source,
        score=round(max(0.1, 0.9 - 0.05 * rank), 4),
    )


def to_rule_draft(text: str) -> RuleDraft | None:
    """The first JSON object in text with a statement, as a RuleDraft; None otherwise."""
    for item in ObjectScanner().feed(text):
        statement = plain_text(item.get("statement"), 500)
        if not statement:
            continue
        unless: list[tuple[str, str]] = []
        raw_unless = item.get("unless")
        for entry in raw_unless if isinstance(raw_unless, list) else []:
            if isinstance(entry, dict):
                condition = plain_text(entry.get("condition", entry.get("when")), 300)
                then = plain_text(entry.get("then"), 300)
                if condition:
                    unless.append((condition, then))
        return RuleDraft(
            statement=statement,
            when=plain_text(item.get("when"), 300),
            then=plain_text(item.get("then"), 300),
            unless=unless,
            frequency=plain_text(item.get("frequency"), 120),
            owner=plain_text(item.get("owner"), 120),
        )
    return None
