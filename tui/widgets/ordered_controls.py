"""Buttons, boxes and pickers that keep the key order of a burst, as `OrderedInput` does.

Textual moves focus on Tab only once the key has bubbled up to the app, while the keys
typed after it are already queued for the widget that had focus. On a button that lost
them (letters) or pressed it (a space): in the rule editor, `Tab Tab Tab 2% of invoices`
from an unless-clause, arriving in one read as a laggy SSH link delivers it, left the
frequency empty. These controls move focus on Tab at once and hand keys that reach them
after focus moved on to the widget that has focus now.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widget import Widget
from textual.widgets import Button, Checkbox, RadioButton, Select


def keep_burst_order(widget: Widget, event: events.Key, *, tab_moves_focus: bool = True) -> bool:
    """Handle a key in key order if it moves focus or belongs elsewhere now; True if handled."""
    focused = widget.app.focused
    if focused is not None and focused is not widget and widget.is_attached:
        if widget in focused.ancestors:  # e.g. a Select's open overlay: it has the key
            return False
        event.stop()
        event.prevent_default()
        focused._forward_event(events.Key(event.key, event.character))
        return True
    if not tab_moves_focus or event.key not in ("tab", "shift+tab"):
        return False
    event.stop()
    event.prevent_default()
    if event.key == "tab":
        widget.screen.focus_next()
    else:
        widget.screen.focus_previous()
    return True


class OrderedButton(Button):
    """A Button that never swallows or acts on keys typed after the Tab that left it."""

    async def _on_key(self, event: events.Key) -> None:
        if not keep_burst_order(self, event):
            await super()._on_key(event)


class OrderedCheckbox(Checkbox):
    """A Checkbox that is never ticked by a space typed after the Tab that left it, and
    that shows its state by its glyph (X or blank), not only by colour: a monochrome
    terminal or a screen reader saw every box as ticked."""

    def __init__(self, label: str, value: bool = False, **options: Any) -> None:
        super().__init__(label, value, **options)
        self.BUTTON_INNER = _ticked(value, "X")

    def watch_value(self) -> None:
        self.BUTTON_INNER = _ticked(self.value, "X")
        super().watch_value()

    async def _on_key(self, event: events.Key) -> None:
        if not keep_burst_order(self, event):
            await super()._on_key(event)


class ShownRadioButton(RadioButton):
    """A RadioButton that shows whether it is chosen by its glyph, not only by colour."""

    def __init__(self, label: str, value: bool = False, **options: Any) -> None:
        super().__init__(label, value, **options)
        self.BUTTON_INNER = _ticked(value, "●")

    def watch_value(self) -> None:
        self.BUTTON_INNER = _ticked(self.value, "●")
        super().watch_value()


def _ticked(value: bool, glyph: str) -> str:
    return glyph if value else " "


class OrderedSelect(Select[str]):
    """A Select that hands keys typed after the Tab that left it to the next field."""

    async def _on_key(self, event: events.Key) -> None:
        if not keep_burst_order(self, event):
            await super()._on_key(event)
