"""Coach the interviewer: spot a known mistake in the engineer's own question.

Offline heuristics over cue data in `prompts/coaching.toml` (leading, double-barrelled,
asking for a solution, jargon the operator has not used, a closed yes/no question
where an open one is needed). One gentle one-line hint per segment, never a verdict:
the regexes are cheap (microseconds per segment) so the UI can call this on the
event loop. No Textual here; the capture screen decides where the hint shows.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tacit.question_engine.text import STOPWORDS

COACHING_FILE = Path(__file__).resolve().parent.parent / "prompts" / "coaching.toml"
KINDS = ("leading", "double", "solution", "jargon", "closed")
_QUESTION_SPLIT = re.compile(r"(?<=[?])\s+|(?<=[.!])\s+(?=[A-Z])")
_WH_START = re.compile(
    r"^(?:how|what|why|when|where|who|whom|which|whose|tell me|walk me)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Hint:
    """One mistake found in a question and the gentle line that names it."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class _Cues:
    hints: dict[str, str]
    fillers: re.Pattern[str]
    closed_start: re.Pattern[str]
    open_request: re.Pattern[str]
    catch_all: re.Pattern[str]
    confirmation: re.Pattern[str]
    choice: re.Pattern[str]
    leading: tuple[re.Pattern[str], ...]
    offered_answers: re.Pattern[str]
    joined: re.Pattern[str]
    conditional: re.Pattern[str]
    pointer: re.Pattern[str]
    solution: tuple[re.Pattern[str], ...]
    jargon: tuple[tuple[str, re.Pattern[str]], ...]


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _term_pattern(term: str) -> re.Pattern[str]:
    flags = 0 if any(c.isupper() for c in term) else re.IGNORECASE
    return re.compile(r"(?<![\w-])" + re.escape(term).replace(r"\ ", r"\s+") + r"(?![\w-])", flags)


@lru_cache(maxsize=4)
def load_cues(path: Path = COACHING_FILE) -> _Cues:
    """Read and compile the coaching cues (cached: the file is data shipped with tacit)."""
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    closed, double = data["closed"], data["double"]
    terms: list[str] = data["jargon"]["terms"]
    return _Cues(
        hints={kind: str(data["hints"][kind]) for kind in KINDS},
        fillers=_rx(data["fillers"]["pattern"]),
        closed_start=_rx(closed["start"]),
        open_request=_rx(closed["open_request"]),
        catch_all=_rx(closed["catch_all"]),
        confirmation=_rx(closed["confirmation"]),
        choice=_rx(closed["choice"]),
        leading=tuple(_rx(p) for p in data["leading"]["patterns"]),
        offered_answers=_rx(data["leading"]["offered_answers"]),
        joined=_rx(double["joined"]),
        conditional=_rx(double["conditional"]),
        pointer=_rx(double["pointer"]),
        solution=tuple(_rx(p) for p in data["solution"]["patterns"]),
        jargon=tuple((term, _term_pattern(term)) for term in terms),
    )


def _questions(text: str, cues: _Cues) -> list[str]:
    """The sentences of a segment that ask something, fillers stripped."""
    found = []
    for sentence in _QUESTION_SPLIT.split(" ".join(text.split())):
        bare = cues.fillers.sub("", sentence.strip()).strip()
        if bare.endswith("?") or _WH_START.match(bare) or cues.closed_start.match(bare):
            found.append(bare)
    return found


def _is_closed(question: str, cues: _Cues) -> bool:
    if not cues.closed_start.match(question):
        return False
    if cues.open_request.match(question) or cues.catch_all.match(question):
        return False
    return not (cues.confirmation.search(question) or cues.choice.search(question))


def _is_open(question: str, cues: _Cues) -> bool:
    return bool(_WH_START.match(question) or cues.open_request.match(question))


def _content_words(text: str) -> set[str]:
    """Four-letter stems of the words that carry meaning (to spot a rephrased question)."""
    return {w[:4] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in STOPWORDS}


def _separate_questions(questions: Sequence[str], cues: _Cues) -> int:
    """How many distinct questions: pointers and rephrasings of the one before don't count."""
    count = 0
    previous: set[str] = set()
    for question in questions:
        words = _content_words(question)
        if not question.endswith("?") or cues.pointer.match(question):
            continue
        rephrased = previous and len(words & previous) >= max(1, min(len(words), 4) // 2)
        if not rephrased:
            count += 1
        previous = words
    return count


def detect(text: str, operator_said: Iterable[str] = ()) -> list[Hint]:
    """Every mistake found in one engineer segment, most important first.

    `operator_said` is what the operator said earlier in the session: a technical
    term counts as jargon only if the operator has not used it themselves.
    """
    cues = load_cues()
    questions = _questions(text, cues)
    found: dict[str, str] = {}
    heard = " ".join(operator_said)
    for term, pattern in cues.jargon:
        if pattern.search(text) and not pattern.search(heard):
            found["jargon"] = cues.hints["jargon"].replace("{term}", term)
            break
    joined = " ".join(questions)
    closed = [q for q in questions if _is_closed(q, cues)]
    yes_no_form = [
        q for q in questions if cues.closed_start.match(q) and not cues.open_request.match(q)
    ]
    if any(p.search(joined) for p in cues.leading) or any(
        cues.offered_answers.search(q) for q in yes_no_form
    ):
        found["leading"] = cues.hints["leading"]
    if (
        _separate_questions(questions, cues) >= 2
        or any(cues.joined.search(q.rstrip("?")) and q.endswith("?") for q in questions)
        or cues.conditional.search(joined)
    ):
        found["double"] = cues.hints["double"]
    if any(p.search(joined) for p in cues.solution):
        found["solution"] = cues.hints["solution"]
    if closed and not any(_is_open(q, cues) for q in questions):
        found["closed"] = cues.hints["closed"]
    return [Hint(kind, found[kind]) for kind in KINDS if kind in found]


def coach(text: str, operator_said: Iterable[str] = ()) -> Hint | None:
    """The one hint worth showing for an engineer segment, or None."""
    hints = detect(text, operator_said)
    return hints[0] if hints else None
