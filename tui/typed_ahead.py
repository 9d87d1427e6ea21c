"""Keys typed while the app is starting wait for the first screen's focus instead of vanishing.

A call is already under way when the engineer starts tacit: what they type at once sits in
the terminal until the app reads it, and reaches the app before the first screen has given
focus to its input. Textual routes such a key to the screen, which drops it: the words were
lost. Until focus first lands somewhere, the app holds every key and paste here, in order,
and hands them on, in order, from its own message loop once something has focus (or after
HOLD_SECONDS, as before). Keys that arrive while some are held queue behind them.

Keys typed before the app put the terminal in raw mode went through the terminal's line
discipline, which turns Enter into a newline (ctrl+j): the input takes ctrl+j as Enter
(`OrderedInput`), whether the keys were held here or read after focus.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.timer import Timer

HOLD_SECONDS = 10.0
POLL_SECONDS = 0.02

Deliver = Callable[[events.Event], Awaitable[None]]


class TypedAhead:
    """Holds the keys and pastes that arrive before the app's first focus."""

    def __init__(self, app: App[Any], deliver: Deliver) -> None:
        """deliver routes one event as the app would have (the app's own on_event)."""
        self.app = app
        self.deliver = deliver
        self.held: list[events.Event] | None = []  # None: focus came, nothing is held any more
        self._deadline = 0.0
        self._timer: Timer | None = None

    def hold(self, event: events.Event) -> bool:
        """Keep event for later when nothing has focus yet (or keys are held); True if kept."""
        if self.held is None:
            return False
        if isinstance(event, events.DescendantFocus) and not self.held:
            self.held = None  # the first focus: from now on every key goes straight through
            return False
        if not isinstance(event, (events.Key, events.Paste)):
            return False
        if event.is_forwarded:
            return False
        if isinstance(event, events.Key) and not self.app.app_focus:
            self.app.app_focus = True  # as Textual does for a key: gives the screen its focus
        if not self.held and self.app.focused is not None:
            self.held = None
            return False
        if not self.held:
            self._deadline = time.monotonic() + HOLD_SECONDS
            self._timer = self.app.set_interval(POLL_SECONDS, self._hand_on)
        self.held.append(event)
        return True

    async def _hand_on(self) -> None:
        held = self.held
        if held is None:
            return
        if self.app.focused is None and time.monotonic() < self._deadline:
            return
        self.held = None
        if self._timer is not None:
            self._timer.stop()
        for event in held:
            await self.deliver(event)
