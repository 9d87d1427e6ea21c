"""The offline question engine: cue-driven questions that name what the operator said.

No network, no model: the question bank (prompts/bank/*.toml plus the user's banks)
says which phrases to notice and what to ask about them. An engine instance is
immutable after construction apart from a small locked cache, so one instance can
serve a worker thread while another thread drafts rules.
"""

from __future__ import annotations

import re
import threading
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from models.config import EngineConfig
from models.taxonomy import CATEGORY_IDS
from question_engine.bank import Bank, Cue, load_bank, placeholders
from question_engine.coverage import (
    MIN_SEGMENTS_FOR_COVERAGE,
    SessionProfile,
    coverage_questions,
)
from question_engine.text import (
    clean,
    content_stems,
    normalise,
    same_question,
    sentence_around,
    trim_phrase,
)
from question_engine.types import SessionContext, Suggestion

SOURCE = "offline"
COVERAGE_SCORE = 0.3
MAX_MATCHES_PER_CUE = 3
CATEGORY_DECAY = 0.55  # each further pick of a category counts for this much less
SAME_QUOTE_DECAY = 0.8
SESSION_CATEGORY_DECAY = 0.8  # the same, when ranking a whole transcript
_LEADING_DETERMINER = re.compile(r"^(?:The|A|An|Our|Their|My|This|That) ")
_ARTICLES = ("the ", "a ", "an ", "our ", "their ", "my ")


@dataclass(frozen=True, slots=True)
class _Candidate:
    text: str
    category: str
    quote: str
    score: float
    key: tuple[str, frozenset[str]]
    variants: tuple[str, ...]


Fingerprint = tuple[frozenset[str], frozenset[str]]


class _Memory:
    """Questions the session already has, indexed for fast near-duplicate checks."""

    def __init__(self, template_stems: frozenset[str], questions: Iterable[str] = ()) -> None:
        self._template_stems = template_stems
        self._exact: set[str] = set()
        self._prints: list[Fingerprint] = []
        self._index: dict[str, list[int]] = defaultdict(list)
        for question in questions:
            self.add(question)

    def fingerprint(self, question: str) -> Fingerprint:
        """(content stems, stems named from the narrative) of a question."""
        full = content_stems(question)
        return full, full - self._template_stems

    def add(self, question: str) -> None:
        self._exact.add(normalise(question))
        fingerprint = self.fingerprint(question)
        position = len(self._prints)
        self._prints.append(fingerprint)
        for item in fingerprint[0]:
            self._index[item].append(position)

    def knows(self, question: str) -> bool:
        """True when question, or one saying the same thing, is already known."""
        if normalise(question) in self._exact:
            return True
        fingerprint = self.fingerprint(question)
        seen: set[int] = set()
        for item in fingerprint[0]:
            for position in self._index.get(item, ()):
                if position not in seen:
                    seen.add(position)
                    if same_question(fingerprint, self._prints[position]):
                        return True
        return False


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?\n"


def rank_diverse(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """Best first, but each further question of a category counts for a bit less."""
    pool = sorted(suggestions, key=lambda s: -s.score)
    ranked: list[Suggestion] = []
    per_category: dict[str, int] = defaultdict(int)
    while pool:
        best = max(pool, key=lambda s: s.score * SESSION_CATEGORY_DECAY ** per_category[s.category])
        pool.remove(best)
        ranked.append(best)
        per_category[best.category] += 1
    return ranked


class OfflineEngine:
    """Suggests clarification questions from the question bank, with no network."""

    name = SOURCE

    def __init__(self, config: EngineConfig | None = None) -> None:
        self.config = config or EngineConfig()
        self.max_suggestions = max(1, self.config.max_suggestions)
        self.bank: Bank = load_bank(self.config.banks)
        self._slots: dict[str, list[tuple[str, frozenset[str]]]] = {
            cue.id: [(t, frozenset(placeholders(t))) for t in cue.templates]
            for cue in self.bank.cues
        }
        self._template_stems = frozenset(content_stems(" ".join(self.bank.template_words())))
        self._facts: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._lock = threading.Lock()

    # --- public API -----------------------------------------------------------------

    def suggest(self, segment: str, context: SessionContext) -> list[Suggestion]:
        """Ranked questions for a new segment, best first, never repeating the session's."""
        profile = SessionProfile()
        for earlier in context.segments:
            profile.add_text(earlier)
            profile.add_facts(*self._facts_of(earlier))
        memory = _Memory(self._template_stems, context.known_questions)
        return self._suggest(segment, profile, memory, set(context.touched_categories),
                             context.workflow)

    def analyse_session(self, segments: Sequence[str], workflow: str = "") -> list[Suggestion]:
        """Re-analyse a whole transcript: every segment in order, ranked overall, no repeats."""
        profile = SessionProfile()
        memory = _Memory(self._template_stems)
        touched: set[str] = set()
        found: list[Suggestion] = []
        for segment in segments:
            suggestions = self._suggest(segment, profile, memory, touched, workflow)
            for suggestion in suggestions:
                memory.add(suggestion.text)
                touched.add(suggestion.category)
            found.extend(suggestions)
            profile.add_text(segment)
            profile.add_facts(*self._facts_of(segment))
        return rank_diverse(found)

    # --- internals ------------------------------------------------------------------

    def _suggest(self, segment: str, profile: SessionProfile, memory: _Memory,
                 touched: set[str], workflow: str) -> list[Suggestion]:
        text = clean(segment)
        if not text:
            return []
        candidates = [c for c in self._candidates(text) if not any(map(memory.knows, c.variants))]
        picked = self._pick(candidates, memory)
        result = [Suggestion(c.text, c.category, c.quote, SOURCE, c.score) for c in picked]
        if profile.segments + 1 >= MIN_SEGMENTS_FOR_COVERAGE and len(result) < self.max_suggestions:
            untouched = set(CATEGORY_IDS) - touched - {s.category for s in result}
            for category, question in coverage_questions(
                self.bank.coverage, untouched, profile.slots(workflow)
            ):
                fingerprint = memory.fingerprint(question)
                if not memory.knows(question) and not any(
                    same_question(fingerprint, memory.fingerprint(s.text)) for s in result
                ):
                    result.append(Suggestion(question, category, "", SOURCE, COVERAGE_SCORE))
                    break
        return result

    def _candidates(self, text: str) -> list[_Candidate]:
        found: list[_Candidate] = []
        for cue in self.bank.cues:
            for count, match in enumerate(cue.pattern.finditer(text)):
                if count >= MAX_MATCHES_PER_CUE:
                    break
                span = match.span("thing") if "thing" in cue.pattern.groupindex else (-1, -1)
                if span[0] < 0:
                    span = match.span()
                candidate = self._candidate(cue, text, span[0], span[1], match.groupdict())
                if candidate is not None:
                    found.append(candidate)
        return found

    def _candidate(self, cue: Cue, text: str, start: int, end: int,
                   groups: dict[str, str | None]) -> _Candidate | None:
        values: dict[str, str] = {}
        for name, raw in groups.items():
            if raw:
                if name == "thing":
                    value = _LEADING_DETERMINER.sub(lambda m: m.group(0).lower(), trim_phrase(
                        clean(raw), cue.max_words, cue.keep_commas))
                else:
                    value = clean(raw).strip(" ,;:'\"").lower()
                if value:
                    values[name] = value
        thing = values.get("thing", "")
        if thing and cue.pattern.flags & re.IGNORECASE and _starts_sentence(text, start):
            thing = values["thing"] = thing[0].lower() + thing[1:]
        if "thing" in cue.pattern.groupindex:
            bare = thing.lower()
            for article in _ARTICLES:
                bare = bare.removeprefix(article)
            if not thing or thing.lower() in cue.exclude or bare in cue.exclude:
                return None
        values["quote"] = sentence_around(text, start, end)
        variants = tuple(t.format(**values) for t, slots in self._slots[cue.id]
                         if slots <= values.keys())
        if not variants:
            return None
        chosen = variants[zlib.crc32(thing.lower().encode()) % len(variants)]
        specificity = 1.0 if thing else 0.85
        score = cue.weight * specificity - start / 1_000_000
        key = (cue.family, content_stems(thing or values["quote"]))
        return _Candidate(chosen, cue.category, values["quote"], score, key, variants)

    def _pick(self, candidates: list[_Candidate], memory: _Memory) -> list[_Candidate]:
        """The best few, diverse across categories and quotes, never two alike."""
        pool = sorted(candidates, key=lambda c: -c.score)
        picked: list[_Candidate] = []
        per_category: dict[str, int] = defaultdict(int)
        per_quote: dict[str, int] = defaultdict(int)
        keys: set[tuple[str, frozenset[str]]] = set()
        while pool and len(picked) < self.max_suggestions:
            best = max(pool, key=lambda c: c.score * CATEGORY_DECAY ** per_category[c.category]
                       * SAME_QUOTE_DECAY ** per_quote[c.quote])
            pool.remove(best)
            fingerprint = memory.fingerprint(best.text)
            if best.key in keys or any(
                same_question(fingerprint, memory.fingerprint(p.text)) for p in picked
            ):
                continue
            picked.append(best)
            keys.add(best.key)
            per_category[best.category] += 1
            per_quote[best.quote] += 1
        return picked

    def _facts_of(self, segment: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Systems and people/roles a segment names (cached: sessions re-send old segments)."""
        with self._lock:
            cached = self._facts.get(segment)
        if cached is not None:
            return cached
        text = clean(segment)
        systems: list[str] = []
        people: list[str] = []
        for cue in self.bank.cues:
            if cue.family not in ("system", "person", "role"):
                continue
            for match in cue.pattern.finditer(text):
                raw = match.groupdict().get("thing")
                value = trim_phrase(clean(raw), cue.max_words) if raw else ""
                if value and value.lower() not in cue.exclude:
                    (systems if cue.family == "system" else people).append(value)
        facts = (tuple(systems), tuple(people))
        with self._lock:
            if len(self._facts) > 4096:
                self._facts.clear()
            self._facts[segment] = facts
        return facts
