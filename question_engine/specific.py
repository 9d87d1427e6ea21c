"""The specific question about a thing, read from the shape of the sentence it was said in.

A quiet segment's main term and a short turn's phrases used to get a catch-all question
("What would a newcomer need to know about X", "What matters most to you about X"): it
names the thing but asks nothing about it, in a category annotators rarely choose. An
experienced engineer asks what the sentence makes worth asking: where the thing passes to
someone, the hand-off; where it is set aside ("but not …"), who decides; where it can be
missing or late, what happens then; where a rule or a number bounds it, the hard case;
where it lives in someone's head, the unwritten rule; where it is kept on a laptop or on
paper, where it should live. Only the sentence's shape is read (function words and a few
verbs), never a domain's words; a plain sentence gets no reading (None).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from tacit.question_engine.grammar import is_plural
from tacit.question_engine.text import word_set

_I = re.IGNORECASE


def _word_spans(text: str, phrase: str) -> list[int]:
    """Where `phrase` starts as whole words in `text`, ignoring case. Plain string search:
    a pattern built per phrase is compiled anew for every thing asked about (each one
    cost about a millisecond per segment)."""
    low, wanted = text.lower(), phrase.lower()
    starts: list[int] = []
    at = low.find(wanted)
    while wanted and at >= 0:
        end = at + len(wanted)
        before = low[at - 1] if at else " "
        after = low[end] if end < len(low) else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            starts.append(at)
        at = low.find(wanted, at + 1)
    return starts


# a report-like thing someone reads ("the kennel list", "the weekly figures")
_REPORT_HEAD = re.compile(
    r"\b(?:reports?|summar(?:y|ies)|digests?|figures|dashboards?|scorecards?|minutes|"
    r"lists?|schedules?|rotas?|statements?|results|numbers|totals|stats|briefings?)$",
    _I,
)
_READ_BY = re.compile(
    r"\b(?:goes|go|went|is|are|gets?|get)\s+(?:\w+\s+)?(?:to|for)\b|\b(?:sent|emailed|posted|"
    r"circulated|forwarded|shared|copied|printed)\b|\b(?:reads?|reviews?|looks? at|checks?)\b",
    _I,
)
# the thing is passed on to someone else ("referred to", "handed over to", "goes to")
_PASSED_ON = re.compile(
    r"\b(?:goes|go|went|sent|send|sends|passed|pass(?:es)?|handed|hands?|referred|refers?|"
    r"forwarded|forwards?|escalated|escalates?|transferred|transfers?|moved|returned|"
    r"delivered|taken|brought)\s+(?:it\s+|them\s+)?(?:on\s+|over\s+|back\s+|up\s+|across\s+)?"
    r"(?:to|into)\s+(?:the|a|an|our|their|his|her)\b",
    _I,
)
# a condition that the thing, or something it needs, is not there ("if the note isn't in")
_MISSING = re.compile(
    r"\b(?:if|when|whenever|unless|once)\b[^.;!?]{0,60}?\b(?:isn't|aren't|wasn't|weren't|"
    r"doesn't|don't|didn't|hasn't|haven't|not|no|missing|lost|late|broken|wrong|damaged|"
    r"expired|out of)\b",
    _I,
)
# the usual way set aside ("but not the big ones", "except", "instead", "never")
_SET_ASIDE = re.compile(
    r"\b(?:but not|except|unless|instead|otherwise|apart from|other than|never|don't|"
    r"doesn't|won't|refuses?|rejects?|turn (?:it |them )?away|send (?:it |them )?back)\b",
    _I,
)
# a judgment or a choice someone makes about it
_CHOICE = re.compile(
    r"\b(?:decides?|decided|judg(?:e|es|ed|ment)|discretion|choice|chooses?|"
    r"judgment call)\b",
    _I,
)
# a rule or a bound on it ("have to be", "must", "within two days", "at least")
_NUMBER_WORD = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|ninety|hundred)"
)
_BOUND = re.compile(
    r"\b(?:must|has to|have to|had to|needs? to|required|within|at least|at most|more than|"
    r"less than|fewer than|up to|no later than|deadline|cut-?off|limit)\b|\b"
    + _NUMBER_WORD
    + r"\s+(?:working\s+|business\s+|calendar\s+)?(?:minutes?|hours?|days?|weeks?|months?|"
    r"years?|percent|per cent|times|strikes|incidents|attempts|tries)\b|%",
    _I,
)
# knowledge kept by a person, not written down
_IN_A_HEAD = re.compile(
    r"\b(?:in (?:my|his|her|their|our) heads?|by eye|gut|instinct|a feel for|just know|"
    r"from experience|nobody else knows|only (?:I|he|she|they) know)\b",
    _I,
)
# kept somewhere personal or unmanaged
_KEPT_LOCALLY = re.compile(
    r"\b(?:spreadsheet|laptop|notebook|whiteboard|on paper|paper file|folder|desk|"
    r"phone|whatsapp|own inbox|sticky notes?|post-its?)\b",
    _I,
)


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_PEOPLE_WORDS = word_set(
    "customer client head member staff person people chair owner patient user family"
)


def names_people(
    named: str, sentence: str, roles: Collection[str], is_verb: Callable[[str], bool]
) -> bool:
    """Whether the thing is people ("the audiologist", "examiners", "department heads"):
    how a person is handled is no hard case or exception of theirs, so no reading asks."""
    words = re.findall(r"[A-Za-z]+", named)
    if not words:
        return True
    nexts = (
        _NEXT_WORD.match(sentence, at + len(words[-1])) for at in _word_spans(sentence, words[-1])
    )
    following = next((found for found in nexts if found), None)
    heads = [words[-1]] + ([following.group(1)] if following else [])
    for head in heads:
        low = head.lower()
        single = low[:-1] if low.endswith("s") and not low.endswith("ss") else low
        if head is words[-1] and head[:1].isupper():
            return True  # a name
        if single in roles or single in _PEOPLE_WORDS:
            return True
        if single.endswith("ist") and not single.endswith("list"):
            return True  # "the audiologist"
        if single.endswith(("er", "or")) and any(
            is_verb(base) for base in (single[:-2], single[:-1], single[:-3])
        ):
            return True  # an agent noun: "examiners", "the planner", "the assessor"
    return False


def _be(named: str) -> str:
    return "are" if is_plural(named) else "is"


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", _I)
_DETERMINER = re.compile(r"^(?:the|a|an|our|their)\s+", _I)
# "(back) to the", "into": what follows is where something goes
_TOWARDS = re.compile(r"\b(?:to|into)\s+(?:(?:the|a|an|our|their)\s+)?$", _I)
_CLAUSE_BREAK = re.compile(r"[,;:—–]|\s-\s|\b(?:but|and then|so|then)\b", _I)
_CONDITION = re.compile(r"^\W*(?:if|when|whenever|unless|once)\b", _I)


def _clause_of(sentence: str, named: str) -> str:
    """The clause of `sentence` the thing is said in ("but not the big ones"); a condition
    keeps its opening word ("if the note isn't in the crate")."""
    bare = _ARTICLE.sub("", named)
    spans = _word_spans(sentence, bare)
    if not spans:
        return ""
    start, end = spans[0], spans[0] + len(bare)
    starts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)]
    ends = [m.start() for m in _CLAUSE_BREAK.finditer(sentence, end)] + [len(sentence)]
    return sentence[starts[-1] : ends[0]]


def _destination(named: str, clause: str) -> bool:
    """Whether the thing is where something goes ("back to the home", "into the tank"): a
    place, no thing to ask about."""
    bare = _DETERMINER.sub("", named)
    return any(_TOWARDS.search(clause[:at]) for at in _word_spans(clause, bare))


def _said_before(named: str, clause: str, match: re.Match[str] | None) -> bool:
    """Whether the thing is said before the match: what is passed on, not where it goes
    ("we send it back to the home": the home is no thing passed on)."""
    spans = _word_spans(clause, _ARTICLE.sub("", named))
    return match is not None and bool(spans) and spans[0] < match.start()


_FUNCTION_WORDS = word_set("the a an it them to into on over back up our their his her my")


def _outside(named: str, match: re.Match[str] | None) -> bool:
    """A shape found, and the thing is not one of its own words ("in my head": no 'head')."""
    if match is None:
        return False
    said = {w.lower() for w in re.findall(r"[A-Za-z]+", match.group(0))} - _FUNCTION_WORDS
    return not said & {w.lower() for w in re.findall(r"[A-Za-z]+", named)}


def in_an_idiom(named: str, sentence: str) -> bool:
    """Whether the thing is a word of an idiom of the sentence ("in my head": 'the head'),
    which is no thing to ask about."""
    idiom = _IN_A_HEAD.search(sentence)
    return idiom is not None and not _outside(named, idiom)


def specific_question(named: str, sentence: str) -> tuple[str, str] | None:
    """(question, category) asking what `sentence` makes worth asking about `named` (the
    thing as a question names it: "the kennel list", "tomato seedlings"); None when the
    sentence has no shape that says which."""
    be = _be(named)
    it = "them" if be == "are" else "it"
    clause = _clause_of(sentence, named)
    if not clause or _destination(named, clause):
        return None
    if _REPORT_HEAD.search(named) and _READ_BY.search(clause):
        return f"Who reads {named}, and what do they decide from it?", "reporting"
    passed = _PASSED_ON.search(clause)
    if _outside(named, passed) and _said_before(named, clause, passed):
        return (
            f"When {named} {be} passed on, what goes with {it} — and how does the next person"
            f" know {'they' if be == 'are' else 'it'} arrived and {be} theirs?",
            "handoff",
        )
    if _outside(named, _IN_A_HEAD.search(sentence)):
        return (
            f"What do you know about {named} that isn't written down anywhere — what would a"
            " new hire get wrong?",
            "implicit_rule",
        )
    if _outside(named, _KEPT_LOCALLY.search(sentence)):
        return (
            f"Where should {named} live so others can see and update {it} — and may the agent"
            f" read {it} there?",
            "operational_decision",
        )
    if _CONDITION.search(clause) and _MISSING.search(clause):
        return (
            f"What happens when {named} {be} missing, late or wrong — how often does that"
            " happen, and what do you do then?",
            "edge_case",
        )
    if _SET_ASIDE.search(clause) or _CHOICE.search(clause):
        return f"When {be} {named} handled differently from usual — and who decides then?", (
            "exception"
        )
    if _BOUND.search(clause):
        return (
            f"What is the hardest case with {named} — how often does it come up, and what"
            " happens then?",
            "edge_case",
        )
    return None
