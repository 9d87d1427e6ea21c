"""A TextArea whose editing keys act in the order they were typed.

Kept apart from `ordered_input` so that the screens that start the app (the picker,
the capture screen) never import Textual's TextArea, which only the rule editor and
the decision dialog use.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from tacit.tui.widgets.ordered_controls import keep_burst_order


class OrderedTextArea(TextArea):
    """A TextArea whose editing keys (Backspace, arrows, Ctrl+U…) act where they were typed.

    As with `OrderedInput`, Textual runs them as bindings once the key reached the app,
    after the letters typed behind them: `"abc" BSpace "d"` gave ``abc``. Tab leaves at
    once too, so the letters typed after it reach the next field, not this one.
    """

    async def _on_key(self, event: events.Key) -> None:
        if keep_burst_order(self, event, tab_moves_focus=self.tab_behavior == "focus"):
            return  # Tab left at once: the letters after it go to the next field
        bindings = self._bindings.key_to_bindings.get(event.key)
        if bindings and not self.read_only:
            event.stop()
            event.prevent_default()
            self._restart_blink()
            await self.run_action(bindings[0].action)
            return
        await super()._on_key(event)
