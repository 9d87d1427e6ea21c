"""Small text helpers for the offline engine: cleaning, phrases, tokens, near-duplicates.

Pure functions, no state, safe to call from any thread.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tacit.models.safe_text import clean as strip_unsafe

_SPACES = re.compile(r"[ \t\r\f\v]+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# A boundary is whitespace after . ! ? (not after a title or "e.g.") or any whitespace run
# holding a line break. Written to start with the whitespace it consumes, so the regex
# engine skips to the next space instead of trying the lookbehinds at every character.
_SENTENCE_END = re.compile(
    r"\s(?:(?<=[.!?]\s)(?<!\bDr\.\s)(?<!\bMr\.\s)(?<!\bMs\.\s)(?<!\bMrs\.\s)(?<!\bSt\.\s)"
    r"(?<!\be\.g\.\s)(?<!\bi\.e\.\s)(?<!\bvs\.\s)(?<!\bProf\.\s)\s*|(?<=\n)\s*|\s*\n\s*)"
)
_BOUNDARY_WORDS = (
    r"\b(?:and then|because|so that|but|although|though|unless|except|which|while|whereas|"
    r"otherwise)\b|\b(?:before|after|when|if|until|once) (?:we|i|they|you|he|she|it)\b"
    r"|\bso (?:nobody|no one|everyone|everybody|someone|we|i|they|you|he|she|it)\b"
)
# Where a captured phrase stops: punctuation (not inside numbers like 5,000.50) or a new clause.
_CLAUSE_STOP = re.compile(
    r"\s*(?:[;!?()\[\]\"“”—–]|[,.:](?!\d)| - |" + _BOUNDARY_WORDS + ")", re.IGNORECASE
)
_LIST_STOP = re.compile(
    r"\s*(?:[;!?()\[\]\"“”—–]|[.:](?!\d)| - |" + _BOUNDARY_WORDS + ")", re.IGNORECASE
)


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of text, as a set (for readable word lists)."""
    return frozenset(text.split())


STOPWORDS = word_set(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing done down during each
    few for from further had has have having he her here hers herself him himself his how i
    if in into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours
    yourself yourselves s t don doesn didn isn wasn won get gets got go goes going gone one
    ll ve re d m o y let lets us really like well yeah okay ok kind sort thing things way
    actually basically pretty lot lots bit"""
)

# Words every question template uses; they say nothing about what is asked.
QUESTION_WORDS = word_set(
    """who whom what when where which why how happens happen happened decides decide decided
    exactly today does do did anyone someone somebody else ever case cases time times usually
    make makes call calls agent tell told know knows"""
)


def clean(text: str) -> str:
    """Strip control characters and bidi overrides, and collapse runs of spaces."""
    if text.isprintable() and "  " not in text:  # no control, bidi, tab or run of spaces
        return text.strip()
    return _SPACES.sub(" ", strip_unsafe(text)).strip()


def sentence_spans(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of text; titles like 'Dr.' do not end one."""
    spans: list[tuple[int, str]] = []
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        if boundary.start() > start:
            spans.append((start, text[start : boundary.start()]))
        start = boundary.end()
    if start < len(text):
        spans.append((start, text[start:]))
    return spans


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of text that contains the span start..end (the quote shown to users)."""
    left = max(text.rfind(mark, 0, start) for mark in (". ", "? ", "! ", "\n"))
    left = 0 if left < 0 else left + 1
    right_candidates = [i for i in (text.find(m, end) for m in (". ", "? ", "! ", "\n")) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    quote = text[left:right].strip()
    if len(quote) > 240:  # keep quotes readable in a narrow pane
        lo = max(0, start - left - 100)
        quote = quote[lo : lo + 240].strip()
    return quote


def trim_phrase(phrase: str, max_words: int = 7, keep_commas: bool = False) -> str:
    """A captured phrase cut at the first clause boundary; empty if it is still longer
    than max_words plus a little slack, since a cut mid-clause reads as a fragment."""
    match = (_LIST_STOP if keep_commas else _CLAUSE_STOP).search(phrase)
    if match and match.start() > 0:
        phrase = phrase[: match.start()]
    words = phrase.split()
    if len(words) > max_words + _SLACK_WORDS:
        return ""  # cut anywhere here, the rest of the phrase is missing: ask nothing
    while words:
        last = words[-1].lower().strip(",")
        if last == "than":
            return ""  # "owes more than": the comparison lost what it compares with
        if last in _TIME_ADVERBS and len(words) > 1 and words[-2].lower() in _TIME_NOUNS:
            break  # "the day before" ends on an adverb, not a dangling preposition
        if last in _DANGLING:
            words.pop()
        elif last in _BE and len(words) > 1 and words[-2].lower() in _DANGLING:
            del words[-2:]  # "to whoever is (not)": a clause cut before its predicate
        else:
            break
    return " ".join(words).strip(" ,;:'\"")


_DANGLING = word_set(
    "a an the and or to of for in on at by with from as if when then that which who via"
    " through using into onto about over after before without against between within across"
    " per than like toward towards upon under around behind basically honestly actually"
    " really just anyway though not whoever whatever first instead too also again"
)


_BE = word_set("is are was were")
_TIME_ADVERBS = word_set("before after")
_TIME_NOUNS = word_set(
    "day days week weeks month months year years night nights morning evening hour hours"
    " minute minutes time shift"
)

# A phrase a few words over a cue's max_words is kept whole: "the mistake came from a
# manager approving the wrong hours" reads well, "... approving the wrong" does not.
_SLACK_WORDS = 3


def words(text: str) -> list[str]:
    """Lower-case word tokens (letters, digits, inner apostrophes)."""
    return _WORD.findall(text.lower())


def stem(word: str) -> str:
    """A crude suffix-stripping stem: enough to match 'assigned' with 'assign'."""
    word = word.removesuffix("'s").rstrip("'")
    for suffix in (
        "ational",
        "ations",
        "ation",
        "ments",
        "ment",
        "ings",
        "ing",
        "ies",
        "ied",
        "ers",
        "er",
        "ed",
        "es",
        "ly",
        "s",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


@lru_cache(maxsize=8192)
def content_stems(text: str) -> frozenset[str]:
    """Stems of the words that carry meaning (no stopwords, no question boilerplate)."""
    return frozenset(
        stem(w)
        for w in words(text)
        if w not in STOPWORDS and w not in QUESTION_WORDS and len(w) > 1
    )


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """A question reduced to its lower-case words, for exact-repeat detection."""
    return " ".join(words(text))


def _overlap(a: frozenset[str], b: frozenset[str]) -> tuple[float, float]:
    shared = len(a & b)
    if not shared:
        return 0.0, 0.0
    return shared / len(a | b), shared / min(len(a), len(b))


def near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when two questions' content stems say essentially the same thing."""
    if not a or not b:
        return False
    jaccard, containment = _overlap(a, b)
    return jaccard >= 0.6 or (containment >= 0.85 and min(len(a), len(b)) >= 3)


def same_question(
    a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]
) -> bool:
    """Near-duplicate test on (content stems, named stems) fingerprints.

    Named stems are the words a question takes from the narrative (not from a template).
    Two questions that name different things are different questions even when they
    share a template; two that name the same things and share enough words are the same.
    """
    (full_a, named_a), (full_b, named_b) = a, b
    if named_a and named_b:
        named_jaccard, _ = _overlap(named_a, named_b)
        if named_jaccard < 0.6:
            return False
        jaccard, containment = _overlap(full_a, full_b)
        return jaccard >= 0.25 or containment >= 0.75
    return near_duplicate(full_a, full_b)


# --- where a captured phrase sits in its sentence (the offline engine's slot edges) ---

_LEADING_DETERMINERS = frozenset(["The", "A", "An", "Our", "Their", "My", "This", "That"])


def cut_mid_word(text: str, end: int) -> bool:
    """Whether a captured phrase ending at `end` stops inside a word ("before accep")."""
    return 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum()


def lower_determiner(phrase: str) -> str:
    """'The clerk' -> 'the clerk': a capitalised determiner followed by a space, lowered."""
    head, space, _ = phrase.partition(" ")
    return head.lower() + phrase[len(head) :] if space and head in _LEADING_DETERMINERS else phrase


def clause_before(text: str, start: int) -> str:
    """The words of the clause before position `start` ("and Priya logs them in ")."""
    before = text[:start]
    return before[max(before.rfind(c) for c in ",;:(—") + 1 :]


def starts_sentence(text: str, start: int) -> bool:
    """Whether position `start` begins a sentence (only spaces after a full stop before it)."""
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?\n"
