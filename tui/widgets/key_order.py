"""Panes keep the key order of a burst when a key moves focus to the narrative input.

Textual routes every key of a burst to the widget focused when the key is read;
a key binding runs only after the key has bubbled up to the app. So with focus
on a pane, `i` (the "type" key) followed by typed text moved focus to the input
only after the letters were already queued for the pane: they were lost, or ran
screen keys (`D`, `Y`). A pane calls `keep_key_order` first in its key handler:
the focus key moves focus at once, in key order, and keys that reach the pane
after focus moved on are handed to the widget that has focus now (the input).
"""

from __future__ import annotations

from textual import events
from textual.css.query import NoMatches
from textual.widget import Widget

FOCUS_INPUT_ACTION = "focus_input"
INPUT_ID = "#narrative-input"


def keep_key_order(pane: Widget, event: events.Key) -> bool:
    """Handle the key here if it belongs elsewhere now; True when it was handled."""
    focused = pane.app.focused
    if focused is not None and focused is not pane and pane.is_attached:
        event.stop()
        event.prevent_default()
        focused._forward_event(events.Key(event.key, event.character))
        return True
    active = pane.screen.active_bindings.get(event.key)
    if active is None or active.binding.action != FOCUS_INPUT_ACTION:
        return False
    try:
        field = pane.screen.query_one(INPUT_ID)
    except NoMatches:
        return False
    event.stop()
    event.prevent_default()
    pane.screen.set_focus(field)  # now, not after the keys already queued here
    return True
