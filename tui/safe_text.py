"""Show untrusted text literally: never as markup, never as terminal escapes."""

from __future__ import annotations

import re

from rich.text import Text
from textual.content import Content

# C0 controls except tab and newline, DEL, and C1 controls (which include CSI/OSC introducers).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Strip control characters (ESC included) so escape sequences cannot act."""
    return _CONTROL.sub("", text)


def literal(text: str, style: str = "") -> Content:
    """Untrusted text as Textual Content: brackets stay brackets, escapes are gone."""
    return Content.styled(clean(text), style) if style else Content(clean(text))


def literal_rich(text: str, style: str = "") -> Text:
    """Untrusted text as a rich Text, for widgets that take rich renderables."""
    return Text(clean(text), style=style)
