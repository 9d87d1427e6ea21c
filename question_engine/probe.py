"""Probes: the main term of a quiet segment, which an interviewer would ask about."""

from __future__ import annotations

import re
from collections import Counter

from tacit.question_engine.coverage import NOT_TOPICS
from tacit.question_engine.grammar import is_plural
from tacit.question_engine.slot_words import CALENDAR_WORDS
from tacit.question_engine.text import QUESTION_WORDS, STOPWORDS, starts_sentence, word_set
from tacit.question_engine.word_kinds import verb_form, verb_or_adjective

MIN_WORDS_TO_PROBE = 10  # shorter segments are pleasantries or fragments
MIN_WORDS_FOR_SINGLE_MENTION = 12  # below this, probe only a term said twice

_WORD_SPAN = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z](?<!'s)")  # "owner's" is "owner"
# nouns too general to be a topic on their own ("You mentioned item")
_GENERIC = word_set(
    """item items thing things stuff case cases part parts kind sort type types lots
    people person place places time times matter matters issue issues point points
    situation fact facts reason reasons detail details number numbers amount amounts
    piece pieces side sides bits everything anything something example examples
    day days night nights week weeks month months year years morning mornings evening
    evenings hour hours minute minutes today tomorrow weekend weekends"""
)


def _content(word: str) -> bool:
    return (
        len(word) >= 4
        and "'" not in word  # "don't", "I've", "it'll"
        and word not in STOPWORDS
        and word not in QUESTION_WORDS
        and word not in NOT_TOPICS
        and not word.endswith("ly")
        and word not in _GENERIC
        and word not in CALENDAR_WORDS  # "every Friday": when, not what
    )


# nouns too general to be a topic that still finish one: "the milling team", "the smoke test"
COMPOUND_HEADS = word_set("team teams queue queues test tests warning warnings order orders desk")
_DETERMINERS = word_set(
    "the a an our their my your his her its this that these those some any "
    "each every no which what whose of for about with on in"
)
_NOUN_ENDINGS = (
    "tion",
    "sion",
    "ment",
    "ness",
    "ity",
    "ance",
    "ence",
    "ship",
    "age",
    "ery",
    "ist",
    "ure",
    "ism",
)


def _modifier(word: str) -> bool:
    """Whether a word before the term can join it as one thing ("driving distance"), not
    a verb, modal or bare adjective before it ("might spend", "particular doctor")."""
    return _content(word) and not verb_or_adjective(word)


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
    said_as_verb: set[str] = set()
    for index, (_, low, _) in enumerate(spans):
        if _content(low):
            counts[low] += 1
            if _after_subject(spans, index):
                said_as_verb.add(low)  # "we never lend tools": what is done, not a thing
            before = spans[index - 1][1] if index > 0 else ""
            after = spans[index + 1][1] if index + 1 < len(spans) else ""
            # "the main things", "the main depot": an adjective before its noun
            head = not (after in _GENERIC or (_content(after) and not verb_or_adjective(after)))
            if not verb_or_adjective(low) and (
                (before in _DETERMINERS and head) or low.endswith(_NOUN_ENDINGS)
            ):
                nounish.add(low)
    candidates = [
        low
        for low in counts
        if (low in nounish or not (verb_or_adjective(low) or verb_form(low) or low in said_as_verb))
        and (counts[low] >= 2 or len(spans) >= MIN_WORDS_FOR_SINGLE_MENTION)
    ]
    if not candidates:
        return "", -1
    last = {low: i for i, (_, low, _) in enumerate(spans)}
    first = {low: len(spans) - i for i, (_, low, _) in reversed(list(enumerate(spans)))}
    best = max(candidates, key=lambda low: (counts[low], low in nounish, first[low]))
    index = last[best]
    word, _, position = spans[index]
    if index > 0:
        previous, previous_low, previous_start = spans[index - 1]
        between = text[previous_start + len(previous) : position]
        joins = _modifier(previous_low) and previous_low not in said_as_verb
        if joins and previous_low != best and between == " ":
            word, position = f"{previous} {word}", previous_start
    if " " not in word and word.islower() and not is_plural(word) and 0 < index < len(spans) - 1:
        following, following_low, following_start = spans[index + 1]
        after = text[spans[index][2] + len(spans[index][0]) : following_start]
        determined = spans[index - 1][1] in _DETERMINERS
        if after == " " and determined and _head_noun(following_low, said_as_verb):
            word = f"{word} {following}"  # "the delivery note", not "the delivery"
    if index + 1 < len(spans) and spans[index + 1][1] in COMPOUND_HEADS:
        following, _, following_start = spans[index + 1]
        if text[position + len(word) : following_start] == " ":
            word = f"{word} {following}"  # "the milling team": the term names a kind of team
    if word[:1].isupper() and word[1:2].islower() and starts_sentence(text, position):
        # a capital that only starts a sentence: a common noun's shape ("Registration",
        # "Invoices") is asked in lower case; any other word may be a name, so none is asked
        if not word.lower().endswith(("s", *_NOUN_ENDINGS)):
            return "", -1
        if counts[best] < 2 and " " not in word and not word.lower().endswith(_NOUN_ENDINGS):
            return "", -1  # said once, first, bare, in -s: as likely a verb ("Sounds daft")
        word = word[0].lower() + word[1:]
    return word, position


def _head_noun(word: str, said_as_verb: set[str]) -> bool:
    """Whether a word after the term is the noun it modifies ("nursery slope")."""
    return (
        _content(word)
        and word not in said_as_verb
        and not verb_or_adjective(word)
        and not verb_form(word)
        and not (word.endswith("s") and not word.endswith("ss"))  # "meat comes": a verb
    )


_SUBJECT_PRONOUNS = word_set("i we you they he she")
_BETWEEN_SUBJECT_AND_VERB = word_set(
    """never always usually often sometimes also just only then still normally don't doesn't
    won't can't can will would must should may might could do does"""
)


def _after_subject(spans: list[tuple[str, str, int]], index: int) -> bool:
    """Whether the word at index follows a subject pronoun (adverbs and modals between)."""
    before = index - 1
    while before >= 0 and spans[before][1] in _BETWEEN_SUBJECT_AND_VERB:
        before -= 1
    return before >= 0 and spans[before][1] in _SUBJECT_PRONOUNS


# a determiner right before the term, or before one word that modifies it ("the hospital
# access road", "each sheet"): the question names it with "the"
_ARTICLE_BEFORE = re.compile(
    r"\b(?:the|a|an|our|their|my|your|this|that|each|every)\s+(?:[a-z][\w-]*\s+)?$",
    re.IGNORECASE,
)


def as_named(text: str, term: str, position: int) -> str:
    """The term as a question names it: 'the landlord', 'the solid incident' where it was
    said with an article and is a lower-case singular ("You mentioned landlord" is no
    English)."""
    if not term.islower() or term.endswith("s"):
        return term  # a name, or a plural: "You mentioned manifests"
    return f"the {term}" if _ARTICLE_BEFORE.search(text, 0, position) else term


def is_main_term(word: str) -> bool:
    """Whether a frequent word can be what a session is about (a noun-like content word)."""
    return _content(word) and not verb_or_adjective(word)


_AS_NOUN_BEFORE = (
    r"\b(?:the|a|an|my|our|their|your|his|her|its|this|that|some|any|no|for|of|about|with|"
    r"on|in|go|went|like|love|enjoy)\s+"
)


def said_as_noun(word: str, texts: list[str]) -> bool:
    """Whether an -ing word was said as a noun somewhere ('the parking', 'for hiking')."""
    pattern = re.compile(_AS_NOUN_BEFORE + re.escape(word) + r"\b", re.IGNORECASE)
    return any(pattern.search(text) for text in texts)
