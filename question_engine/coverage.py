"""Session-level coverage: what the session talks about, and questions for untouched categories."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from tacit.models.taxonomy import CATEGORY_IDS
from tacit.question_engine.bank import CoverageTemplate
from tacit.question_engine.text import QUESTION_WORDS, STOPWORDS, word_set, words
from tacit.question_engine.word_kinds import verb_or_adjective

# Asked in this order when several categories are untouched: the ones operators forget first.
COVERAGE_ORDER: tuple[str, ...] = (
    "reporting",
    "adoption",
    "operational_decision",
    "handoff",
    "edge_case",
    "exception",
    "implicit_rule",
)
assert set(COVERAGE_ORDER) == set(CATEGORY_IDS)

MIN_SEGMENTS_FOR_COVERAGE = 3
MIN_TOPIC_COUNT = 3

# Frequent words that never make a good topic on their own.
NOT_TOPICS = word_set(
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


@dataclass(slots=True)
class SessionProfile:
    """What the session so far is about: frequent terms, systems and people it names."""

    terms: Counter[str] = field(default_factory=Counter)
    systems: Counter[str] = field(default_factory=Counter)
    people: Counter[str] = field(default_factory=Counter)
    segments: int = 0

    def copy(self) -> SessionProfile:
        """An independent copy to extend with more segments."""
        return SessionProfile(
            self.terms.copy(), self.systems.copy(), self.people.copy(), self.segments
        )

    def add_text(self, text: str) -> None:
        """Count the content words of one more segment."""
        self.segments += 1
        for word in words(text):
            if (
                len(word) >= 4
                and word not in STOPWORDS
                and word not in QUESTION_WORDS
                and word not in NOT_TOPICS
                and not word.endswith("ly")
                and not word.isdigit()
            ):
                self.terms[word] += 1

    def add_facts(self, systems: Iterable[str], people: Iterable[str]) -> None:
        """Remember systems and people/roles named in a segment."""
        self.systems.update(systems)
        self.people.update(people)

    def topic(self, workflow: str) -> str:
        """The workflow's name, else the term the session repeats most (or '')."""
        if workflow.strip():
            return workflow.strip()
        for term, count in self.terms.most_common():
            if count < MIN_TOPIC_COUNT:
                break
            if "'" not in term and not verb_or_adjective(term):  # not "scary", "sometimes"
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
                1
            ].append(template.template.format(**slots))
    order = {category: rank for rank, category in enumerate(COVERAGE_ORDER)}
    return sorted(entries.values(), key=lambda entry: order[entry[0]])
