"""Where the session views' stylesheet lives (the panes of the capture and operator screens),
and two savings in how Textual styles the first screen before its first frame.

It is read with the first session screen (`SessionScreen.CSS_PATH`), or by the app when it
starts on the capture screen, so the session picker, the first screen of `tacit`, never
parses it. One absolute path for both, so Textual reads it once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from textual.app import App
from textual.dom import DOMNode
from textual.events import ScreenResume
from textual.screen import Screen

PANES_CSS = Path(__file__).resolve().with_name("app.tcss")


def keep_first_styles(screen: Screen[Any], event: ScreenResume) -> None:
    """The app's first screen needs no restyle when it first resumes: each widget was styled
    as it mounted, with every stylesheet of the screen already read. Textual restyles the
    whole screen again there anyway (picker ~24 M, capture screen ~10 M instructions before
    the first frame). Call this from the screen's `on_screen_resume`, which runs before
    Textual's own handler; Textual 8.2's internals, checked by the snapshot tests."""
    if screen.stack_updates == 0 and len(screen.app.screen_stack) == 1:
        event.refresh_styles = False


def read_default_css(app: App[Any], *widget_types: type[DOMNode]) -> None:
    """Hand the app's stylesheet the default CSS of widget_types (and of their bases) before
    the first screen mounts, at the depth each base ends up at. Textual adds a widget's
    default CSS as it registers and parses a base's CSS again whenever a deeper subclass
    registers later (Widget's, ScrollView's...): read at once, each is parsed once. Uses
    Textual 8.2's own way of listing a class's default CSS (`DOMNode._get_default_css`)."""
    for widget_type in widget_types:
        bases = DOMNode._css_bases(widget_type)
        for read_from, css, tie_breaker, scope in DOMNode._get_default_css(
            cast(DOMNode, _Bases(bases))
        ):
            app.stylesheet.add_source(
                css, read_from=read_from, is_default_css=True, tie_breaker=tie_breaker, scope=scope
            )


class _Bases:
    """Stands in for a widget where Textual's `_get_default_css` reads only its bases."""

    def __init__(self, bases: Sequence[type[DOMNode]]) -> None:
        self._node_bases = bases
