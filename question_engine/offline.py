"""The offline question engine: cue-driven questions that name what the operator said.

No network, no model: the question bank (prompts/bank/*.toml plus the user's banks)
says which phrases to notice and what to ask about them. An engine holds the
compiled bank and nothing else; a session's state lives in an EngineSession
(question_engine/session.py) that whoever runs the session owns.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

from tacit.models.config import EngineConfig
from tacit.models.taxonomy import CATEGORY_IDS
from tacit.question_engine.answered import answered_by
from tacit.question_engine.bank import Bank, Cue, load_bank
from tacit.question_engine.bank_companion import placeholders
from tacit.question_engine.candidate import Candidate, facts_of
from tacit.question_engine.companions import Companions
from tacit.question_engine.coverage import (
    MIN_SEGMENTS_FOR_COVERAGE,
    SessionProfile,
    coverage_questions,
)
from tacit.question_engine.literals import CueGate, gate_for
from tacit.question_engine.memory import SessionMemory
from tacit.question_engine.probe import as_named, salient_term
from tacit.question_engine.ranker import Ranker, RankItem, load_ranker, rank_item
from tacit.question_engine.segment_pick import pick_diverse
from tacit.question_engine.session import EngineSession, Facts
from tacit.question_engine.short_turn import short_turn_questions
from tacit.question_engine.slot_fill import check_slots, fill, unanswered
from tacit.question_engine.slot_validity import SlotVerdict, checked_thing
from tacit.question_engine.slots import TEAM, Lexicon
from tacit.question_engine.specific import in_an_idiom, names_people, specific_question
from tacit.question_engine.text import (
    STOPWORDS,
    clause_before,
    clean,
    content_stems,
    cut_mid_word,
    lower_determiner,
    same_question,
    sentence_around,
    sentence_spans,
    starts_sentence,
    trim_phrase,
)
from tacit.question_engine.triggers import TriggerIndex
from tacit.question_engine.types import SessionContext, Suggestion

SOURCE = "offline"
COVERAGE_SCORE = 0.01  # generic (names nothing said): after the questions that do
PROBE_SCORE = 0.14
_SAID_OF_TERM = 24  # characters after a probe's term read as said of it ("the telemetry's dead")
FILLER_BELOW = 4  # in a pool of ten, probe only a segment with fewer cue questions than this
PROBE_BELOW = 2  # probe a segment's main term when it raised fewer cue questions than this
MAX_MATCHES_PER_CUE = 3
_FIRST_PERSON = re.compile(r"I(?:\b|')")
_TOKENS = re.compile(r"[a-z0-9]+")
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_ARTICLES = ("the ", "a ", "an ", "our ", "their ", "my ")
_IGNORECASE = int(re.IGNORECASE)  # an int: `flags & re.IGNORECASE` goes through enum.Flag


class OfflineEngine:
    """Suggests clarification questions from the question bank, with no network.

    It holds only the compiled bank: build one per process or session and keep it. The
    state of a session (what was said, asked and captured) lives in an EngineSession.
    """

    name = SOURCE

    def __init__(self, config: EngineConfig | None = None, ranker: Ranker | None = None) -> None:
        self.config = config or EngineConfig()
        self.ranker = load_ranker() if ranker is None else ranker
        self.max_suggestions = max(1, self.config.max_suggestions)
        self.bank: Bank = load_bank(self.config.banks)
        self._slots: dict[str, list[tuple[str, frozenset[str]]]] = {
            cue.id: [(t, frozenset(placeholders(t))) for t in cue.templates]
            for cue in self.bank.cues
        }
        self.template_stems = frozenset(content_stems(" ".join(self.bank.template_words())))
        self.lexicon = Lexicon.load()
        self._triggers = TriggerIndex(self.bank.cues)
        # a cue skips the sentences its pattern's literals show it cannot match; derived at
        # a cue's first run (reading 100 patterns costs ~50 ms), the same value by any thread
        self._gates: dict[int, CueGate | None] = {}
        self._companions = Companions(self.bank.companions, self.lexicon)

    # --- public API -----------------------------------------------------------------

    def suggest(self, segment: str, context: SessionContext) -> list[Suggestion]:
        """Ranked questions for a new segment, best first, never repeating the session's.

        Stateless: the session is rebuilt from context on every call. A caller that runs a
        session keeps an EngineSession instead, which holds that state between segments.
        """
        session = EngineSession(self, context.workflow)
        session.restore(context)
        return session.add_segment(segment)

    def lexicon_is_verb(self, word: str) -> bool:
        """Whether a word reads as a verb (no topic of its own)."""
        return self.lexicon.is_verb(word)

    def analyse_session(self, segments: Sequence[str], workflow: str = "") -> list[Suggestion]:
        """Re-analyse a whole transcript: every segment in order, ranked overall, no repeats."""
        session = EngineSession(self, workflow)
        for segment in segments:
            session.add_segment(segment)
        return session.ranked()

    def candidate_questions(
        self, segment: str, variants: bool = False, earlier: int = 0
    ) -> list[tuple[Suggestion, RankItem]]:
        """Every question the cues raise for a segment (companions; each wording when
        `variants`) and what the ranker read of it, before any pick, cap or de-duplication."""
        found = self._candidates(clean(segment)) if clean(segment) else []
        items = [rank_item(c) for c in found]
        scores = self.ranker.scores(items, earlier, clean(segment), self.lexicon.roles.__contains__)
        return [
            (Suggestion(wording, c.category, c.quote, SOURCE, score), item)
            for c, item, score in zip(found, items, scores, strict=True)
            for wording in (c.variants if variants else (c.text,))
        ]

    def segment_questions(
        self,
        segment: str,
        earlier: int,
        profile: SessionProfile,
        memory: SessionMemory,
        touched: set[str],
        workflow: str,
        limit: int | None = None,
    ) -> tuple[list[Suggestion], Facts]:
        """A new segment's questions and the systems and people it names.

        `earlier` segments came before it; profile, memory and touched describe the
        session so far (the caller owns them and adds the result itself). At most `limit`
        questions (default: the configured per-segment limit); 0 only reads the facts.
        """
        text = clean(segment)
        if not text:
            return [], ((), ())
        limit = self.max_suggestions if limit is None else limit
        candidates = self._candidates(text)
        if limit <= 0:
            return [], facts_of(candidates)
        if self.ranker.weights:  # a learned correction of the hand scores (ranker.py)
            items = [rank_item(c) for c in candidates]
            scores = self.ranker.scores(items, earlier, text, self.lexicon.roles.__contains__)
            candidates = [c._replace(score=s) for c, s in zip(candidates, scores, strict=True)]
        picked = pick_diverse(candidates, memory, limit)
        result = [Suggestion(c.text, c.category, c.quote, SOURCE, c.score) for c in picked]
        # a segment that raised questions of its own gets no filler probe ("What would a
        # newcomer need to know about the field"): fewer than ten beats filler
        pooling = limit > self.max_suggestions and len(result) < min(limit, FILLER_BELOW)
        if len(result) < min(PROBE_BELOW, limit) or pooling:
            result.extend(self._probe(text, memory, result))  # the pool always has one
        result.extend(short_turn_questions(text, memory, result, limit, self.lexicon))
        if earlier + 1 >= MIN_SEGMENTS_FOR_COVERAGE and len(result) < limit:
            result.extend(self._coverage(profile, memory, touched, workflow, result))
        return result, facts_of(candidates)

    # --- internals ------------------------------------------------------------------

    def _coverage(
        self,
        profile: SessionProfile,
        memory: SessionMemory,
        touched: set[str],
        workflow: str,
        result: list[Suggestion],
    ) -> list[Suggestion]:
        """At most one question for a category the session has not touched yet."""
        untouched = set(CATEGORY_IDS) - touched - {s.category for s in result}
        slots = profile.slots(workflow) if untouched else {}
        for category, wordings in coverage_questions(self.bank.coverage, untouched, slots):
            question = wordings[0]
            fingerprint = memory.fingerprint(question)
            if not any(map(memory.knows, wordings)) and not any(
                same_question(fingerprint, memory.fingerprint(s.text)) for s in result
            ):
                return [Suggestion(question, category, "", SOURCE, COVERAGE_SCORE)]
        return []

    def _probe(
        self, text: str, memory: SessionMemory, result: list[Suggestion]
    ) -> list[Suggestion]:
        """At most one question about the segment's main term, if the session lacks it."""
        term, position = salient_term(text)
        if not term or self.lexicon.is_verb(term):  # "You mentioned click" is no question
            return []
        if self.lexicon.names_person(
            text, term, position
        ):  # "… know about Hannah": ask of her work
            return []
        if term.split()[-1].lower() in self.lexicon.roles:
            return []  # "… know about the ride engineer": a role is asked of its work, not probed
        quote = sentence_around(text, position, position + len(term))
        if in_an_idiom(term, quote):  # "in my head": no "You mentioned the head"
            return []
        said = list(re.finditer(rf"\b{re.escape(term)}\b", text, re.IGNORECASE))
        said_of_term = [text[m.start() : m.end() + _SAID_OF_TERM] for m in said]
        # "the scale" where it was ever said with an article, not only where last said
        named = max((as_named(text, term, m.start()) for m in said), key=len, default=term)
        said_of = [t for t in self.bank.probes if t.when and any(map(t.when.search, said_of_term))]
        people = names_people(named, quote, self.lexicon.roles, self.lexicon.is_verb)
        specific = None if people else specific_question(named, quote)
        asks = [(t.template.format(term=named), t.category) for t in said_of]
        asks += [specific] if specific else []
        asks += [
            (t.template.format(term=named), t.category) for t in self.bank.probes if not t.when
        ]
        for question, category in asks:
            fingerprint = memory.fingerprint(question)
            if not memory.knows(question) and not any(
                same_question(fingerprint, memory.fingerprint(s.text)) for s in result
            ):
                return [Suggestion(question, category, quote, SOURCE, PROBE_SCORE)]
        return []

    def _candidates(self, text: str) -> list[Candidate]:
        """Every cue match, sentence by sentence; a cue runs only where its triggers occur."""
        found: list[Candidate] = []
        matchable = text.translate(_TYPOGRAPHIC)  # same length, so offsets still fit text
        spans = sentence_spans(matchable)
        starts = [offset for offset, _ in spans]
        triggered = self._triggers.sentences(matchable.lower(), starts)
        lowered = [sentence.lower() for _, sentence in spans]
        everywhere = range(len(spans))
        for number, cue in enumerate(self.bank.cues):
            where = triggered.get(number) if cue.triggers else everywhere
            if where is None:
                continue  # most cues: none of their triggers is said here
            matches = 0
            gate = self._gate(number, cue)
            for index in where:
                offset, sentence = spans[index]
                if gate is not None and not gate.admits(sentence, lowered[index]):
                    continue
                for match in cue.pattern.finditer(sentence):
                    span = match.span("thing") if "thing" in cue.pattern.groupindex else (-1, -1)
                    if span[0] < 0:
                        span = match.span()
                    candidates = self._candidate(
                        cue,
                        sentence,
                        span[0],
                        span[1],
                        match.groupdict(),
                        offset,
                        text[offset : offset + len(sentence)],
                    )
                    if candidates:
                        found.extend(candidates)
                        matches += 1
                        if matches >= MAX_MATCHES_PER_CUE:
                            break
                if matches >= MAX_MATCHES_PER_CUE:
                    break
        return found

    def _gate(self, number: int, cue: Cue) -> CueGate | None:
        if number not in self._gates:
            self._gates[number] = gate_for(cue.pattern)
        return self._gates[number]

    def _candidate(
        self,
        cue: Cue,
        text: str,
        start: int,
        end: int,
        groups: dict[str, str | None],
        offset: int,
        original: str,
    ) -> list[Candidate]:
        """The questions from one match in sentence `text` (`original`: as the operator
        wrote it): the cue's own, then its family's companions in other categories."""
        if groups.get("veto") or (cue.unless is not None and cue.unless.search(text)):
            return []  # the cue's words in a context that means something else
        values: dict[str, str] = {}
        truncated = False
        kinds = dict(cue.slots)
        for name, raw in groups.items():
            if raw and name != "veto":
                if name == "thing":
                    if cut_mid_word(text, end):  # a pattern's length limit: drop the stub
                        raw = raw[: raw.rstrip().rfind(" ") + 1] if " " in raw.strip() else ""
                        truncated = True  # and never quote what is left: it is a misquote
                    value = lower_determiner(
                        trim_phrase(clean(raw), cue.max_words, cue.keep_commas)
                    )
                elif name == "actor" or kinds.get(name) == "actor":  # "Meera", "the CFO"
                    value = lower_determiner(clean(raw).strip(" ,;:'\""))
                else:
                    value = clean(raw).strip(" ,;:'\"").lower()
                if value:
                    values[name] = value
        thing = values.get("thing", "")
        if (
            thing
            and cue.pattern.flags & _IGNORECASE
            and not cue.keep_case
            and starts_sentence(text, start)
            and not _FIRST_PERSON.match(thing)
            and not thing[1:2].isupper()  # an acronym ("GPS logs") keeps its capitals
        ):
            thing = values["thing"] = thing[0].lower() + thing[1:]
        if "thing" in cue.pattern.groupindex:
            if all(w in STOPWORDS for w in _TOKENS.findall(thing.lower())):
                return []  # only function words: a hedge followed by a bare "do" or "don't"
            bare = thing.lower()
            for article in _ARTICLES:
                bare = bare.removeprefix(article)
            if not thing or thing.lower() in cue.exclude or bare in cue.exclude:
                return []
            uses = [template for template, _ in self._slots[cue.id]]
            verb = kinds.get("thing") == "verb"
            thing, fit = checked_thing(thing, text, (start, end), uses, verb, values.get("op", ""))
            if fit is SlotVerdict.NONE:
                return []
            values["thing"] = thing
            truncated = truncated or fit is SlotVerdict.NO_QUOTE
        templates = self._slots[cue.id]
        if cue.template_when:  # the first template whose verb fits the clause before the thing
            clause, fitted = clause_before(text, start), False
            kept = []
            for template, when in zip(templates, cue.template_when, strict=True):
                if when is None or (not fitted and when.search(clause)):
                    kept.append(template)
                    fitted = fitted or when is not None
            templates = kept
            templates = unanswered(templates, text, clause, end)
        if truncated:
            templates = [t for t in templates if '"{thing}' not in t[0] and '{thing}"' not in t[0]]
        verdict = check_slots(self.lexicon, cue, values, text, start, end)
        if verdict is None:
            return []
        if verdict == TEAM:
            templates = [(t, frozenset(placeholders(t))) for t in cue.team_templates]
        values["quote"] = (
            original.strip() if len(original) <= 240 else sentence_around(original, start, end)
        )
        variants = tuple(fill(templates, values))
        if not variants and not cue.template_when:
            return []
        specificity = 1.0 if thing else 0.85
        score = cue.weight * specificity - (offset + start) / 1_000_000
        key = (cue.family, content_stems(thing or values["quote"]))
        category = cue.category
        trimmed_end = start + len(thing) if thing and len(thing) < end - start else end
        outside = f"{text[:start]} {text[trimmed_end:]}"  # the class's own words do not count
        if cue.exception_when is not None and cue.exception_when.search(outside):
            category = "exception"
        found: list[Candidate] = []
        chosen = ""
        if variants:  # none when no template fits the verb: then the companions only
            chosen = variants[zlib.crc32(thing.lower().encode()) % len(variants)]
            # a wording the sentence already answers gives way to one it leaves open
            open_ones = tuple(v for v in variants if not answered_by(v, text))
            chosen = chosen if chosen in open_ones else next(iter(open_ones), "")
            variants = open_ones
        if chosen:
            found.append(
                Candidate(
                    chosen, category, values["quote"], score, key, variants, cue.family, thing
                )
            )
        for other, share, asked in self._companions.ask(cue.family, values, text, start, end):
            extra = tuple(wording for wording in asked if not answered_by(wording, text))
            if other != category and len(extra) == len(asked):  # none answered: same pick
                found.append(
                    Candidate(
                        extra[zlib.crc32(thing.lower().encode()) % len(extra)],
                        other,
                        values["quote"],
                        score * share,
                        (f"{cue.family}~{other}", key[1]),
                        extra,
                        "companion",
                        thing,
                    )
                )
        return found
