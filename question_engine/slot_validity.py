"""One check every filled `thing` slot passes before any template is filled (issue 11's
wrong class "a stopword, a cut clause or a misquote in a slot").

Earlier rounds fixed each misfill where it was seen; this reads the slot against the
sentence it came from, the same way for every cue: a slot is a whole constituent. It never
ends on a word that needs more after it (a preposition, a conjunction, a determiner, a
pronoun or an auxiliary: "the limit of 50 are", "Kestrel and they", "institutions until"),
never runs on into when or how long ("the apiary for three [weeks]"), is never a correction
("at the field, not on the booking form") and never a noun read as a verb ("the chase
crew"); a figure keeps its rate ("35 miles per hour"). A quoted slot keeps what governs it:
"directs [otherwise]" and "[don't try to] glaze at night" are misquotes. In doubt the
question is dropped, not mended."""

from __future__ import annotations

import re
from enum import Enum

from tacit.question_engine.slot_words import DETERMINERS, FUNCTION_WORDS, PREPOSITION_START
from tacit.question_engine.text import STOPWORDS, word_set


class SlotVerdict(Enum):
    """What a slot allows: every template, only those that do not quote it, or none."""

    FITS = "fits"
    NO_QUOTE = "no quote"
    NONE = "none"


_CONJUNCTIONS = word_set("and or but nor so than then because while whereas though although")
_NEEDS_MORE = (
    PREPOSITION_START
    | FUNCTION_WORDS
    | DETERMINERS
    | _CONJUNCTIONS
    | word_set("has have had not their its his her our your my any every no some")
) - word_set(
    "it this that these those before after since in on"
)  # an object or an adverb closes a phrase: "updates it", "the night before", "fills it in"
_NUMBER = re.compile(
    r"^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|forty|fifty|sixty|ninety|hundred|thousand)$"
)
_UNTIL = word_set("until till")
_TIME_LINKS = word_set("for at within after before by")
_SUBJECTS = word_set("i we you he she they")
_CLAUSE_OPENERS = word_set("how what where who which whether than as whatever")
_CLOSES_ELLIPSIS = _SUBJECTS | _CLAUSE_OPENERS | word_set("it this that there")
_AUXILIARIES = word_set("is are was were am be do does did has have had can will would should")
_CADENCE = word_set("daily weekly monthly yearly nightly hourly fortnightly quarterly annually")
# words after a slot that belong to it: a unit's rate, a negation, "directs otherwise"
_CONTINUES = word_set("not otherwise instead")
_MONEY = re.compile(r"[$£€]|\b(?:pounds?|euros?|dollars?|quid|pence|cents?)\b", re.IGNORECASE)
_ITEM = r"(?:(?:the|a|an|its|their)\s+)?[a-z][\w-]*(?:\s[a-z][\w-]*)?"
_LIST_GOES_ON = re.compile(rf",\s+{_ITEM}(?:,\s+{_ITEM})*,?\s+(?:and|or)\s+\w")
_CADENCE_BEFORE_FOR = re.compile(
    r"\b(?:daily|weekly|monthly|nightly|hourly|fortnightly|every (?:day|night|week|month|hour"
    r"|morning|evening|\w+ (?:days|hours|weeks)))\s+for\s+$",
    re.IGNORECASE,
)
_CONTRACTED_END = re.compile(
    r"\b(?:whoever|who|it|that|there|he|she|what|everyone|someone|nobody)'s$", re.IGNORECASE
)
_EXCLUDED_BEFORE = re.compile(r"\b(?:not|never|rather than|instead of)\s+$", re.IGNORECASE)
_TIME = re.compile(
    r"\b(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|seasons?"
    r"|terms?|shifts?)\b",
    re.IGNORECASE,
)
_THING_ENDS = re.compile(r"\{thing\}(?! \{)")  # a template that does not go on after it
_RATE = re.compile(r" per ([a-z]+)\b")
_NEGATION = re.compile(r"\b(?:not|never|no)\b|n't\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][\w'-]*|\d[\d,.]*")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _is_modifier(word: str) -> bool:
    """A word that makes the next one a noun: "the chase", "the ride's check", "daily"."""
    possessive = word.endswith("'s") and word[:-2] not in STOPWORDS and not word.endswith("ever's")
    return word in DETERMINERS or possessive or word in _CADENCE


def _ends_open(words: list[str]) -> bool:
    """The phrase stops on a word that needs more after it ("50 are", "Kestrel and they")."""
    last, previous = words[-1], words[-2] if len(words) > 1 else ""
    if last in _SUBJECTS:  # "we" alone is a quote to ask about; "and they" is a cut clause
        return previous in _CONJUNCTIONS
    if last in _AUXILIARIES and _CLOSES_ELLIPSIS.intersection(words[:-1]):
        return False  # "than they are", "how clean the place is": the clause is closed
    return last in _NEEDS_MORE


def _inside_a_compound(pair: list[str]) -> bool:
    """The two words before a slot make its verb a noun: "weekly check", "the kiln's check"."""
    return (
        len(pair) == 2
        and _is_modifier(pair[0])
        and pair[0] not in DETERMINERS
        and pair[1] not in _NEEDS_MORE
    )


def _spans_an_adjunct(words: list[str]) -> bool:
    """A thing named (an article or a capital mid-sentence: a noun phrase, not a quoted
    clause) runs on into when or how long, or into a clause of its own: "the
    apiary for three [weeks]", "the supplier until the spring", "Kestrel and they quote"."""
    for index in range(1, len(words)):
        word, previous = words[index], words[index - 1]
        if previous in _TIME_LINKS and _NUMBER.match(word):
            return True
        if word in _UNTIL or (word in _SUBJECTS and previous in _CONJUNCTIONS):
            return True
    return False


def with_its_rate(thing: str, sentence: str, end: int) -> str:
    """A figure keeps the rate it is said with: "35 miles" is "35 miles per hour" when the
    sentence goes on so ("15 metres per second"); a price per unit is already whole."""
    rate = _RATE.match(sentence, end)
    if rate and any(map(_NUMBER.match, _words(thing))) and not _MONEY.search(thing):
        return f"{thing} per {rate.group(1)}"
    return thing


def slot_verdict(
    thing: str, sentence: str, start: int, end: int, verb_slot: bool, quoted: bool = False
) -> SlotVerdict:
    """Whether `thing`, read from sentence[start:end], is a whole constituent there
    (`quoted`: every template quotes it, so a clause may run on as the operator said it)."""
    words = _words(thing)
    if not words:
        return SlotVerdict.FITS
    if _ends_open(words) or ", not " in thing.lower() or _CONTRACTED_END.search(thing):
        return SlotVerdict.NONE  # also "whoever's [around]": the verb is all that is left
    if _EXCLUDED_BEFORE.search(sentence, 0, start) and not verb_slot:
        return SlotVerdict.NONE  # "to the bursar, not the music teacher": not a party to it
    if len(words) == 1 and words[0] in _CADENCE:
        return SlotVerdict.NONE  # "What is looked for in weekly"
    named = (
        words[0] in DETERMINERS or (thing[:1].isupper() and bool(sentence[:start].strip()))
    ) and not any(w in _AUXILIARIES or w.endswith("n't") for w in words)
    if named and not quoted and _spans_an_adjunct(words):
        return SlotVerdict.NONE  # "the depot for three weeks", "the supplier until spring"
    lead = sentence[:start]
    last_two = _words(lead[-60:])[-2:]  # the words just before: no need to read them all
    before = last_two[-1:]
    if verb_slot and before and _is_modifier(before[-1]):
        return SlotVerdict.NONE  # "The chase crew": a noun, not the verb "chase"
    if not verb_slot and _inside_a_compound(last_two) and lead.endswith(" "):
        return SlotVerdict.NONE  # "the ride's daily check card": "check" names the card
    if quoted and _LIST_GOES_ON.match(sentence, end):
        return SlotVerdict.NONE  # "the card covers restraints[, hydraulics … and the fencing]"
    following = re.match(r" +([A-Za-z][\w'-]*|\d)", sentence[end:])
    next_word = following.group(1).lower() if following else ""
    if len(words) >= 2 and words[-2] == "for" and next_word and next_word not in _NEEDS_MORE:
        return SlotVerdict.NONE  # "the laboratory for bacteria [counts]": cut in its phrase
    if next_word in _CONTINUES:
        return SlotVerdict.NO_QUOTE  # "unless the judge directs [otherwise]"
    lead = lead[max(lead.rfind(","), lead.rfind(";")) + 1 :]
    if (
        _NEGATION.search(" ".join(lead.split()[-3:]))
        and not _NEGATION.search(thing)
        and words[0] not in DETERMINERS | PREPOSITION_START  # "[has not arrived] by noon"
        and not (before and before[-1] in DETERMINERS)
    ):
        return SlotVerdict.NO_QUOTE  # "we don't try to | glaze at night": quoting drops the "don't"
    return SlotVerdict.FITS


def repeated_for_a_while(op: str, sentence: str, start: int, thing: str) -> bool:
    """A stretch of time after a repeated step is how long it goes on ("checked weekly for
    six weeks", "sampled every day for a month"), not a limit anyone set or passes; and a
    count after "for" that is no time is what is done, not a limit ("tested for five
    infections")."""
    if op != "for":
        return False
    return bool(_CADENCE_BEFORE_FOR.search(sentence, 0, start)) or not _TIME.search(thing)


def checked_thing(
    thing: str,
    sentence: str,
    span: tuple[int, int],
    templates: list[str],
    verb_slot: bool,
    op: str,
) -> tuple[str, SlotVerdict]:
    """The thing as the templates will ask it (a figure with its rate) and what it allows,
    for a cue match at sentence[span]; only templates that end the slot there are judged
    (one that goes on after it, "{thing} {word} {cond}", quotes the clause whole)."""
    uses = [template for template in templates if "{thing}" in template]
    if not any(map(_THING_ENDS.search, uses)):
        return thing, SlotVerdict.FITS
    start, end = span
    thing_end = start + len(thing) if len(thing) < end - start else end
    thing = with_its_rate(thing, sentence, thing_end)
    quoted = all('"{thing}' in template for template in uses)
    fit = slot_verdict(thing, sentence, start, thing_end, verb_slot, quoted)
    if repeated_for_a_while(op, sentence, start, thing):
        fit = SlotVerdict.NONE
    return thing, fit
