"""A tiny host App for Pilot tests of one dialog at a time, and what it shows."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.screen import Screen

PAYLOADS: tuple[str, ...] = (
    "[bold]loud[/]",
    "[/]",
    "[@click=app.quit]quit[/]",
    "[link=https://evil.example]x[/link]",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07",
    "\x9b2J",
)


class Host(App[None]):
    """Pushes one screen on mount and records what it was dismissed with."""

    def __init__(self, make_screen: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(), self.results.append)


def visible_text(app: App[Any]) -> str:
    """The characters on screen, read back from Textual's own screenshot."""
    svg = app.export_screenshot()
    lines = re.findall(r'<text class="[^"]*"[^>]*>(.*?)</text>', svg)
    return html.unescape("".join(lines)).replace("\xa0", " ")
