"""One capture session's engine state, owned by whoever runs the session.

The app's capture screen and `tacit suggest` each hold one EngineSession: it keeps what
was said (operator segments are analysed, engineer lines are context only), which
questions the session already has, which categories were discussed, the rules already
captured, and every question found so far, so the session's best questions can be ranked
across segments. Nothing is kept anywhere else: no module-level caches.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from tacit.question_engine.absence import absence_subject, absences
from tacit.question_engine.best_first import best_first_by_group
from tacit.question_engine.coverage import SessionProfile
from tacit.question_engine.memory import FingerprintIndex, SessionMemory
from tacit.question_engine.pane_duplicates import (
    DownSystems,
    exception_to_a_limit,
    limit_quotes,
    second_edge,
)
from tacit.question_engine.probe import is_main_term, said_as_noun
from tacit.question_engine.rule_gaps import rule_questions
from tacit.question_engine.text import starts_sentence, stem
from tacit.question_engine.types import CapturedRule, SessionContext, Suggestion
from tacit.question_engine.word_kinds import verb_form

Facts = tuple[tuple[str, ...], tuple[str, ...]]


class SegmentEngine(Protocol):
    """What a session needs of its engine (the OfflineEngine is one)."""

    max_suggestions: int
    template_stems: frozenset[str]

    def lexicon_is_verb(self, word: str) -> bool:
        """Whether a word reads as a verb (no topic of its own)."""
        ...

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
        """A new segment's questions and the systems and people it names."""
        ...


CATEGORY_DECAY = 0.7  # in the session ranking, each further pick of a category counts less
SEGMENT_DECAY = 0.75  # and so does each further pick from the same segment
QUOTE_DECAY = 0.7  # and from the same sentence: each sentence states its own rule
POOL_PER_SEGMENT = 10  # questions kept per segment for the session ranking
SUMMARY_SCORE = 0.45
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# after a list item, a verb: the item is the subject of a new clause, not one of a list
_CLAUSE_VERB_AFTER = (
    r"(?:\s+[a-z-]+)?\s+(?:is|are|was|were|has|have|had|gets?|goes|will|would|can|could|must|"
    r"should|may|"
    r"needs?|does|do)\b"
)
NOT_MAIN = frozenset(
    {
        "sometimes",
        "often",
        "always",
        "never",
        "usually",
        "mostly",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "last",
        "next",
        "other",
        "another",
        "every",
        "each",
        "whether",
    }
)  # frequent words that are not what a session is about


@dataclass(slots=True)
class EngineSession:
    """The engine's state for one session; add segments and rules, read the ranking."""

    engine: SegmentEngine
    workflow: str = ""
    segments: list[str] = field(default_factory=list)
    engineer_lines: list[str] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)
    rules: list[CapturedRule] = field(default_factory=list)
    found: list[tuple[int, Suggestion]] = field(default_factory=list)
    memory: SessionMemory = field(init=False)
    profile: SessionProfile = field(default_factory=SessionProfile)
    seen: int = 0  # segments of every speaker so far (a restore catches up from here)
    _known: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.memory = SessionMemory(self.engine.template_stems)

    # --- what the session says and has ----------------------------------------------

    def restore(self, context: SessionContext) -> list[Suggestion]:
        """Catch up with what the session has that this object has not seen yet: earlier
        segments, known questions, captured rules. Returns the questions new rules raise."""
        with self._lock:
            for segment in context.segments[self.seen :]:
                self._add_context(segment)
        self.know(context.known_questions, context.touched_categories)
        raised: list[Suggestion] = []
        for rule in context.rules:
            if rule not in self.rules:
                raised.extend(self.add_rule(rule))
        if context.workflow:
            self.workflow = context.workflow
        return raised

    def know(self, questions: Iterable[str], touched: Iterable[str] = ()) -> None:
        """Questions the session already has (suggested, asked, dismissed …): never again."""
        with self._lock:
            for question in questions:
                if question not in self._known:
                    self._known.add(question)
                    self.memory.add(question)
            self.touched.update(touched)

    def add_rule(self, rule: CapturedRule) -> list[Suggestion]:
        """A rule captured in the session: ask what it still lacks (exception, owner …)."""
        with self._lock:
            self.rules.append(rule)
            fresh = [s for s in rule_questions(rule) if not self.memory.knows(s.text)]
            for suggestion in fresh:
                self.found.append((len(self.segments), suggestion))
            return fresh

    def add_segment(self, text: str, speaker: str = "operator") -> list[Suggestion]:
        """A new segment's best questions (at most the engine's per-segment limit).

        Engineer lines are context: they are kept, never turned into topics.
        """
        with self._lock:
            self.seen += 1
            if speaker != "operator":
                self.engineer_lines.append(text)
                return []
            questions, facts = self.engine.segment_questions(
                text,
                len(self.segments),
                self.profile,
                self.memory,
                set(self.touched),
                self.workflow,
                POOL_PER_SEGMENT,
            )
            index = len(self.segments)
            self.segments.append(text)
            self.profile.add_text(text)
            self.profile.add_facts(*facts)
            self.found.extend((index, q) for q in questions)
            shown = questions[: self.engine.max_suggestions]
            for question in shown:
                self.memory.add(question.text)
                self._known.add(question.text)
                self.touched.add(question.category)
            return shown

    def _add_context(self, text: str) -> None:
        _, facts = self.engine.segment_questions(
            text, len(self.segments), self.profile, self.memory, set(), self.workflow, 0
        )
        self.seen += 1
        self.segments.append(text)
        self.profile.add_text(text)
        self.profile.add_facts(*facts)

    # --- what to ask ------------------------------------------------------------------

    def summary_question(self) -> Suggestion | None:
        """A confirming question naming what the session keeps coming back to (what a good
        interviewer checks: "so what matters is X, Y and Z — which wins?"), or None."""
        main: list[str] = []
        for term, count in self.profile.terms.most_common(12):
            # early, a term said once counts when it was said as one of a list
            said_again = count >= 2 or (self.profile.segments <= 2 and self._listed(term))
            fresh = all(stem(term) != stem(other) for other in main)
            if (
                said_again
                and fresh
                and "'" not in term
                and term not in NOT_MAIN
                and is_main_term(term)
                and not self.engine.lexicon_is_verb(term)
                and not self._a_name(term)
                and (not verb_form(term) or said_as_noun(term, self.segments))
            ):
                main.append(term)
        main = main[:3]
        if len(main) < 3 or not self._said_together(main):
            return None
        text = (
            f"So what matters most here is {main[0]}, {main[1]} and {main[2]} — which one "
            "wins when they pull different ways, and who decides?"
        )
        if self.memory.knows(text):
            return None
        return Suggestion(text, "implicit_rule", "", "offline", SUMMARY_SCORE)

    def _a_name(self, term: str) -> bool:
        """Whether a term is only ever said with a capital inside a sentence ("Piotr")."""
        said = [
            (m.group(0), starts_sentence(text, m.start()))
            for text in self.segments
            for m in re.finditer(rf"\b{re.escape(term)}\b", text, re.IGNORECASE)
        ]
        return all(w[:1].isupper() for w, _ in said) and not all(first for _, first in said)

    def _said_together(self, terms: list[str]) -> bool:
        """Whether one sentence names every term: things weighed against each other ("price,
        safety and the size"), not the words a description repeats ("kegs", "pubs")."""
        found = [re.compile(rf"\b{re.escape(t)}\b", re.IGNORECASE) for t in terms]
        pairs = [
            re.compile(
                rf"\b{re.escape(a)}\b\s*(?:,|\band\b|\bor\b)\s*(?:,?\s*(?:and|or)\s+)?"
                rf"(?:[\w']+\s+){{0,2}}?{re.escape(b)}\b(?!{_CLAUSE_VERB_AFTER})",
                re.IGNORECASE,
            )
            for a in terms
            for b in terms
            if a != b
        ]  # and two of them side by side in a list ("price, and the size"), not "fuel card",
        # nor a second clause's subject ("records the incident, and the pool is closed")
        return any(
            all(f.search(sentence) for f in found) and any(p.search(sentence) for p in pairs)
            for text in self.segments
            for sentence in _SENTENCE_END.split(text)
        )

    def _listed(self, term: str) -> bool:
        """Whether the term was said as an item of a list ("safety, price, and the size"):
        after a comma, 'and' or 'or', or first of a list; not a word before a clause's
        comma ("a tenant reports a leak, I log it")."""
        item = re.compile(
            rf"(?:\b{re.escape(term)}\s*(?:,|\band\b|\bor\b)\s*(?:the\s+|a\s+|an\s+)?[a-z-]+"
            r"\s*(?:,|\band\b|\bor\b)|(?:^|[,:]|\band|\bor)\s*(?:the\s+|a\s+|an\s+)?"
            rf"(?:[a-z-]+\s+)?{re.escape(term)}\b)",
            re.IGNORECASE,
        )
        return any(item.search(text) for text in self.segments)

    def ranked(self, limit: int | None = None) -> list[Suggestion]:
        """The session's questions, best first, spread over segments and categories."""
        with self._lock:
            pool = sorted(self.found, key=lambda item: -item[1].score)
            summary = self.summary_question()
            if summary is not None:
                pool.append((len(self.segments), summary))
            said = "\n".join(self.segments)
        absent = absences(pool, said)  # who each absence question may be asked about
        per_category: dict[str, int] = defaultdict(int)
        per_segment: dict[int, int] = defaultdict(int)
        per_quote: dict[str, int] = defaultdict(int)
        chosen: list[Suggestion] = []
        edged: set[str] = set()  # sentences whose edge is already asked about
        prints, down = FingerprintIndex(), DownSystems()
        limited = limit_quotes(item for _, item in pool)  # threshold asks its exception
        things: dict[tuple[str, str], list[frozenset[str]]] = defaultdict(list)  # by category, stem
        picks = _best_first(pool, per_category, per_segment, per_quote)
        for index, suggestion in picks:
            if limit is not None and len(chosen) >= limit:
                break
            fingerprint = self.memory.fingerprint(suggestion.text)
            if prints.has_same(fingerprint) or _same_thing(
                suggestion.category, fingerprint[1], things
            ):
                continue
            if (
                second_edge(suggestion, edged)
                or exception_to_a_limit(suggestion, limited)
                or down.asked_again(suggestion.text)
            ):
                continue
            subject, specific = absence_subject(suggestion.text)
            if subject:
                if absent.get(subject) is not specific:
                    continue  # cover said, asked already, or asked in better words
                del absent[subject]  # asked once
            if suggestion.category == "edge_case" and suggestion.quote:
                edged.add(suggestion.quote)
            prints.add(fingerprint)
            for item in fingerprint[1]:  # named stems asked, under each stem they hold
                things[suggestion.category, item].append(fingerprint[1])
            chosen.append(suggestion)
            per_category[suggestion.category] += 1
            per_segment[index] += 1
            per_quote[suggestion.quote] += 1
        return chosen

    def context(self) -> SessionContext:
        """The session as an LLM prompt needs it (segments, known questions, categories)."""
        with self._lock:
            return SessionContext(
                segments=list(self.segments),
                known_questions=sorted(self._known),
                touched_categories=set(self.touched),
                workflow=self.workflow,
                rules=list(self.rules),
            )


def _decayed(
    item: tuple[int, Suggestion],
    per_category: dict[str, int],
    per_segment: dict[int, int],
    per_quote: dict[str, int],
) -> float:
    quote = item[1].quote
    return (
        item[1].score
        * CATEGORY_DECAY ** per_category[item[1].category]
        * SEGMENT_DECAY ** per_segment[item[0]]
        * (QUOTE_DECAY ** per_quote[quote] if quote else 1.0)
    )


def _best_first(
    pool: list[tuple[int, Suggestion]],
    per_category: dict[str, int],
    per_segment: dict[int, int],
    per_quote: dict[str, int],
) -> Iterator[tuple[int, Suggestion]]:
    """The pool's items by decayed score, each judged with the counts as they are when it
    is its turn (the caller updates them); ties go to the earlier item."""
    return best_first_by_group(
        pool,
        lambda item: item[1].category,
        lambda item: _within_category(item, per_segment, per_quote),
        lambda item: _decayed(item, per_category, per_segment, per_quote),
    )


def _within_category(
    item: tuple[int, Suggestion], per_segment: dict[int, int], per_quote: dict[str, int]
) -> float:
    """_decayed without its category's factor (shared by every item of the category)."""
    quote = item[1].quote
    return (
        item[1].score
        * SEGMENT_DECAY ** per_segment[item[0]]
        * (QUOTE_DECAY ** per_quote[quote] if quote else 1.0)
    )


def _same_thing(
    category: str, named: frozenset[str], asked: dict[tuple[str, str], list[frozenset[str]]]
) -> bool:
    """Whether a question of this category already asks about the same named things (a
    second wording about the same thing in the same category adds nothing to the top).
    `asked` holds each chosen question's named stems under (category, stem) for each of
    them: only those sharing a stem can be alike."""
    return any(
        len(named & stems) / len(named | stems) >= 0.8
        for item in named
        for stems in asked.get((category, item), ())
    )
