"""The engine's fast paths give what the plain versions give (tuned for speed, so what a
user sees must not change)."""

from __future__ import annotations

import random
import re

from tacit.question_engine.text import sentence_spans

# the sentence boundary as first written: lookbehinds tried at every character
_PLAIN_SENTENCE_END = re.compile(
    r"(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bSt\.)(?<!\be\.g\.)(?<!\bi\.e\.)"
    r"(?<!\bvs\.)(?<!\bProf\.)(?<=[.!?])\s+|\s*\n\s*"
)
_PIECES = ["a", "Ab", " ", "  ", "\n", " \n ", ".", "!", "?", "Dr.", "e.g.", "i.e.", "Mrs."]
_PIECES += ["Prof.", "vs.", "St.", "Mr.", "Ms.", "xDr.", "\t", "\u2003", "\u00a0", "\r"]


def _plain_spans(text: str) -> list[tuple[int, str]]:
    spans: list[tuple[int, str]] = []
    start = 0
    for boundary in _PLAIN_SENTENCE_END.finditer(text):
        if boundary.start() > start:
            spans.append((start, text[start : boundary.start()]))
        start = boundary.end()
    if start < len(text):
        spans.append((start, text[start:]))
    return spans


def test_sentences_split_where_the_plain_boundary_splits() -> None:
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 16)))
        assert sentence_spans(text) == _plain_spans(text), repr(text)


def test_titles_and_abbreviations_do_not_end_a_sentence() -> None:
    text = "Ask Dr. Patel first. Then e.g. the clerk!  Done\n\nNext one"
    assert [s for _, s in sentence_spans(text)] == [
        "Ask Dr. Patel first.",
        "Then e.g. the clerk!",
        "Done",
        "Next one",
    ]
