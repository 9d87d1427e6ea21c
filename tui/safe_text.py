"""Show untrusted text literally: never as markup, never as terminal escapes."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from tacit.models.safe_text import clean

__all__ = ["clean", "literal", "literal_rich"]


def literal(text: str, style: str = "") -> Content:
    """Untrusted text as Textual Content: brackets stay brackets, escapes are gone."""
    return Content.styled(clean(text), style) if style else Content(clean(text))


def literal_rich(text: str, style: str = "") -> Text:
    """Untrusted text as a rich Text, for widgets that take rich renderables."""
    return Text(clean(text), style=style)
