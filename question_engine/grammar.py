"""Small grammar for filling templates: number agreement, comparisons, articles.

A template is written for one number ("What does {reader} decide", "When {thing} are
checked"); a slot filled with the other number would make the question ungrammatical
("What does the regional directors decide"). `agree` rewrites the verb next to each noun
slot to match the value's number. Hand code rather than a tagger: the slots are short noun
phrases whose head is their last word, and the verbs next to a slot are a known few.
"""

from __future__ import annotations

import re
from functools import lru_cache

# verb forms beside a slot: (singular, plural)
_FORMS = (
    ("is", "are"),
    ("was", "were"),
    ("has", "have"),
    ("does", "do"),
    ("isn't", "aren't"),
    ("wasn't", "weren't"),
    ("hasn't", "haven't"),
    ("doesn't", "don't"),
    ("needs", "need"),
    ("decides", "decide"),
    ("hears", "hear"),
    ("says", "say"),
    ("gets", "get"),
    ("knows", "know"),
)
_TO_PLURAL = {s: p for s, p in _FORMS}
_TO_SINGULAR = {p: s for s, p in _FORMS}
_ALTERNATION = "|".join(re.escape(w) for pair in _FORMS for w in pair)
_AROUND = re.compile(
    r"(?:\b(?P<pre>is|are|was|were|has|have|does|do|Is|Are|Does|Do) )?\{(?P<name>\w+)\}"
    r"(?P<post> (?:" + _ALTERNATION + r")\b)?"
)
_ARTICLE_SLOT = re.compile(r"\b([Aa]n?) \{(\w+)\}")
_AUXILIARY = re.compile(r"\b(?:can|could|will|would|must|should|may|might|to|did)\s$", re.I)
_HEAD_CUT = re.compile(
    r"\s(?:of|for|in|on|at|from|with|who|that|which|to|by|about|under|over|before|after"
    r"|when|while|until|once|if|unless)\s.*$",
    re.I,
)
_PLURAL_WORDS = frozenset(
    ["people", "staff", "children", "men", "women", "police", "crew", "folks", "data", "media"]
)
_SINGULAR_S = frozenset(
    [
        "series",
        "news",
        "status",
        "analysis",
        "basis",
        "process",
        "bus",
        "gas",
        "lens",
        "sales",
        "christmas",
        "thesis",
        "diagnosis",
        "crisis",
        "campus",
        "census",
        "yes",
        "its",
        "this",
    ]
)
_SINGULAR_START = frozenset(["a", "an", "each", "every", "this", "that", "one", "any", "no"])
_PLURAL_START = frozenset(
    ["these", "those", "all", "both", "many", "several", "some", "two", "three", "four", "five"]
)
_COMPARISONS = {
    "over": "over",
    "above": "above",
    "under": "under",
    "below": "below",
    "beyond": "beyond",
    "more than": "over",
    "greater than": "over",
    "higher than": "over",
    "exceeds": "over",
    "exceed": "over",
    "exceeding": "over",
    "less than": "under",
    "lower than": "under",
}
_QUANTIFIER = re.compile(r"^(?:anything|everything|something|any|all)\s+")


def is_plural(phrase: str) -> bool:
    """Whether a short noun phrase is plural, read from its head (its last word before a
    preposition or relative clause) and its determiner. Names are singular."""
    words = _HEAD_CUT.sub("", phrase.strip()).split()
    if not words:
        return False
    first = words[0].lower()
    head = words[-1].strip(".,;:!?\"'")
    low = head.lower()
    if first in _SINGULAR_START or low.endswith("'s") or low in _SINGULAR_S:
        return False
    if head[:1].isupper() and words[0][:1].isupper():  # "Janet", "Accounts Payable"
        return False
    if first in _PLURAL_START or first.isdigit() or low in _PLURAL_WORDS:
        return True
    return len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is"))


def _swap(verb: str, plural: bool) -> str:
    lowered = verb.lower()
    table = _TO_PLURAL if plural else _TO_SINGULAR
    new = table.get(lowered, lowered)
    return new.capitalize() if verb[:1].isupper() else new


@lru_cache(maxsize=2048)
def agreeing_slots(template: str) -> frozenset[str]:
    """The slots of a template that have a verb beside them to agree (pure: cached)."""
    return frozenset(
        m.group("name") for m in _AROUND.finditer(template) if m.group("pre") or m.group("post")
    )


def agree(template: str, numbers: dict[str, bool]) -> str:
    """The template with the verb beside each {slot} in numbers agreeing with it (True:
    the slot's value is plural). A possessive slot ("do {thing}'s accounts") is left, and
    so is a verb after an auxiliary ("can {thing} decide")."""

    def fix(match: re.Match[str]) -> str:
        name, pre, post = match.group("name"), match.group("pre"), match.group("post")
        if name not in numbers or match.string[match.end() : match.end() + 1] == "'":
            return match.group(0)
        plural = numbers[name]
        slot = "{" + name + "}"
        if pre:
            return f"{_swap(pre, plural)} {slot}{post or ''}"
        auxiliary = _AUXILIARY.search(match.string, 0, match.start())
        if post and not auxiliary:
            return f"{slot} {_swap(post.strip(), plural)}"
        return match.group(0)

    return _AROUND.sub(fix, template)


def with_articles(template: str, values: dict[str, str]) -> str:
    """'a {thing}' as 'an {thing}' when the value starts with a vowel sound ('an outage'),
    and as '{thing}' when the value is plural ('a duplicates' is no English)."""

    def fix(match: re.Match[str]) -> str:
        value = values.get(match.group(2), "").lower()
        if value and is_plural(value):
            return f"{{{match.group(2)}}}"  # "a {thing}" with "duplicates": no article
        vowel = value[:1] in ("a", "e", "i", "o") or (
            value[:1] == "u" and not value.startswith(("uni", "use", "usu"))
        )
        article = match.group(1)[0] + ("n" if vowel else "")
        return f"{article} {{{match.group(2)}}}"

    return _ARTICLE_SLOT.sub(fix, template)


def comparison(value: str) -> str:
    """A comparison as a preposition a question can use ("just over it"), or '' when it
    has none ("at least", "up to")."""
    return _COMPARISONS.get(_QUANTIFIER.sub("", value.lower().strip()), "")


def definite(phrase: str) -> str:
    """'a quality clerk' -> 'the quality clerk': what was introduced is referred back to."""
    lowered = phrase[:3].lower()
    if lowered.startswith("a ") or lowered == "an ":
        return "the " + phrase.split(None, 1)[1]
    return phrase


def indefinite(phrase: str) -> str:
    """'rush order' -> 'a rush order'."""
    article = "an" if phrase[:1].lower() in "aeiou" else "a"
    return f"{article} {phrase}"
