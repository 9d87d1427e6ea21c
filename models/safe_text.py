"""One sanitiser for untrusted text (narrative, imports, LLM output) on its way out.

Terminals act on control characters (ESC starts an escape sequence) and
bidirectional overrides reorder what a reader sees in Markdown, feature files
and source code (the "Trojan Source" trick). Every view and every export strips
them with this one function.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls (CSI/OSC introducers among them),
# and the Unicode bidi embeddings, overrides, isolates and marks.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Strip control characters and bidi controls so text cannot act or hide."""
    return _UNSAFE.sub("", text)


def one_line(text: str) -> str:
    """Clean text folded to one line (runs of whitespace become one space)."""
    return " ".join(clean(text).split())
