"""What a short turn says, read as follow-ups: its conditions, its I/we clauses, its phrases.

Each reading names a clean phrase of the turn in the listener's person ("If my train is
cancelled" -> "What happens when your train is cancelled — what do you do then?") and
refuses what would read as a fragment: a clause cut at an aside, a verb taken for a
thing, a name glued to the word before it, a way of speaking ("a good idea").
short_turn.py chooses among them.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

from tacit.question_engine.grammar import is_plural
from tacit.question_engine.probe import COMPOUND_HEADS
from tacit.question_engine.slot_words import CALENDAR_WORDS
from tacit.question_engine.slots import Lexicon
from tacit.question_engine.specific import in_an_idiom, names_people, specific_question
from tacit.question_engine.text import word_set
from tacit.question_engine.turn_words import (
    AUXILIARIES,
    CUT_BEFORE,
    DETERMINERS,
    FILLER_RUN,
    HEDGES,
    MAX_PHRASE_WORDS,
    MENTAL,
    NOT_SAID,
    OTHER_SUBJECTS,
    PHRASE_STOP,
    PLEASANTRY,
    PRONOUN_END,
    SUBJECTS,
    TAIL_DANGLING,
    TO_YOU,
    TOKEN,
    WH,
    FollowUp,
    named_stems,
    salient,
)
from tacit.question_engine.word_kinds import verb_form, verb_or_adjective


def readings(text: str, lexicon: Lexicon) -> list[FollowUp]:
    """Every follow-up the turn allows: its conditions, its I/we clauses, its phrases."""
    found: list[FollowUp] = []
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
        if PLEASANTRY.search(sentence):
            continue  # the quote stays as said; the follow-up's words never hold a filler
        tokens = TOKEN.findall(FILLER_RUN.sub(" ", sentence.replace("’", "'")))
        found.extend(_conditions(tokens, sentence))
        found.extend(_clauses(tokens, sentence))
        found.extend(_phrases(tokens, sentence, lexicon))
    return found


def _run(tokens: Sequence[str], start: int) -> list[str]:
    """Words from start to the end of their clause, in the listener's person (I -> you),
    hedges dropped, cut to a clean end; empty when the clause ends on a pronoun ("choose
    it") or holds an embedded question ("how tidy …"): cut, those read as fragments."""
    run: list[str] = []
    for token in tokens[start:]:
        low = token.lower()
        if not token[0].isalpha() or (run and (low in PHRASE_STOP or low in SUBJECTS)):
            break  # a new clause: "if my train is late I work from home"
        if run and low in OTHER_SUBJECTS and run[-1].lower().endswith(("ed", "en")):
            break  # "if a hedge is listed you need …": the participle ends the condition
        if low in WH:
            return []
        if low in HEDGES or low in ("um", "uh", "er"):
            continue
        run.append(TO_YOU.get(low, token))
    if len(run) > MAX_PHRASE_WORDS:
        cut = max(
            (i for i, w in enumerate(run[: MAX_PHRASE_WORDS + 1]) if w.lower() in CUT_BEFORE),
            default=MAX_PHRASE_WORDS,
        )
        run = run[: max(cut, 2)]
    while run and (
        run[-1].lower() in TAIL_DANGLING
        or (len(run) > 3 and run[-1].lower().endswith("ed") and _after_noun(run[-2]))
    ):
        if run.pop().lower() in ("than", "as"):  # "owes more than, say, …": half a comparison
            return []
    if run and run[-1].lower() in PRONOUN_END:
        return []
    return run


_BE_OR_GET = word_set("is was am be been being get gets got getting")


def _after_noun(word: str) -> bool:
    """Whether a participle follows a thing ("restaurants compared …": cut there), not an
    adverb or a form of be ("fully booked", "is cancelled": the participle is the point)."""
    low = word.lower()
    return not (low.endswith("ly") or low in AUXILIARIES or low in _BE_OR_GET)


def _weather(run: Sequence[str]) -> bool:
    """'it is windy', 'it gets busy': a state of things, not a pronoun for something said."""
    low = [w.lower() for w in run]
    return len(low) == 3 and low[:2] in (["it", "is"], ["it", "gets"], ["it", "was"])


def _conditions(tokens: Sequence[str], quote: str) -> list[FollowUp]:
    """'If the clinic doesn't take my insurance, …' -> 'What happens when the clinic
    doesn't take your insurance — what do you do then?'"""
    found: list[FollowUp] = []
    for index, token in enumerate(tokens):
        if token.lower() not in ("if", "when", "whenever"):
            continue
        run = _run(tokens, index + 1)
        lead = [w.lower() for w in run[:2]]
        if (
            len(run) < 3
            or (lead[0] in ("it", "that", "this", "there") and not _weather(run))
            or verb_form(lead[0])  # "when starting the degree": no subject, no condition
            or any(w in MENTAL for w in lead)
        ):
            continue
        clause = " ".join(run)
        named = named_stems(clause)
        if named:
            found.append(
                FollowUp(
                    f"What happens when {clause} — what do you do then?",
                    "edge_case",
                    quote,
                    named,
                )
            )
    return found


def _clauses(tokens: Sequence[str], quote: str) -> list[FollowUp]:
    """'I usually prefer the casual ones' -> 'You said you prefer the casual ones — why is
    that, and can you give an example?'"""
    found: list[FollowUp] = []
    for index, token in enumerate(tokens):
        low = token.lower()
        before = tokens[index - 1].lower() if index else ""
        if low not in SUBJECTS or before in NOT_SAID or _phrase_word(before, None):
            continue  # "the clinics I've been to": a relative clause, not what was said
        run = _run(tokens, index + 1)
        if SUBJECTS[low]:
            run = [SUBJECTS[low], *run]
        verb = next((w.lower() for w in run if w.lower() not in AUXILIARIES), "")
        if len(run) < 2 or verb in MENTAL or verb in ("be", "been", "was", "am", "is"):
            continue
        phrase = " ".join(run)
        said = " ".join(run[1:] if SUBJECTS[low] else run).lower()
        if said not in " ".join(quote.lower().split()):
            continue  # words left out between ("charge $30 an hour"): it would misquote
        named = named_stems(" ".join(run[1:]))  # the verb alone is not what the turn is about
        if not named:
            continue
        named |= named_stems(run[0])
        if _incident(run):  # "we've had a van stuck outside": an incident, not a practice
            text = f"You said you {phrase} — how often does that happen, and what does it cost?"
            found.append(FollowUp(text, "edge_case", quote, named))
            continue
        check = _routine_check(run)
        if check:  # "we do a filter test": what matters is what happens when it fails
            text = (
                f"What happens when {check} fails or can't be done — who decides what happens next?"
            )
            found.append(FollowUp(text, "exception", quote, named))
            continue
        template = _CLAUSE_TEMPLATES[zlib.crc32(phrase.lower().encode()) % 2]
        found.append(FollowUp(template.format(phrase=phrase), "implicit_rule", quote, named))
    return found


_PARTICIPLES = word_set("stuck stood left lost broken sent taken gone caught")


def _incident(run: Sequence[str]) -> bool:
    """'have had a van stuck outside': something that happened, said as 'have had' + a
    case + what happened to it (not 'have had the same supplier for years')."""
    low = [w.lower() for w in run]
    return (
        low[:2] == ["have", "had"]
        and len(low) > 3
        and low[2] in ("a", "an", "two", "three", "some")
        and any(w.endswith("ed") or w in _PARTICIPLES for w in low[4:])
    )


_CHECK_HEADS = word_set("test tests check checks inspection inspections audit audits count")
_CHECK_VERBS = word_set("do run carry make perform take")


def _routine_check(run: Sequence[str]) -> str:
    """'do a filter integrity test' -> 'the filter integrity test'; '' if no check is done."""
    low = [w.lower() for w in run]
    if len(low) < 3 or low[0] not in _CHECK_VERBS or low[1] not in ("a", "an", "the", "our"):
        return ""
    if low[-1] not in _CHECK_HEADS or any(w in _CHECK_HEADS for w in low[2:-1]):
        return ""
    return " ".join(["the", *run[2:]])


_CLAUSE_TEMPLATES = (
    "You said you {phrase} — why is that, and can you give an example?",
    "You said you {phrase} — can you tell me more about how that goes?",
)
_VERB_BEFORE = (
    SUBJECTS.keys()
    | AUXILIARIES
    | word_set("to you they he she it much not never is are was were be been it's they're that's")
)
_GENERIC_HEADS = word_set(
    """idea ideas day days time times factor factors thing things job jobs luck news deal
    deals point points reason reasons way ways lot lots bit one ones stuff question
    questions chance sign option options choice choices part parts number amount side
    sides mood morning night evening week weeks month months year years guy guys people
    person home"""
)
_OBJECT_START = DETERMINERS | word_set("every each all")
_POSSESSIVE_OR_TO = word_set("to my our your their his her its")
_OBJECT_PRONOUNS = word_set("it them him her us me")
_INTENSIFIERS = word_set("very pretty quite so too fairly rather")
_BY_ARTICLE = {"my": "your", "our": "your", "the": "the", "this": "the", "that": "the"}


def _phrases(tokens: Sequence[str], quote: str, lexicon: Lexicon) -> list[FollowUp]:
    """Noun phrases ('the beautiful views', 'Google reviews'), each asked about once."""
    found: list[FollowUp] = []
    index = 0
    while index < len(tokens):
        first = index
        before = index - 1
        while before >= 0 and tokens[before].lower() in HEDGES | _INTENSIFIERS:
            before -= 1  # "a really simple website": the article counts, not the hedge
        determiner = tokens[before].lower() if before >= 0 else ""
        run: list[str] = []
        while index < len(tokens) and _phrase_word(tokens[index], lexicon):
            if run and run[-1].islower() and tokens[index][:1].isupper():
                break  # "on weekends Kwame …": a name starts something else
            run.append(tokens[index])
            index += 1
        index += 1
        if not run or determiner in _VERB_BEFORE or determiner in WH:
            continue  # a verb after its subject or 'to', not a thing
        if verb_form(run[0].lower()) and determiner not in DETERMINERS and not _modified(run):
            continue  # "getting wet": a verb, not a thing ("walking distance" is one)
        if lexicon is not None and before >= 0 and _named_person(tokens[before], lexicon):
            continue  # "Priya packs": what a named person does, not a thing
        following = run[1] if len(run) > 1 else tokens[index - 1] if index <= len(tokens) else ""
        inside = first > 0 and tokens[first - 1] not in ".!?"
        if lexicon is not None and inside and lexicon.at_work(run[0], following):
            continue  # "and Sunita checks the sheets": someone at work, not a thing
        if len(run) == 1 and following.lower() in _OBJECT_PRONOUNS:
            continue  # "… and files it in the tray": a verb before its object
        after = tokens[index - 1].lower() if index - 1 < len(tokens) else ""
        while run and (verb_or_adjective(run[-1].lower()) or verb_form(run[-1].lower())):
            if len(run) > 1 and run[-1].lower() in COMPOUND_HEADS:
                break  # "the pressure test": a head noun, not a verb
            after = run.pop().lower()  # the head is a noun: "views", not "beautiful"
        if (
            len(run) > 1
            and not verb_or_adjective(run[-2].lower())  # "late jobs to …": jobs is the thing
            and (
                after in _POSSESSIVE_OR_TO
                or ((verb_form(after) or after in _OBJECT_START) and run[-1].lower().endswith("s"))
            )
        ):
            run.pop()  # "my illness tends to", "the office keeps running": a verb, no thing
        while len(run) > 1 and run[-1].lower() in _TRAILING_ADVERBS:
            run.pop()  # "the yard overnight": the thing is the yard
        if len(run) > 1 and _verb_after_its_subject(run, lexicon):
            run.pop()  # "the shift lead opens", "price matters": a verb after its subject
        opens_sentence = first == 0 or tokens[first - 1] in ".!?"
        if opens_sentence and _aside(run, tokens, first):
            continue  # "Sounds daft, but …": a comment on what was said, not a thing
        if opens_sentence:
            run[:1] = [run[0].lower()] if run and run[0][1:].islower() else run[:1]
        while run and run[0].lower() in CALENDAR_WORDS:
            run.pop(0)  # "Every Friday Bea goes through …": a day is when, not a thing
        run = run[-4:]
        named = named_stems(" ".join(run))
        if not named or run[-1].lower() in _GENERIC_HEADS or in_an_idiom(run[-1], quote):
            continue  # "a good idea", "a big factor", "in my head": a way of speaking
        if lexicon is not None and run[-1].lower() in lexicon.roles:
            continue  # "the crane engineer": a person's role, asked of their work elsewhere
        if all(_NUMBER.fullmatch(w) for w in run):
            continue  # "about ten files a week" cut to "ten": a count, not a thing
        phrase = " ".join(run)
        if len(run) > 1 and verb_or_adjective(run[0].lower()):
            text = f'What do you mean by "{phrase}" — can you give an example?'
        else:
            lead = _BY_ARTICLE.get(determiner, "")
            if not lead and phrase.islower() and not is_plural(phrase):
                lead = "the"
            named_as = f"{lead} {phrase}".strip()
            text = f"What matters most to you about {named_as} — can you give an example?"
            shaped = (
                None if _a_person(run[-1], lexicon) else _reading(phrase, named_as, quote, lexicon)
            )
            if shaped:  # the plain question stays behind it, should the session have this
                found.append(FollowUp(shaped[0], shaped[1], quote, named))
        found.append(FollowUp(text, "implicit_rule", quote, named))
    return found


# a sentence that says when the usual way does not hold: its things are asked as exceptions
_DEPARTURE = re.compile(
    r"\b(?:don't|doesn't|won't|can't|cannot|never|unless|except|instead|otherwise|refuses?|"
    r"cancel(?:s|led)?|rejects?|send (?:it |them )?back|turn (?:it |them )?away)\b",
    re.IGNORECASE,
)
_SET_ASIDE = "When {0} {1} handled differently from usual — and who decides then?"
_LIMIT = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|ninety|hundred|within|at least|at most|more than|"
    r"less than|over|under|up to)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|ninety|hundred|thousand|dozen)"
)
_HARD_CASE = "What is the hardest case with {0} — how often does it come up, and what happens then?"


_TRAILING_ADVERBS = word_set(
    "overnight later again anyway too instead already yet here there now then today tomorrow"
    " tonight away afterwards straight first"
)


def _aside(run: Sequence[str], tokens: Sequence[str], start: int) -> bool:
    """A sentence opened by a bare -s word, one word and a comma ('Sounds daft,', 'Seems
    odd,'): a verb with its subject left out, commenting on what was just said."""
    opener = run[0].lower() if run else ""
    said = tokens[start : start + 3]
    return opener.endswith("s") and len(said) == 3 and said[1][:1].isalpha() and said[2] == ","


def _verb_after_its_subject(run: Sequence[str], lexicon: Lexicon | None) -> bool:
    """Whether the run ends in a verb's -s form after a singular noun ('lead opens')."""
    last, before = run[-1].lower(), run[-2].lower()
    if lexicon is None or not last.endswith("s") or last.endswith(("ss", "us", "is")):
        return False
    verb = (
        lexicon.is_verb(last[:-1])
        or (  # "capsizes", and "fixes", "watches"
            last.endswith(("ches", "shes", "xes", "sses")) and lexicon.is_verb(last[:-2])
        )
    )
    return verb and not before.endswith("s")  # "sites" is no "sit"


def _shaped(phrase: str, named_as: str, quote: str) -> tuple[str, str] | None:
    """A thing's follow-up and category from its sentence's shape: set aside (exception),
    a number or limit (edge_case); None for a plain sentence (what matters about it)."""
    if _DEPARTURE.search(quote):
        return _SET_ASIDE.format("are" if is_plural(phrase) else "is", named_as), "exception"
    if _LIMIT.search(quote):
        return _HARD_CASE.format(named_as), "edge_case"
    return None


def _reading(
    phrase: str, named_as: str, quote: str, lexicon: Lexicon | None
) -> tuple[str, str] | None:
    """The specific question its sentence makes worth asking (specific.py), else its shape's."""
    people = lexicon is not None and names_people(named_as, quote, lexicon.roles, lexicon.is_verb)
    return (None if people else specific_question(named_as, quote)) or _shaped(
        phrase, named_as, quote
    )


def _a_person(head: str, lexicon: Lexicon | None) -> bool:
    """A role, customer or name ('only Bea can waive it'): how they are handled is no
    exception or hard case of theirs."""
    word = head.lower().removesuffix("s")
    if head[:1].isupper() and head[1:].islower():
        return True
    return word in ("customer", "client", "head") or (lexicon is not None and word in lexicon.roles)


def _modified(run: Sequence[str]) -> bool:
    """An -ing word naming a kind of its noun ("walking distance", "hiking trails")."""
    head = run[-1].lower()
    return len(run) == 2 and (head.endswith(_NOUN_ENDINGS) or head in _KIND_HEADS)


_NOUN_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship", "ure")
_KIND_HEADS = word_set("distance trail trails shoes boots gear time times area areas spot")


def _phrase_word(token: str, lexicon: Lexicon | None) -> bool:
    low = token.lower()
    return (
        token[:1].isalpha()
        and salient(low)
        and not low.endswith("ly")
        and low not in PHRASE_STOP
        and low not in AUXILIARIES  # "the night nurse may [give …]": a modal ends the thing
        and low not in WH  # "Whether a tin is sold": a clause opens, no thing
        and (lexicon is None or not (lexicon.is_verb(low) or _named_person(token, lexicon)))
    )


def _named_person(token: str, lexicon: Lexicon) -> bool:
    """A capitalised first name: the subject of what follows, never part of a thing."""
    return token[:1].isupper() and token.lower() in lexicon.first_names
