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


def salient_term(text: str) -> tuple[str, int]:
    """The segment's most repeated content word (latest on ties), with the word before it
    when that is a content word too, as written; and where it occurs. ("", -1) if none."""
    spans = [(m.group(0), m.group(0).lower(), m.start()) for m in _WORD_SPAN.finditer(text)]
    counts: Counter[str] = Counter(low for _, low, _ in spans if _content(low))
    if not counts or len(spans) < MIN_WORDS_TO_PROBE:
        return "", -1
    last = {low: i for i, (_, low, _) in enumerate(spans)}
    best = max(counts, key=lambda low: (counts[low], last[low]))
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
) -> list[tuple[str, str]]:
    """(category, question) for each untouched category, in COVERAGE_ORDER, best template each.

    Returns every fillable template per category, best first, so a caller can skip the
    ones the session already knows.
    """
    by_category: dict[str, list[CoverageTemplate]] = {}
    for template in templates:
        by_category.setdefault(template.category, []).append(template)
    wanted = set(untouched)
    result: list[tuple[str, str]] = []
    for category in COVERAGE_ORDER:
        if category not in wanted:
            continue
        for template in by_category.get(category, []):
            if template.slots <= slots.keys():
                result.append((category, template.template.format(**slots)))
    return result
