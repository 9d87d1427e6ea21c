"""Offline rule drafting: turn what was said into statement / when / then / unless.

It recognises the shapes operators use for rules — "X unless Y", "X except when Y",
"if X then Y", "X if Y", "by X, but Y" — and fills only what the words say: every
field is a piece of the answer or the quote itself, and what cannot be parsed stays
in the statement. A question about an exception keeps the base rule the operator
stated (the question's quote) and adds the answer as an unless-clause; the
statement is never the question's own text.
"""

from __future__ import annotations

import re

from tacit.question_engine.text import clean, word_set
from tacit.question_engine.types import RuleDraft

_TRIM = " \t\n,;:.—–-"

_UNLESS = re.compile(
    r"^(?P<then>.+?),?\s+(?:unless|except(?:\s+(?:when|if|where|for))?|apart from when|"
    r"other than when|but not\s+(?:when|if))\s+(?P<cond>.+?)"
    r"(?:(?:,\s*|\s+)(?:in which case|and then|then|—|–)\s+(?P<alt>.+))?$",
    re.IGNORECASE | re.DOTALL,
)
_BUT_IF = re.compile(
    r"^(?P<then>.+?),?\s+but\s+(?:if|when|whenever|for)\s+(?P<cond>.+?)(?:,(?!\d)\s*|\s+then\s+)"
    r"(?P<alt>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_BUT = re.compile(r"^(?P<then>.+?),(?!\d)\s+but\s+(?P<cond>.+)$", re.IGNORECASE | re.DOTALL)
_IF_THEN = re.compile(
    r"^(?:if|when|whenever|once|as soon as)\s+(?P<when>.+?)"
    r"(?:,?\s+then\s+|,(?!\d)\s*)(?P<then>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_THEN_IF = re.compile(
    r"^(?P<then>.+?)(?<!\beven)\s+(?:only\s+)?(?:if|when|whenever|as long as|provided that)\s+"
    r"(?P<when>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_LEADING_EXCEPTION = re.compile(
    r"^(?:unless|except(?:\s+(?:when|if|where|for))?|but not\s+(?:when|if))\s+(?P<cond>.+?)"
    r"(?:,(?!\d)\s*(?:in which case|which|where|then|they|it)?\s*(?P<alt>.+))?$",
    re.IGNORECASE | re.DOTALL,
)
_ONLY_IF = re.compile(r"^only\s+(?:if|when)\s+(?P<when>.+)$", re.IGNORECASE | re.DOTALL)
# "if X it stays ...": a condition with no comma or "then", ended by the outcome's subject
_IF_SUBJECT = re.compile(
    r"^(?:if|when|whenever|once|as soon as)\s+(?P<when>\S+(?:\s+\S+)+?)\s+"
    r"(?P<then>(?:it|they|we|she|he|you)(?:'[a-z]+)?\s+\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
# what follows a comma that qualifies the outcome rather than starting it
_QUALIFIER = re.compile(r"^(?:even|except|unless|but|and|or|as long as|because|so)\b", re.I)
# "Janet's territory needs to stay with ...": who or what the exception is about, and its outcome
_SUBJECT_PREDICATE = re.compile(
    r"^(?P<subject>(?:\S+\s+){0,5}?\S+?)\s+(?P<predicate>(?:needs? to|has to|have to|must|"
    r"should|always|never|stays?|goes|go|gets?|keeps?|is|are|will|won't|can't|cannot|"
    r"belongs?|remains?)\b.+)$",
    re.IGNORECASE | re.DOTALL,
)
# "but only up to 20000 euros": a limit; the exception is what lies beyond it
_LIMIT = re.compile(
    r"^only\s+(?:(?P<most>up to|at most)|(?P<less>below|under|less than|fewer than))\s+"
    r"(?P<amount>.+)$",
    re.IGNORECASE | re.DOTALL,
)
# "Above that it waits for Maria.": the outcome beyond the limit, said in its own sentence
_BEYOND = re.compile(
    r"^(?:(?:above|over|beyond|past)\s+(?:that|this|it)|otherwise|if not)\b,?\s*(?P<alt>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_PRONOUN = re.compile(r"^(?:it|they|we|she|he|you|i|this|that|there)$", re.IGNORECASE)
# spoken lead-ins that carry no rule: "Well,", "Mostly.", "Yeah, ..."
_FILLER = re.compile(
    r"^(?:(?:well|so|honestly|basically|i mean|um|uh)\b(?!-)[,.!:;—–-]*\s*"
    r"|(?:yes|no|yeah|yep|nope|right|sure|ok|okay|mostly|oh|correct|exactly)[,.!:;—–-]+\s*)+",
    re.IGNORECASE,
)
# a question that probes exceptions to what was said ("When do you *not* ...", "always?")
_ABOUT_EXCEPTION = re.compile(
    r"\b(?:not|never|exceptions?|unless|except|ever|always|instead|otherwise|override|"
    r"deviate|differently)\b|n't\b",
    re.IGNORECASE,
)

_FREQUENCY = re.compile(
    r"\b(?:(?:about|around|roughly|maybe|like|under|over|less than|more than)\s+)?"
    r"(?:\d+(?:\.\d+)?\s?(?:%|percent)(?:\s+of\s+(?:the\s+)?[a-z]+)?"
    r"|(?:once|twice|\d+\s+times?|a (?:few|couple of) times)\s+(?:a|per|every)\s+\w+"
    r"|one in (?:\d+|ten|a hundred|a thousand)"
    r"|almost never|hardly ever|rarely|seldom|occasionally|most of the time"
    r"|every (?:day|week|month))"
    r"\b",
    re.IGNORECASE,
)
_PERSON = r"\b[A-Z][a-z]+|\bthe\s+[a-z-]+(?:\s+(?!and\b|or\b|then\b)[a-z-]+){0,2}?"
_END = r"(?=[,.;]|$|\s+(?:and|but|if|when|unless)\b)"
_OWNER = re.compile(
    r"(?:\b(?:decided|approved|signed off|made)\s+by\s+(?P<by>(?:the\s+)?[\w' -]{2,30}?)"
    + _END
    + r"|\bup to\s+(?P<upto>(?:the\s+)?[\w' -]{2,30}?)"
    + _END
    + r"|(?P<who>"
    + _PERSON
    + r")\s+(?:decides|makes the call|has the final say|"
    r"has the last word|signs off|approves)\b"
    r"|(?P<calls>" + _PERSON + r")'s\s+call\b"
    r"|(?P<can>\b[A-Z][a-z]+|\b[Tt]he\s+[a-z-]+(?:\s+[a-z-]+){0,2}?)\s+can\s+(?:waive|override|"
    r"overrule|authori[sz]e|make (?:an )?exceptions?)\b)",
)
# "At exactly 500 it's one van", "For regular shops we split it": the situation an answer
# opens on, then what happens in it
_OPENING_SITUATION = re.compile(
    r"^(?P<cond>(?:at|for|on|in|during|after|before|below|under|above|over|with|without|"
    r"outside)\s+[^,]+?)(?:,\s*|\s+)(?P<alt>(?:it|they|we|he|she|you|there|that|this|"
    r"nobody|no one)(?:'[a-z]+)?\s+\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
# "When Tomas is out, who covers …", "What happens if the scan fails — …": the situation a
# question names; an auxiliary right after "when" ("When do you …?") asks for one instead
_ASKED_SITUATION = re.compile(
    r"^(?:what happens\s+)?(?:when|if|whenever)\s+"
    r"(?!(?:do|does|did|is|are|was|were|can|could|should|would|will|has|have|must|might)\b)"
    r"(?P<situation>[^,—–?]+?)\s*[,—–?]",
    re.IGNORECASE,
)
_COMMON_OPENINGS = word_set(
    "nobody no nothing nowhere someone somebody everyone everybody everything we they it he "
    "she you the a an that this then there one at for on in during after before below under "
    "above over with without outside"
)
_BARE_REPLY = re.compile(r"^(?:yes|no|yeah|yep|nope|correct|right|exactly)\W*$", re.IGNORECASE)


def _part(value: str | None) -> str:
    return (value or "").strip(_TRIM)


def _split_exception(then: str) -> tuple[str, list[tuple[str, str]]]:
    """Split 'Y unless Z' inside an action; returns (action, exceptions)."""
    for pattern in (_UNLESS, _BUT_IF):
        match = pattern.match(then)
        if match:
            return _part(match["then"]), [(_part(match["cond"]), _part(match["alt"]))]
    return then, []


def _structure(sentence: str) -> tuple[str, str, list[tuple[str, str]]] | None:
    """(when, then, unless) for one sentence, or None when no rule shape is found."""
    match = _LEADING_EXCEPTION.match(sentence)
    if match:
        return "", "", [(_part(match["cond"]), _part(match["alt"]))]
    for pattern in (_UNLESS, _BUT_IF):
        match = pattern.match(sentence)
        if match:
            when, then = "", _part(match["then"])
            inner = _IF_THEN.match(then)
            if inner:
                when, then = _part(inner["when"]), _part(inner["then"])
            return when, then, [(_part(match["cond"]), _part(match["alt"]))]
    match = _IF_THEN.match(sentence)
    if match is None or _QUALIFIER.match(_part(match["then"])):
        match = _IF_SUBJECT.match(sentence) or match
    if match:
        then, unless = _split_exception(_part(match["then"]))
        return _part(match["when"]), then, unless
    match = _ONLY_IF.match(sentence)
    if match:
        return _part(match["when"]), "", []
    match = _BUT.match(sentence)
    if match:
        when, then = "", _part(match["then"])
        inner = _IF_THEN.match(then) or _THEN_IF.match(then)
        if inner and len(_part(inner["then"]).split()) >= 2:
            when, then = _part(inner["when"]), _part(inner["then"])
        return when, then, [(_beyond_limit(_part(match["cond"])), "")]
    match = _THEN_IF.match(sentence)
    if match and len(_part(match["then"]).split()) >= 2:
        return _part(match["when"]), _part(match["then"]), []
    return None


def _beyond_limit(condition: str) -> str:
    """'only up to 20000 euros' -> 'over 20000 euros': the exception to a limit is past it."""
    match = _LIMIT.match(condition)
    if match is None:
        return condition
    amount = _part(match["amount"])
    return f"over {amount}" if match["most"] else f"{amount} or more"


def _sentences(text: str, at_colons: bool = True) -> list[str]:
    """Sentences (and, unless told not to, the parts of one around a colon), with spoken
    lead-ins dropped."""
    found: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])", text):
        for part in re.split(r":(?!\d)\s*", sentence) if at_colons else [sentence]:
            part = _FILLER.sub("", part.strip()).strip()
            if part.strip(_TRIM):
                found.append(part)
    return found


def _flat(text: str) -> str:
    return " ".join(clean(text).split())


def _parse(text: str, statement: str) -> RuleDraft:
    """when / then / unless, frequency and owner from the words of text."""
    draft = RuleDraft(statement=statement)
    for sentence in _sentences(text):
        shape = _structure(sentence.rstrip(".!?"))
        beyond = _BEYOND.match(sentence.rstrip(".!?"))
        if beyond and draft.unless and not draft.unless[-1][1]:
            draft.unless[-1] = (draft.unless[-1][0], _part(beyond["alt"]))
            continue  # what happens past the limit just stated: that exception's outcome
        if shape is None:
            continue
        when, then, unless = shape
        if not draft.when and not draft.then:
            draft.when, draft.then = when, then
        # a later sentence adds exceptions, never a second main rule
        draft.unless.extend((c, a) for c, a in unless if c)
    frequency = _FREQUENCY.search(text)
    if frequency:
        draft.frequency = _part(frequency.group(0))
    owner = _OWNER.search(text)
    if owner:
        found = _part(next(v for v in owner.groupdict().values() if v))
        draft.owner = f"the {found[4:]}" if found.startswith("The ") else found
    return draft


def _base_rule(quote: str) -> RuleDraft:
    """The rule the operator stated: its shape when it has one, else the quote as the action."""
    sentences = _sentences(quote)
    statement = _capitalised(" ".join(sentences))
    draft = _parse(quote, statement)
    if not draft.when and not draft.then and sentences:
        draft.then = _part(sentences[0])
    return draft


def _exception_clauses(answer: RuleDraft, text: str) -> list[tuple[str, str, str]]:
    """(condition, outcome, how the statement says it) for each exception the answer names."""
    if answer.when or answer.then:
        phrase = f"unless {answer.when}" + (f", in which case {answer.then}" if answer.then else "")
        first = [(answer.when, answer.then, phrase)] if answer.when else []
        return first + [(c, a, _unless_phrase(c, a)) for c, a in answer.unless]
    if answer.unless:
        return [(c, a, _unless_phrase(c, a)) for c, a in answer.unless]
    sentences = _sentences(text)
    if not sentences:
        return []
    said = _part(sentences[0])
    opening, _, rest = said.partition(" ")
    if _PRONOUN.match(opening) and opening != "I":
        said = f"{opening.lower()} {rest}"  # it reads on after "but"
    said = _reads_on(said)
    situation = _OPENING_SITUATION.match(said)
    if situation:
        return [(_part(situation["cond"]), _part(situation["alt"]), f"but {said}")]
    split = _SUBJECT_PREDICATE.match(said)
    if split and not _PRONOUN.match(split["subject"]):
        return [(_part(split["subject"]), _part(split["predicate"]), f"but {said}")]
    return [(said, "", f"but {said}")]


def _completed(base: RuleDraft, answer: RuleDraft, text: str) -> RuleDraft:
    """The quoted rule completed by an answer with no rule shape of its own ("What counts
    as big accounts?" "Anything over $50k a year."): the answer says how the quoted action
    is applied, so it follows that action; the condition stays the quote's."""
    detail = " ".join(_sentences(text)).strip(_TRIM + "!?")
    if not detail:
        return base
    base_sentence = base.statement.rstrip(_TRIM + "!?")
    return RuleDraft(
        statement=_capitalised(f"{base_sentence}: {detail}."),
        when=base.when,
        then=f"{base.then}: {detail}" if base.then else detail,
        unless=base.unless,
        frequency=answer.frequency or base.frequency,
        owner=answer.owner or base.owner,
    )


def _sentences_besides(text: str, conditions: list[str]) -> str:
    """The answer's sentences that none of the drafted exceptions came from: what the
    operator said besides them stays in the statement rather than being lost."""
    kept = [
        sentence
        for sentence in _sentences(text, at_colons=False)
        if not _BARE_REPLY.match(sentence)
        and not any(condition.lower() in sentence.lower() for condition in conditions)
    ]
    return " ".join(_capitalised(s) if s[-1:] in ".!?" else _capitalised(s) + "." for s in kept)


def _asked_situation(question: str) -> str:
    """The situation a question names, "" when it names none."""
    found = _ASKED_SITUATION.match(clean(question))
    return _part(found["situation"]) if found else ""


def _reads_on(text: str) -> str:
    """Text made to read on mid-sentence: a common opening word loses its capital."""
    opening, _, rest = text.partition(" ")
    if opening.lower().strip(_TRIM) in _COMMON_OPENINGS:
        return f"{opening.lower()} {rest}".strip()
    return text


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _unless_phrase(condition: str, outcome: str) -> str:
    return f"unless {condition}" + (f", in which case {outcome}" if outcome else "")


def draft_rule(question: str, answer: str, quote: str = "", category: str = "") -> RuleDraft:
    """A rule draft from a question, its answer and the quote it came from.

    Fields are only ever words of the answer or the quote. Unanswered (or answered
    with a bare yes/no), the draft is the quoted rule. Answering a question about an
    exception to the quoted rule keeps that rule as when/then and adds the answer as
    an unless-clause with its own outcome. An answer with no rule shape of its own to any
    other question about the quote ("What counts as big accounts?") completes the quoted
    rule, so when/then are never left empty when something was quoted.
    """
    text = _flat(answer)
    base_text = _flat(quote)
    if not text or _BARE_REPLY.match(text):
        return _base_rule(base_text)
    drafted = _parse(text, text)
    restates_base = bool(drafted.unless and (drafted.when or drafted.then))
    # An edge case's answer says what happens at the rule's edge: the quoted rule still
    # holds and the answer's conditions are its exceptions, as for an exception question.
    about_exception = category in ("exception", "edge_case") or bool(
        _ABOUT_EXCEPTION.search(clean(question))
    )
    if not base_text or restates_base:
        return drafted
    if not about_exception and (drafted.when or drafted.then):
        return drafted
    base = _base_rule(base_text)
    situation = _asked_situation(question)
    if not about_exception and not drafted.unless and not situation:
        return _completed(base, drafted, text)
    said_besides = ""
    if situation and not (drafted.when or drafted.then or drafted.unless):
        # the answer is what happens in the situation the question named
        outcome = _reads_on(" ".join(_sentences(text)).strip(_TRIM))
        clauses = [(situation, outcome, _unless_phrase(situation, outcome))]
    else:
        clauses = _exception_clauses(drafted, text)
        said_besides = _sentences_besides(text, [c for c, _a, _phrase in clauses if c])
    if not clauses:
        return drafted
    base_sentence = base.statement.rstrip(_TRIM + "!?")
    phrases = [phrase for _c, _a, phrase in clauses]
    separator = " " if phrases[0].startswith("unless") else ", "
    statement = _capitalised(base_sentence + separator + "; ".join(phrases) + ".")
    if said_besides:
        statement = f"{statement} {said_besides}"
    return RuleDraft(
        statement=statement,
        when=base.when,
        then=base.then,
        unless=base.unless + [(c, a) for c, a, _phrase in clauses if c],
        frequency=drafted.frequency or base.frequency,
        owner=drafted.owner or base.owner,
    )
