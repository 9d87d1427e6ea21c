"""What a template's slots must be, and the checks that keep wrong questions out.

A cue declares its slots (`slots = { thing = "person" }` in the bank); before a template is
filled, each value is checked for its kind. Precision first: when a value does not fit,
the template is not asked. Kinds:
- phrase  a clean noun phrase (every {thing} is one unless declared otherwise): it does not
          start with a conjunction ("once", "and", "then") and is not a lone function word
- person  a named person, with evidence: a first name from prompts/lexicon/first_names.txt,
          a title (Dr, Ms), a person verb after it ("signs off", "decides") or a cue before
          it ("ask Bilal", "our night supervisor Ines"); never a month, system or label
- actor   a person, a role ("the controller") or a team; a team gets team questions
- system  something a system call can fail on (a portal, an API, a sync, a named system)
- verb    a verb, put into its base form ("chases" -> "chase")
- named_system  a capitalised name the work is recorded in ("in Maximo"): never a known
          first name, a team, a month or a day, and never a word with person evidence
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tacit.question_engine.slot_words import (
    AND_VERB,
    ARTIFACT_HEADS,
    CALENDAR_WORDS,
    COUNT_WORDS,
    CUE_BEFORE,
    DETERMINERS,
    FRAGMENT_START,
    FUNCTION_WORDS,
    IDENTIFIER_MODIFIERS,
    OBJECT_AFTER,
    OBJECT_BEFORE,
    PERSON_AFTER,
    PERSON_BEFORE,
    PREPOSITION_START,
    PRONOUN_AFTER,
    SINGULAR_DETERMINER,
    SYSTEM_NOUNS,
    TITLE_BEFORE,
)
from tacit.question_engine.text import STOPWORDS

LEXICON_DIR = Path(__file__).resolve().parent.parent / "prompts" / "lexicon"
SLOT_KINDS = frozenset(
    {
        "phrase",
        "person",
        "actor",
        "system",
        "verb",
        "named_system",
        "output",
        "class",
        "comparison",
        "quantity",
    }
)
TEAM = "team"


def _words(path: Path) -> frozenset[str]:
    found: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            found.update(line.lower().split())
    return frozenset(found)


def _lines(path: Path) -> tuple[str, ...]:
    return tuple(
        line.strip().lower()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists slot checks use (prompts/lexicon/*.txt), loaded with the bank."""

    first_names: frozenset[str]
    not_people: frozenset[str]
    teams: frozenset[str]
    person_verbs: tuple[str, ...]
    verbs: frozenset[str]
    roles: frozenset[str] = frozenset()

    @classmethod
    def load(cls, directory: Path = LEXICON_DIR) -> Lexicon:
        """Read the lists from directory."""
        return cls(
            _words(directory / "first_names.txt"),
            _words(directory / "not_people.txt"),
            frozenset(_lines(directory / "teams.txt")),
            _lines(directory / "person_verbs.txt"),
            _words(directory / "verbs.txt"),
            _words(directory / "roles.txt"),
        )

    # --- kinds ----------------------------------------------------------------------

    def clean_phrase(self, value: str) -> bool:
        """A noun phrase a question can quote: no leading conjunction, no lone function
        word, no second clause glued on ("the totals and flags exceptions")."""
        lowered = value.lower()
        tokens = lowered.split()
        if not tokens or tokens[0] in FRAGMENT_START:
            return False
        if len(tokens) == 1 and (tokens[0] in FUNCTION_WORDS or tokens[0] in STOPWORDS):
            return False
        return "and" not in lowered or not any(
            m.group(1) in self.verbs for m in AND_VERB.finditer(lowered)
        )

    def quantity(self, value: str) -> bool:
        """A count and what it counts ("3 calls"); not a count and the verb after it
        ("over 5000 need approval" counts nothing)."""
        tokens = value.lower().split()
        return self.clean_phrase(value) and len(tokens) > 1 and tokens[-1] not in self.verbs

    def team(self, value: str) -> bool:
        """Whether value names a team or department."""
        bare = re.sub(r"^(?:the|our|their)\s+", "", value.lower()).removesuffix(" team")
        return bare in self.teams or value.lower().endswith(" team")

    def person(self, value: str, sentence: str, start: int, end: int) -> bool:
        """Whether value (at start..end of sentence) is a person, on evidence."""
        first = value.split()[0].lower().removesuffix("'s") if value.split() else ""
        if not first or first in self.not_people or self.team(value):
            return False
        if first in self.first_names:
            return True
        before, after = sentence[:start], sentence[end:].lower().lstrip()
        if TITLE_BEFORE.search(before) or CUE_BEFORE.search(before):
            return True
        if PERSON_BEFORE.search(before) or PERSON_AFTER.match(sentence[end:]):
            return True
        if self._in_apposition(before, sentence[end:]):
            return True
        after = after.removeprefix("'s").lstrip(" ,")
        after = re.sub(r"^(?:just|usually|always|normally|also|will|then)\s+", "", after)
        if any(after.startswith(verb) for verb in self.person_verbs):
            return True
        return bool(PRONOUN_AFTER.search(sentence[end:]))

    def _in_apposition(self, before: str, after: str) -> bool:
        """'our electrician(,) Tomasz' or 'Tomasz, our electrician': a person's role beside."""
        role_before = re.search(
            r"\b(?i:our|my|the|their|a)\s+(?:[a-z-]+\s+)?([a-z-]+),?\s*$", before
        )
        if role_before and role_before.group(1) in self.roles:
            return True
        role_after = re.match(r"^,\s+(?:our|my|the|their|a)\s+(?:[a-z-]+\s+)?([a-z-]+)\b", after)
        return bool(role_after and role_after.group(1).lower() in self.roles)

    def output(self, value: str, sentence: str, end: int, start: int = -1) -> bool:
        """Whether value names an output someone reads, not a verb: 'a tenant reports a
        leak' has an object after it, 'what the till reports' its object before it, and
        'a ... reports' a singular determiner before a plural head. Identifiers ('the
        batch numbers') and a counted document in a process ('one long report') are no
        standing output."""
        tokens = value.lower().split()
        if not tokens or OBJECT_AFTER.match(sentence[end:]):
            return False
        if tokens[0] in FRAGMENT_START or tokens[0] == "not":  # "but not received"
            return False
        if len(tokens) == 2 and tokens[0] in ("that", "this", "these", "those", "which"):
            return False  # "papers that report data"; a bare "that report" names nothing
        if start >= 0 and OBJECT_BEFORE.search(sentence[:start]):
            return False
        if (
            tokens[-1] in ("number", "numbers")
            and tokens[-2:-1]
            and (tokens[-2] in IDENTIFIER_MODIFIERS)
        ):
            return False
        if any(token in COUNT_WORDS for token in tokens[:-1]):
            return False
        head = tokens[-1]
        plural_head = head.endswith("s") and not head.endswith(("ss", "us", "is"))
        return not (len(tokens) > 1 and tokens[0] in SINGULAR_DETERMINER and plural_head)

    def vague_class(self, value: str, sentence: str, start: int) -> str:
        """A class of cases as a question names it ('rush jobs', 'a rush order'), or ''
        for a named list or document or one definite thing ('the ... register')."""
        kept: list[str] = []
        for token in value.split():
            if token.lower() in FUNCTION_WORDS or token.lower() in STOPWORDS:
                break
            kept.append(token)
        if len(kept) < 2 or kept[-1].lower() in ARTIFACT_HEADS:
            return ""
        phrase, head = " ".join(kept), kept[-1].lower()
        if head.endswith("s") and not head.endswith(("ss", "us", "is")):
            return phrase
        determiner = sentence[:start].split()[-1:] or [""]
        if determiner[0].lower() in ("a", "an", "any", "anything"):
            article = "an" if phrase[:1].lower() in "aeiou" else "a"
            return f"{article} {phrase}"
        return ""

    def actor(self, value: str, sentence: str, start: int, end: int) -> str:
        """'team', 'person' or 'role' for an actor slot; '' when it is none of them."""
        if self.team(value):
            return TEAM
        if value.split()[0].lower() in PREPOSITION_START:  # "until Meera", "when once Legal"
            return ""
        if value[:1].isupper() and " " not in value.strip():
            return "person" if self.person(value, sentence, start, end) else ""
        head = value.lower().split()
        if head[0] not in DETERMINERS or "'" in value or not self.clean_phrase(value):
            return ""  # "up being", "that's", "will be" are not who approves
        return "role"

    def system(self, value: str) -> bool:
        """Whether value is something a system call can fail on."""
        words = value.lower().split()
        return bool(SYSTEM_NOUNS.search(value)) or any(
            w in self.not_people and w not in self.teams for w in words
        )

    def named_system(self, value: str, sentence: str, start: int, end: int) -> bool:
        """Whether a capitalised value is a system's name rather than a person, team or date."""
        first = value.split()[0].lower() if value.split() else ""
        if not value[:1].isupper() or first in self.first_names or self.team(value):
            return False
        if first in CALENDAR_WORDS or first.removesuffix("s") in CALENDAR_WORDS:
            return False  # "on Fridays" is a day, never a system
        return first in self.not_people or not self.person(value, sentence, start, end)

    def verb(self, value: str) -> str:
        """The base form of a verb phrase's verb ('chases up' -> 'chase up'), '' if none."""
        tokens = value.lower().split()
        if not tokens:
            return ""
        head = tokens[0]
        for candidate in _base_forms(head):
            if candidate in self.verbs:
                return " ".join([candidate, *tokens[1:]])
        return ""

    def is_verb(self, word: str) -> bool:
        """Whether a single word reads as a verb (and so makes no topic of its own)."""
        return word.lower() in self.verbs

    def names_person(self, text: str, term: str, position: int) -> bool:
        """Whether a capitalised word of a term said at position is a person, or someone at
        work: a person is asked about by the people cues, never as a topic."""
        offset = position
        for word in term.split():
            start = text.find(word, offset)
            offset = start + len(word)
            if word[:1].isupper() and self.person(word, text, start, offset):
                return True
            verb = _NEXT_WORD.match(text, offset)  # "and Sunita checks …": someone at work
            if verb and self.at_work(word, verb.group(1)):
                return True
        return False

    def at_work(self, word: str, following: str) -> bool:
        """Whether a capitalised word followed by a verb in -s is a subject at work ("and
        Sunita checks …": a person, team or system), not a thing to ask about."""
        low = following.lower()
        return (
            word[:1].isupper()
            and word[1:].islower()
            and low.endswith("s")
            and (self.is_verb(low[:-1]) or self.is_verb(low[:-2]))
        )


def _base_forms(word: str) -> list[str]:
    forms = [word]
    if word.startswith("re-"):
        word = "re" + word[3:]
        forms.append(word)
    for suffix, replacement in (
        ("ies", "y"),
        ("ied", "y"),
        ("ying", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            forms.append(word[: -len(suffix)] + replacement)
    return forms
