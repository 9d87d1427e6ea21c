"""Session-level coverage: what the session talks about, and questions for untouched categories."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from models.taxonomy import CATEGORY_IDS
from question_engine.bank import CoverageTemplate
from question_engine.text import QUESTION_WORDS, STOPWORDS, word_set, words

# Asked in this order when several categories are untouched: the ones operators forget first.
COVERAGE_ORDER: tuple[str, ...] = (
    "reporting", "adoption", "operational_decision", "handoff", "edge_case", "exception",
    "implicit_rule",
)
assert set(COVERAGE_ORDER) == set(CATEGORY_IDS)

MIN_SEGMENTS_FOR_COVERAGE = 3
MIN_TOPIC_COUNT = 3
MIN_WORDS_TO_PROBE = 10  # shorter segments are pleasantries or fragments
MIN_WORDS_FOR_SINGLE_MENTION = 12  # below this, probe only a term said twice

# Frequent words that never make a good topic on their own.
_NOT_TOPICS = word_set(
    """need needs want wants work works working thing time times make makes made take takes
    took check checks checked look looks looked send sends sent call calls called first then
    also people team someone every always never goes gets usually normally tell told know
    knows give gives given keep keeps put puts see sees come comes came back next last still
    week weeks day days month months hour hours year years today morning afternoon whatever
    something anything everything nothing good right sure mean means said says say yes maybe
    probably because again same different other another since until much many more most less
    just only even ever able stuff things okay guess think thought feel felt find found use
    used uses anyway around away part parts case cases process whole start end thanks thank
    hello having doing getting making taking going trying"""
)


_WORD_SPAN = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")


def _content(word: str) -> bool:
    return (len(word) >= 4 and word not in STOPWORDS and word not in QUESTION_WORDS
            and word not in _NOT_TOPICS and not word.endswith("ly"))


_DETERMINERS = word_set("the a an our their my your his her its this that these those some any "
                        "each every no which what whose of for about with on in")
_NOUN_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship", "age", "ery",
                 "ist", "ure", "ism")


_NOT_NOUNS = word_set(
    """write read send late early good great nice sure fine need want like think know feel
    look take make give find keep tell call come pay buy sell open close clean quick fast slow
    hard easy high low long short full free busy happy true real small large big cheap
    expensive important different usual ready wrong right best better worse worst kind whole
    pick pack ship book file fill sign check handle manage decide choose prefer ask answer
    reply wait stay leave move bring carry hold turn show help work live walk drive visit"""
)
_NOT_NOUN_ENDINGS = ("ed", "ful", "ous", "ive", "able", "ible", "est", "ish")


def _verb_or_adjective(word: str) -> bool:
    return word in _NOT_NOUNS or word.endswith(_NOT_NOUN_ENDINGS)


def salient_term(text: str) -> tuple[str, int]:
    """The segment's main term, as written, and where it occurs; ("", -1) if none.

    The term is its most repeated content word that is not a common verb or adjective
    (words that read as nouns win ties, then the latest), with the content word before it
    if adjacent. A word said once qualifies only in a segment of some length.
    """
    spans = [(m.group(0), m.group(0).lower(), m.start()) for m in _WORD_SPAN.finditer(text)]
    if len(spans) < MIN_WORDS_TO_PROBE:
        return "", -1
    counts: Counter[str] = Counter()
    nounish: set[str] = set()
    for index, (_, low, _) in enumerate(spans):
        if _content(low):
            counts[low] += 1
            after_determiner = index > 0 and spans[index - 1][1] in _DETERMINERS
            if after_determiner or (low.endswith(_NOUN_ENDINGS) and low not in _NOT_NOUNS):
                nounish.add(low)
    candidates = [low for low in counts if (low in nounish or not _verb_or_adjective(low)) and (
        counts[low] >= 2 or len(spans) >= MIN_WORDS_FOR_SINGLE_MENTION)]
    if not candidates:
        return "", -1
    last = {low: i for i, (_, low, _) in enumerate(spans)}
    best = max(candidates, key=lambda low: (counts[low], low in nounish, last[low]))
    index = last[best]
    word, _, position = spans[index]
    if index > 0:
        previous, previous_low, previous_start = spans[index - 1]
        between = text[previous_start + len(previous):position]
        if _content(previous_low) and previous_low != best and between == " ":
            word, position = f"{previous} {word}", previous_start
    return word, position


@dataclass(slots=True)
class SessionProfile:
    """What the session so far is about: frequent terms, systems and people it names."""

    terms: Counter[str] = field(default_factory=Counter)
    systems: Counter[str] = field(default_factory=Counter)
    people: Counter[str] = field(default_factory=Counter)
    segments: int = 0

    def copy(self) -> SessionProfile:
        """An independent copy to extend with more segments."""
        return SessionProfile(self.terms.copy(), self.systems.copy(), self.people.copy(),
                              self.segments)

    def add_text(self, text: str) -> None:
        """Count the content words of one more segment."""
        self.segments += 1
        for word in words(text):
            if (len(word) >= 4 and word not in STOPWORDS and word not in QUESTION_WORDS
                    and word not in _NOT_TOPICS and not word.endswith("ly")
                    and not word.isdigit()):
                self.terms[word] += 1

    def add_facts(self, systems: Iterable[str], people: Iterable[str]) -> None:
        """Remember systems and people/roles named in a segment."""
        self.systems.update(systems)
        self.people.update(people)

    def topic(self, workflow: str) -> str:
        """The workflow's name, else the term the session repeats most (or '')."""
        if workflow.strip():
            return workflow.strip()
        for term, count in self.terms.most_common(1):
            if count >= MIN_TOPIC_COUNT:
                return term
        return ""

    def slots(self, workflow: str) -> dict[str, str]:
        """Values for coverage placeholders the session can fill."""
        values = {"topic": self.topic(workflow)}
        if self.systems:
            values["system"] = self.systems.most_common(1)[0][0]
        if self.people:
            values["person"] = self.people.most_common(1)[0][0]
        return {key: value for key, value in values.items() if value}


def coverage_questions(
    templates: Iterable[CoverageTemplate], untouched: Iterable[str], slots: dict[str, str]
) -> list[tuple[str, list[str]]]:
    """(category, wordings) per coverage entry of the untouched categories, in COVERAGE_ORDER.

    The wordings of one entry ask the same question, best (most specific) first; a caller
    asks the first and skips the entry when the session knows any of them.
    """
    entries: dict[str, tuple[str, list[str]]] = {}
    for template in templates:
        if template.category in untouched and template.slots <= slots.keys():
            entries.setdefault(template.entry or template.template, (template.category, []))[
                1].append(template.template.format(**slots))
    order = {category: rank for rank, category in enumerate(COVERAGE_ORDER)}
    return sorted(entries.values(), key=lambda entry: order[entry[0]])
