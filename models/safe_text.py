"""One sanitiser for untrusted text (narrative, imports, LLM output) on its way out.

Terminals act on control characters (ESC starts an escape sequence) and
bidirectional overrides reorder what a reader sees in Markdown, feature files
and source code (the "Trojan Source" trick). Every view and every export strips
them with this one function.
"""

from __future__ import annotations

import re
from functools import cache

# C0 controls except tab and newline, DEL, C1 controls (CSI/OSC introducers among them),
# and the Unicode bidi embeddings, overrides, isolates and marks.
_UNSAFE_PATTERN = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
# ASCII text can only hold the C0 controls and DEL: deleting them by table is ~6x faster
# than the expression, and building the table costs nothing at start-up, where compiling
# the expression cost ~2.7 M instructions (its characters above U+00FF make it a big set).
_ASCII_UNSAFE = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])


@cache
def _unsafe() -> re.Pattern[str]:
    return re.compile(_UNSAFE_PATTERN)


def clean(text: str) -> str:
    """Strip control characters and bidi controls so text cannot act or hide."""
    if text.isascii():
        return text.translate(_ASCII_UNSAFE)
    return _unsafe().sub("", text)


def one_line(text: str) -> str:
    """Clean text folded to one line (runs of whitespace become one space)."""
    return " ".join(clean(text).split())


# The same characters as UTF-8 bytes inside JSON text (C0 is escaped by every JSON encoder):
# DEL, C2 80..9F (U+0080..U+009F), D8 9C (U+061C), E2 80 8E..8F (U+200E..F),
# E2 80 AA..AE (U+202A..E) and E2 81 A6..A9 (U+2066..9).
# The patterns below are compiled at their first use, not at import: compiling one costs
# about 1 M instructions, and the app's first frame needs none of them.
@cache
def _unsafe_json() -> re.Pattern[bytes]:
    return re.compile(
        rb"\x7f|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
    )


def _escape(match: re.Match[bytes]) -> bytes:
    return "".join(f"\\u{ord(c):04x}" for c in match.group().decode("utf-8")).encode("ascii")


def escape_json_controls(data: bytes) -> bytes:
    """UTF-8 JSON with DEL, C1 controls and bidi controls written as \\u escapes.

    The data stays equal; the file just becomes safe to `cat` in a terminal.
    """
    return _unsafe_json().sub(_escape, data)


@cache
def _emphasis() -> re.Pattern[str]:
    return re.compile(r"(?<![\w*])(\*{1,2}|_{1,2})(?=\w)([^*_\n]*?\w)\1(?![\w*])")


@cache
def _markdown_special() -> re.Pattern[str]:
    return re.compile(r"([\\`*_\[\]<>|#~!])")


@cache
def _escaped_emphasis() -> re.Pattern[str]:
    return re.compile(r"(?<![\w*])((?:\\\*){1,2})(\w|\w[^*\n]*?\w)\1(?![\w\\])")


def without_emphasis(text: str) -> str:
    """Markdown emphasis (`*not*`, `**not**`) reduced to the plain words; nothing else changes."""
    return _emphasis().sub(r"\2", text)


def plain_words(text: str) -> str:
    """Clean text in plain words, for places where emphasis does not render:
    the app, the clipboard, guidelines, tests, feature files."""
    return without_emphasis(clean(text))


def markdown_inline(text: str) -> str:
    """Untrusted text as one line of Markdown that reads as written: every character
    Markdown would act on is escaped, except simple `*emphasis*`, which renders."""
    escaped = _markdown_special().sub(r"\\\1", one_line(text))
    return _escaped_emphasis().sub(
        lambda m: f"{'*' * (len(m[1]) // 2)}{m[2]}{'*' * (len(m[1]) // 2)}", escaped
    )
