"""The offline question engine: cue-driven questions that name what the operator said.

No network, no model: the question bank (prompts/bank/*.toml plus the user's banks)
says which phrases to notice and what to ask about them. Engines on the same banks
share the compiled bank and a few session caches behind locks, so they are cheap to
build per call and safe to use from worker threads.
"""

from __future__ import annotations

import re
import threading
import zlib
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from tacit.models.config import EngineConfig
from tacit.models.taxonomy import CATEGORY_IDS
from tacit.question_engine.bank import Bank, BankKey, Cue, bank_key, load_bank, placeholders
from tacit.question_engine.coverage import (
    MIN_SEGMENTS_FOR_COVERAGE,
    SessionProfile,
    coverage_questions,
)
from tacit.question_engine.memory import SessionMemory, rank_diverse
from tacit.question_engine.probe import salient_term
from tacit.question_engine.text import (
    STOPWORDS,
    clean,
    content_stems,
    same_question,
    sentence_around,
    sentence_spans,
    trim_phrase,
)
from tacit.question_engine.types import SessionContext, Suggestion

SOURCE = "offline"
COVERAGE_SCORE = 0.3
PROBE_SCORE = 0.35
PROBE_BELOW = 2  # probe a segment's main term when it raised fewer cue questions than this
MAX_MATCHES_PER_CUE = 3
CATEGORY_DECAY = 0.55  # each further pick of a category counts for this much less
SAME_QUOTE_DECAY = 0.8
_LEADING_DETERMINER = re.compile(r"^(?:The|A|An|Our|Their|My|This|That) ")
_FIRST_PERSON = re.compile(r"I(?:\b|')")
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_ARTICLES = ("the ", "a ", "an ", "our ", "their ", "my ")


@dataclass(frozen=True, slots=True)
class _Candidate:
    text: str
    category: str
    quote: str
    score: float
    key: tuple[str, frozenset[str]]
    variants: tuple[str, ...]
    family: str
    thing: str


Facts = tuple[tuple[str, ...], tuple[str, ...]]


def _triggered_sentences(cue: Cue, lowered: str, starts: list[int]) -> list[int]:
    """Indexes of the sentences (by start offset) where one of the cue's triggers occurs."""
    hit: set[int] = set()
    for trigger in cue.triggers:
        position = lowered.find(trigger)
        while position >= 0:
            hit.add(bisect_right(starts, position) - 1)
            position = lowered.find(trigger, position + 1)
    return sorted(hit)


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?\n"


class _Shared:
    """What every engine on the same banks shares: compiled bank and session caches.

    Callers often build a new OfflineEngine per call; sharing this keeps them fast.
    """

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.slots: dict[str, list[tuple[str, frozenset[str]]]] = {
            cue.id: [(t, frozenset(placeholders(t))) for t in cue.templates] for cue in bank.cues
        }
        self.template_stems = frozenset(content_stems(" ".join(bank.template_words())))
        self.facts: dict[str, Facts] = {}
        self.last_profile: tuple[tuple[str, ...], SessionProfile] = ((), SessionProfile())
        self.last_memory: tuple[list[str], SessionMemory] = ([], SessionMemory(self.template_stems))
        self.lock = threading.Lock()
        self.session_lock = threading.Lock()


_SHARED: dict[BankKey, _Shared] = {}
_SHARED_LOCK = threading.Lock()


def _shared_for(banks: Sequence[str]) -> _Shared:
    bank = load_bank(banks)
    key = bank_key(banks)
    with _SHARED_LOCK:
        shared = _SHARED.get(key)
        if shared is None or shared.bank is not bank:
            shared = _SHARED[key] = _Shared(bank)
        return shared


class OfflineEngine:
    """Suggests clarification questions from the question bank, with no network."""

    name = SOURCE

    def __init__(self, config: EngineConfig | None = None) -> None:
        self.config = config or EngineConfig()
        self.max_suggestions = max(1, self.config.max_suggestions)
        shared = _shared_for(self.config.banks)
        self.bank: Bank = shared.bank
        self._shared = shared
        self._slots = shared.slots
        self._template_stems = shared.template_stems
        self._facts = shared.facts
        self._lock = shared.lock
        self._session_lock = shared.session_lock

    # --- public API -----------------------------------------------------------------

    def suggest(self, segment: str, context: SessionContext) -> list[Suggestion]:
        """Ranked questions for a new segment, best first, never repeating the session's."""
        with self._session_lock:  # the session caches below are shared by callers
            memory = self._memory_for(context.known_questions)
            return self._suggest(
                segment,
                len(context.segments),
                lambda: self._profile_for(context.segments),
                memory,
                set(context.touched_categories),
                context.workflow,
            )

    def analyse_session(self, segments: Sequence[str], workflow: str = "") -> list[Suggestion]:
        """Re-analyse a whole transcript: every segment in order, ranked overall, no repeats."""
        profile = SessionProfile()
        memory = SessionMemory(self._template_stems)
        touched: set[str] = set()
        found: list[Suggestion] = []
        for index, segment in enumerate(segments):
            suggestions = self._suggest(segment, index, lambda: profile, memory, touched, workflow)
            for suggestion in suggestions:
                memory.add(suggestion.text)
                touched.add(suggestion.category)
            found.extend(suggestions)
            profile.add_text(segment)
            profile.add_facts(*self._facts_of(segment))
        return rank_diverse(found)

    # --- internals ------------------------------------------------------------------

    def _suggest(
        self,
        segment: str,
        earlier: int,
        profile: Callable[[], SessionProfile],
        memory: SessionMemory,
        touched: set[str],
        workflow: str,
    ) -> list[Suggestion]:
        """The new segment's questions; `earlier` segments came before it in the session."""
        text = clean(segment)
        if not text:
            return []
        candidates = self._candidates(text)
        self._remember_facts(segment, candidates)
        picked = self._pick(candidates, memory)
        result = [Suggestion(c.text, c.category, c.quote, SOURCE, c.score) for c in picked]
        if len(result) < min(PROBE_BELOW, self.max_suggestions):
            result.extend(self._probe(text, memory, result))
        if earlier + 1 >= MIN_SEGMENTS_FOR_COVERAGE and len(result) < self.max_suggestions:
            untouched = set(CATEGORY_IDS) - touched - {s.category for s in result}
            slots = profile().slots(workflow) if untouched else {}
            for category, wordings in coverage_questions(self.bank.coverage, untouched, slots):
                question = wordings[0]
                fingerprint = memory.fingerprint(question)
                if not any(map(memory.knows, wordings)) and not any(
                    same_question(fingerprint, memory.fingerprint(s.text)) for s in result
                ):
                    result.append(Suggestion(question, category, "", SOURCE, COVERAGE_SCORE))
                    break
        return result

    def _probe(
        self, text: str, memory: SessionMemory, result: list[Suggestion]
    ) -> list[Suggestion]:
        """At most one question about the segment's main term, if the session lacks it."""
        term, position = salient_term(text)
        if not term:
            return []
        quote = sentence_around(text, position, position + len(term))
        for template in self.bank.probes:
            question = template.template.format(term=term)
            fingerprint = memory.fingerprint(question)
            if not memory.knows(question) and not any(
                same_question(fingerprint, memory.fingerprint(s.text)) for s in result
            ):
                return [Suggestion(question, template.category, quote, SOURCE, PROBE_SCORE)]
        return []

    def _candidates(self, text: str) -> list[_Candidate]:
        """Every cue match, sentence by sentence; a cue runs only where its triggers occur."""
        found: list[_Candidate] = []
        matchable = text.translate(_TYPOGRAPHIC)  # same length, so offsets still fit text
        spans = sentence_spans(matchable)
        starts = [offset for offset, _ in spans]
        lowered = matchable.lower()
        everywhere = range(len(spans))
        for cue in self.bank.cues:
            where = _triggered_sentences(cue, lowered, starts) if cue.triggers else everywhere
            matches = 0
            for index in where:
                offset, sentence = spans[index]
                for match in cue.pattern.finditer(sentence):
                    span = match.span("thing") if "thing" in cue.pattern.groupindex else (-1, -1)
                    if span[0] < 0:
                        span = match.span()
                    candidate = self._candidate(
                        cue,
                        sentence,
                        span[0],
                        span[1],
                        match.groupdict(),
                        offset,
                        text[offset : offset + len(sentence)],
                    )
                    if candidate is not None:
                        found.append(candidate)
                        matches += 1
                        if matches >= MAX_MATCHES_PER_CUE:
                            break
                if matches >= MAX_MATCHES_PER_CUE:
                    break
        return found

    def _candidate(
        self,
        cue: Cue,
        text: str,
        start: int,
        end: int,
        groups: dict[str, str | None],
        offset: int,
        original: str,
    ) -> _Candidate | None:
        """A question from one match in sentence `text` (`original`: as the operator wrote it)."""
        values: dict[str, str] = {}
        for name, raw in groups.items():
            if raw:
                if name == "thing":
                    value = _LEADING_DETERMINER.sub(
                        lambda m: m.group(0).lower(),
                        trim_phrase(clean(raw), cue.max_words, cue.keep_commas),
                    )
                else:
                    value = clean(raw).strip(" ,;:'\"").lower()
                if value:
                    values[name] = value
        thing = values.get("thing", "")
        if (
            thing
            and cue.pattern.flags & re.IGNORECASE
            and not cue.keep_case
            and _starts_sentence(text, start)
            and not _FIRST_PERSON.match(thing)
        ):
            thing = values["thing"] = thing[0].lower() + thing[1:]
        if "thing" in cue.pattern.groupindex:
            if thing.lower() in STOPWORDS:  # e.g. a hedge followed by a bare "do"
                return None
            bare = thing.lower()
            for article in _ARTICLES:
                bare = bare.removeprefix(article)
            if not thing or thing.lower() in cue.exclude or bare in cue.exclude:
                return None
        values["quote"] = (
            original.strip() if len(original) <= 240 else sentence_around(original, start, end)
        )
        variants = tuple(
            t.format(**values) for t, slots in self._slots[cue.id] if slots <= values.keys()
        )
        if not variants:
            return None
        chosen = variants[zlib.crc32(thing.lower().encode()) % len(variants)]
        specificity = 1.0 if thing else 0.85
        score = cue.weight * specificity - (offset + start) / 1_000_000
        key = (cue.family, content_stems(thing or values["quote"]))
        return _Candidate(
            chosen, cue.category, values["quote"], score, key, variants, cue.family, thing
        )

    def _pick(self, candidates: list[_Candidate], memory: SessionMemory) -> list[_Candidate]:
        """The best few, diverse across categories and quotes, never two alike."""
        pool = sorted(candidates, key=lambda c: -c.score)
        picked: list[_Candidate] = []
        per_category: dict[str, int] = defaultdict(int)
        per_quote: dict[str, int] = defaultdict(int)
        keys: set[tuple[str, frozenset[str]]] = set()
        while pool and len(picked) < self.max_suggestions:
            best = max(
                pool,
                key=lambda c: (
                    c.score
                    * CATEGORY_DECAY ** per_category[c.category]
                    * SAME_QUOTE_DECAY ** per_quote[c.quote]
                ),
            )
            pool.remove(best)
            fingerprint = memory.fingerprint(best.text)
            if (
                best.key in keys
                or any(map(memory.knows, best.variants))
                or any(same_question(fingerprint, memory.fingerprint(p.text)) for p in picked)
            ):
                continue
            picked.append(best)
            keys.add(best.key)
            per_category[best.category] += 1
            per_quote[best.quote] += 1
        return picked

    def _remember_facts(self, segment: str, candidates: Iterable[_Candidate]) -> Facts:
        systems = tuple(c.thing for c in candidates if c.family == "system" and c.thing)
        people = tuple(c.thing for c in candidates if c.family in ("person", "role") and c.thing)
        with self._lock:
            if len(self._facts) > 4096:
                self._facts.clear()
            self._facts[segment] = (systems, people)
        return systems, people

    def _facts_of(self, segment: str) -> Facts:
        """Systems and people/roles a segment names (cached: sessions re-send old segments)."""
        with self._lock:
            cached = self._facts.get(segment)
        if cached is not None:
            return cached
        return self._remember_facts(segment, self._candidates(clean(segment)))

    def _memory_for(self, known: list[str]) -> SessionMemory:
        """Known questions, indexed; extends the last index when the list only grew."""
        last_known, memory = self._shared.last_memory
        if len(known) >= len(last_known) and known[: len(last_known)] == last_known:
            for question in known[len(last_known) :]:
                memory.add(question)
        else:
            memory = SessionMemory(self._template_stems, known)
        self._shared.last_memory = (list(known), memory)
        return memory

    def _profile_for(self, segments: Sequence[str]) -> SessionProfile:
        """The profile of a session's earlier segments, extended from the last one built."""
        key = tuple(segments)
        with self._lock:
            last_key, last = self._shared.last_profile
        if key == last_key:
            return last
        if last_key and key[: len(last_key)] == last_key:
            profile, new = last.copy(), key[len(last_key) :]
        else:
            profile, new = SessionProfile(), key
        for segment in new:
            profile.add_text(segment)
            profile.add_facts(*self._facts_of(segment))
        with self._lock:
            self._shared.last_profile = (key, profile)
        return profile
