"""Show untrusted text literally: never as markup, never as terminal escapes, never unbounded."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from tacit.models.safe_text import clean

__all__ = ["SHOWN_CHARS", "bounded", "clean", "literal", "literal_rich"]

SHOWN_CHARS = 4000  # about fifty lines of a wide pane; the rest is counted, not drawn


def bounded(text: str, limit: int = SHOWN_CHARS) -> str:
    """At most limit characters, then '… N more characters' (the stored text stays whole).

    Wrapping and drawing cost grows with the text: a 10 MB segment froze the
    app for half a minute. Nobody reads that much in a pane.
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]} … {len(text) - limit:,} more characters"


def literal(text: str, style: str = "") -> Content:
    """Untrusted text as Textual Content: brackets stay brackets, escapes are gone, bounded."""
    shown = clean(bounded(text))
    return Content.styled(shown, style) if style else Content(shown)


def literal_rich(text: str, style: str = "") -> Text:
    """Untrusted text as a rich Text, for widgets that take rich renderables (bounded)."""
    return Text(clean(bounded(text)), style=style)
