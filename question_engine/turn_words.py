"""The words a short turn's follow-ups are read with: fillers, hedges, the listener's
person, what ends a phrase; and the follow-up record itself. Kept apart from the readings
(`turn_phrases.py`) so each file reads as one thing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tacit.question_engine.text import QUESTION_WORDS, STOPWORDS, stem, word_set, words

MAX_PHRASE_WORDS = 8

# Words a follow-up never takes as what the turn is about: fillers, hedges, mental verbs.
FILLERS = word_set(
    """um umm uh uhh er erm hmm mm yeah yep yes yup no nope okay ok right well like so
    know mean think guess suppose say said feel felt just really basically actually
    honestly literally probably maybe definitely totally pretty quite stuff thing things
    kind sort lot lots bit little much many also even still always never usually often
    sometimes mostly generally anyway though etc able sure whatever everything anything
    something nothing someone anyone everyone somewhere anywhere every each other another
    first second last next end top way ways time times couple versus toward towards instead
    within without across along among beyond via per onto into"""
)
SUBJECTS = {"i": "", "we": "", "i'm": "are", "we're": "are", "i've": "have", "we've": "have"}
SUBJECTS |= {"i'll": "will", "we'll": "will", "i'd": "would", "we'd": "would"}
HEDGES = word_set(
    "just really basically actually also usually always often sometimes generally mostly "
    "definitely probably only still even then normally typically"
)
MENTAL = word_set("think guess mean know suppose believe feel felt say said thought")
TO_YOU = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "we": "you",
    "us": "you",
    "our": "your",
    "ours": "yours",
    "ourselves": "yourselves",
    "am": "are",
    "i'm": "you're",
    "i've": "you've",
    "i'll": "you'll",
    "i'd": "you'd",
    "we're": "you're",
    "we've": "you've",
    "we'll": "you'll",
}
DETERMINERS = word_set("the a an this that these those my our your their his her its some any")
PHRASE_STOP = word_set(
    """and but or so because although though unless which while whereas if when once
    until before after since then like that who where nobody everybody everyone somebody
    someone anybody anyone"""
)
TAIL_DANGLING = word_set(
    """a an the and or to of for in on at by with from as if when then that which who about
    into over after before than like upon under around just really not very too also
    is are was were be been toward towards versus"""
)
OTHER_SUBJECTS = word_set("you they he she")
PRONOUN_END = word_set("it them that this those these one ones him her there")
AUXILIARIES = word_set(
    """will would can could should might must do does did don't doesn't didn't won't
    wouldn't can't couldn't have has had never not always usually also are were may
    shall"""
)
WH = word_set("how what whether which where who why")
CUT_BEFORE = word_set("in on at with for from during to about because after before by")
TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]|[,.;:!?—–()\"]")
PLEASANTRY = re.compile(
    r"\b(?:good (?:morning|afternoon|evening)|thanks|thank you|nice to meet|hello|"
    r"hi there|see you|bye)\b",
    re.IGNORECASE,
)
FILLER_RUN = re.compile(
    r"\b(?:you know|i mean|kind of|sort of|a little bit|a little|a bit|or something|"
    r"and stuff|and so on|and everything)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """One grounded follow-up: its text, category, the words it names and its quote."""

    text: str
    category: str
    quote: str
    named: frozenset[str]


def salient(word: str) -> bool:
    """Whether a word can be what a turn is about (no filler, stopword or contraction)."""
    return (
        len(word) >= 3
        and "'" not in word
        and word not in STOPWORDS
        and word not in FILLERS
        and not word.isdigit()
    )


def named_stems(phrase: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(phrase) if salient(w) and w not in QUESTION_WORDS)


NOT_SAID = word_set("if when that which who whom where")  # a condition or relative clause
