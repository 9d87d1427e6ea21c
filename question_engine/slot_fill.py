"""Checking a cue's slot values and filling its templates with them.

Precision first: a value that is not what its slot needs drops the template (or, for a
whole-question slot such as {thing}, the question); what is kept is put into the form the
question needs (a verb in its base form, "a clerk" as "the clerk", a comparison as a
preposition) and the verbs beside each slot agree with its number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from tacit.question_engine.bank import Cue
from tacit.question_engine.grammar import (
    agree,
    agreeing_slots,
    comparison,
    definite,
    is_plural,
    with_articles,
)
from tacit.question_engine.slots import TEAM, Lexicon

_NOT_NOUN_SLOTS = frozenset(["quote", "verb", "op"])
# a clause is no noun phrase: "no reply from If they", "the hand-off to people who've never"
_CLAUSE = re.compile(
    r"^\s*(?:if|when|unless|because|although|though|whereas)\b|\bwho(?:m|'ve|'re|'d|'ll|'s)?(?!\S)",
    re.IGNORECASE,
)
# a subject, its verb and a pronoun object: "the printer accepts them" is a clause
_VERB_OBJECT = re.compile(r"\b[a-z]+\s+[a-z]+s\s+(?:them|it|him|her|us|me)\b", re.IGNORECASE)


_QUOTED = re.compile(r'"[^"]*"')
# a value that brings its own determiner takes no "the" from the template ("the the branch")
_DETERMINED = re.compile(r"^(?:the|a|an|their|its|our|his|her|my|your|this|these|those)\s")


def _clause(value: str) -> bool:
    if _VERB_OBJECT.search(value):
        return True
    if "who" in value.lower():
        return _CLAUSE.search(value) is not None
    return _CLAUSE.match(value) is not None  # without "who", only the start can be a clause


def _compound_noun(values: dict[str, str], declared: dict[str, str]) -> bool:
    """'gets a nurse check': after 'a'/'an', a bare verb form is a noun (a singular
    actor's verb would end in -s), so there is no actor doing it."""
    actor, verb = values.get("actor", ""), values.get("verb", "")
    if declared.get("actor") != "actor" or declared.get("verb") != "verb" or not verb:
        return False
    return actor.lower().split()[:1] in (["a"], ["an"]) and not verb.split()[0].endswith("s")


def check_slots(
    lexicon: Lexicon, cue: Cue, values: dict[str, str], sentence: str, start: int, end: int
) -> str | None:
    """None when a slot's value is not what the template needs (the question is not
    asked); 'team' when an actor slot names a team; else ''. Values are put into the form
    their templates need; a comparison that has none is removed (its templates are not
    asked)."""
    declared = dict(cue.slots)
    if _compound_noun(values, declared):
        return None
    verdict = ""
    for name, value in list(values.items()):
        kind = declared.get(name, "phrase" if name == "thing" else "")
        if kind == "phrase" and not lexicon.clean_phrase(value):
            return None
        if kind == "quantity" and not lexicon.quantity(value):
            return None
        if kind == "person" and not lexicon.person(value, sentence, start, end):
            return None
        if kind == "system" and not lexicon.system(value):
            return None
        if kind == "named_system" and not lexicon.named_system(value, sentence, start, end):
            return None
        if kind == "actor":
            actor = lexicon.actor(value, sentence, start, end)
            if not actor:
                return None
            verdict = TEAM if actor == TEAM else verdict
            values[name] = definite(value) if actor == "role" else value
        if kind == "verb":
            base = lexicon.verb(value)
            if not base:
                return None
            values[name] = base
        if kind == "output":
            if not lexicon.output(value, sentence, end, start):
                return None
            values[name] = definite(value)
        if kind == "class":
            named = lexicon.vague_class(value, sentence, start)
            if not named:
                return None
            values[name] = named
        if kind == "comparison":
            preposition = comparison(value)
            if preposition:
                values[name] = preposition
            else:
                del values[name]
    return verdict


def fill(templates: Sequence[tuple[str, frozenset[str]]], values: dict[str, str]) -> list[str]:
    """Every template whose slots all have values, filled, its verbs agreeing with them.

    A clause may be quoted ("When \"if the owner has strong credit\" — …") but never stand
    where the template needs a noun phrase: such a template is not asked."""
    clauses = [n for n, v in values.items() if n not in _NOT_NOUN_SLOTS and _clause(v)]
    filled = []
    for template, slots in templates:
        if not slots <= values.keys() or any(_bare(template, n) for n in clauses):
            continue
        agreeing = agreeing_slots(template)
        if agreeing:
            numbers = {
                n: is_plural(values[n])
                for n in agreeing
                if n in values and n not in _NOT_NOUN_SLOTS
            }
            template = _agreed(template, tuple(sorted(numbers.items())))
        for name in slots:
            if "the {" + name + "}" in template and _DETERMINED.match(values[name]):
                template = template.replace("the {" + name + "}", "{" + name + "}")
        if "a {" in template or "A {" in template:
            template = with_articles(template, values)
        filled.append(template.format(**values))
    return filled


@lru_cache(maxsize=4096)
def _agreed(template: str, numbers: tuple[tuple[str, bool], ...]) -> str:
    """agree() for a template and its slots' numbers (a few per template: cached)."""
    return agree(template, dict(numbers))


@lru_cache(maxsize=2048)
def _unquoted(template: str) -> str:
    return _QUOTED.sub("", template)


def _bare(template: str, name: str) -> bool:
    """Whether {name} stands in the template outside quotes."""
    return "{" + name + "}" in _unquoted(template)


# right after a way in, a second way named: "another way" is answered
_OTHER_WAY_SAID = re.compile(r",?\s+or\s+(?:as|by|via|through|in|on|over|from|with)\b", re.I)
# someone named, or I/we, entering the work: "typed by hand" is answered
_KEYED_BY_SOMEONE = re.compile(
    r"\b(?:I|we|she|he|(?-i:[A-Z][a-z]+))\s+(?:usually\s+|always\s+|then\s+|just\s+)?"
    r"(?:puts?|enters?|types?|keys?|logs?|records?|adds?|inputs?|writes?|copies)\b",
    re.IGNORECASE,
)


def unanswered(
    templates: Sequence[tuple[str, frozenset[str]]], text: str, clause: str, end: int
) -> list[tuple[str, frozenset[str]]]:
    """A system's templates less those the sentence answers: "another way" where a second
    way in follows the system (ending at `end`), "typed by hand" where the clause before it
    says who keys the work in."""
    kept = list(templates)
    if _OTHER_WAY_SAID.match(text, end):  # "through the portal or as letters"
        kept = [t for t in kept if "another way" not in t[0]]
    if _KEYED_BY_SOMEONE.search(clause):  # "Bea puts it into Slotter": by hand
        kept = [t for t in kept if "typed by hand" not in t[0]]
    return kept
