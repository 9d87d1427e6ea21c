"""A one-line button that costs what a label costs to draw.

Textual's `Button` brings about 80 style rules (every variant, size and state),
which Textual parses and matches before the first frame: about a fifth of the
session picker's start-up over a bare two-pane app. The picker's one button needs
a focus stop, Enter, Space and a click, and one look.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static


class PlainButton(Static, can_focus=True):
    """Posts `Pressed` on Enter, Space or a click; its label is plain text, never markup."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "press", "Press", show=False),
    ]
    DEFAULT_CSS = """
    PlainButton {
        width: auto;
        height: 1;
        padding: 0 1;
        background: $primary;
        color: $text;
        text-style: bold;
    }
    PlainButton:hover { background: $primary-lighten-1; }
    PlainButton:focus { background: $accent; color: $block-cursor-foreground; }
    """

    class Pressed(Message):
        """The button was pressed."""

        def __init__(self, button: PlainButton) -> None:
            super().__init__()
            self.button = button

        @property
        def control(self) -> PlainButton:
            """The button (so `@on(PlainButton.Pressed, "#id")` can match it)."""
            return self.button

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(label, id=id, markup=False)

    def action_press(self) -> None:
        """Say the button was pressed."""
        self.post_message(self.Pressed(self))

    def on_click(self, event: events.Click) -> None:
        """A click presses it too."""
        event.stop()
        self.action_press()
