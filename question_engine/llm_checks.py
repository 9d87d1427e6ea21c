"""The checks a model's question passes before it is shown, beyond the offline engine's.

The offline engine fills templates whose slots it checked (slots.py); a model writes
whole sentences, so its question is checked as text afterwards with the same kinds:
a quoted phrase must be a clean phrase, a name used as a person needs the offline
engine's evidence in the narrative, and the wrong-question rules of question_checks
apply. On top: one grammatical question about something the operator said, and no
markup. Precision first: a question that fails is dropped, never shown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tacit.question_engine.merge import content_words
from tacit.question_engine.question_checks import names_as_people, wrong_question
from tacit.question_engine.redact import EMAIL_MASK, NUMBER_MASK, PHONE_MASK
from tacit.question_engine.slots import Lexicon

MIN_WORDS = 4
MAX_WORDS = 45

_MARKUP = re.compile(
    r"\[/?[@a-z#/][^\]\n]*\]"  # Rich/Textual markup: [bold], [/], [@click=…], [link=…]
    r"|\[\d+(?:;\d+)*m"  # what is left of an ANSI colour sequence
    r"|</?[a-z][a-z0-9]*\b[^>]*>"  # HTML/XML tags
    r"|\*\*|__|`|^#+\s|^\s*[-*]\s|^\s*\d+[.)]\s",  # Markdown emphasis, code, headings, lists
    re.IGNORECASE,
)
_ASKS = re.compile(
    r"\b(?:who|whom|whose|what|when|where|which|why|how)\b|"
    r"^(?:is|are|was|were|do|does|did|can|could|should|would|will|has|have|had|may|must)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“]([^\"”]+)[\"”]|(?<!\w)'([^']{2,})'(?!\w)")


def _without_masks(text: str) -> str:
    """Text without the redaction's own placeholders, which look like markup but are not."""
    for mask in (EMAIL_MASK, PHONE_MASK, NUMBER_MASK):
        text = text.replace(mask, "")
    return text


def _person_with_evidence(name: str, narrative: Sequence[str], lexicon: Lexicon) -> bool:
    """The offline engine's person check, at each place the narrative names name."""
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    for part in narrative:
        for match in pattern.finditer(part):
            if lexicon.person(name, part, match.start(), match.end()):
                return True
    return False


def model_question_problem(text: str, narrative: Sequence[str], lexicon: Lexicon) -> str:
    """Why a model's question must not be shown ('' when it may)."""
    if wrong := wrong_question(text, lexicon):
        return wrong
    if _MARKUP.search(_without_masks(text)):
        return "carries markup"
    if text.count("?") != 1 or not text.rstrip().endswith("?"):
        return "is not one question ending with '?'"
    words = text.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return f"is not {MIN_WORDS} to {MAX_WORDS} words long"
    if not _ASKS.search(text):
        return "does not ask anything (no question word)"
    said = content_words(" ".join(narrative))
    if not content_words(text) & said:
        return "names nothing the operator said"
    for match in _QUOTED.finditer(text):
        quoted = (match.group(1) or match.group(2) or "").strip(" .,;:!?")
        if quoted and not lexicon.clean_phrase(quoted):
            return f"quotes a fragment ({quoted!r})"
    for name in names_as_people(text):
        if not _person_with_evidence(name, narrative, lexicon):
            return f"treats {name} as a person without evidence"
    return ""
