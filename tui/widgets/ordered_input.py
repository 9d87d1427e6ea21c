"""An Input that acts on Enter, Tab and pastes in the order the keys arrived.

Textual runs a key *binding* (Enter -> submit, Tab -> next field) only after
the key has bubbled up to the app, while the keys typed after it are already
being inserted into the same input. A burst such as
``send-keys "a." Enter "b." Enter`` then submits ``a.b.`` twice, and a title
typed fast followed by Tab swallows the next field. This input handles those
keys in its own queue, where they arrive in order, and hands keys that reach it
after focus moved on to the widget that has focus now.

A multi-line paste is typed line by line: every line break acts as Enter, so
with ``submit_each_line`` each line becomes its own submission (the text after
the last break stays in the input); otherwise the lines are joined with a space.

The input's own editing keys (Backspace, arrows, Home/End, Ctrl+U, Ctrl+W…) are
bindings too, so they act here as they arrive: `"abc" BSpace "d"` gives ``abd``.

Quitting (Ctrl+Q, a priority binding that runs before this input has handled
the keys typed just before it) is queued here too: `request_quit` runs in key
order, submits the half-typed text when ``submit_on_quit``, then posts
`QuitRequested`, which travels behind that submission to the app. Other priority
keys that change what a submission means (Ctrl+T, who is speaking) go the same way
through `run_in_order`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import events
from textual.app import ScreenStackError
from textual.message import Message
from textual.widgets import Input

SUBMIT_KEYS = ("enter", "ctrl+j")
"""Enter, and the newline (ctrl+j) a terminal not yet in raw mode makes of it: keys typed as
the app starts, and pastes from terminals that send line feeds."""
HOLD_POLL_SECONDS = 0.02
HOLD_SECONDS = 3.0  # a submit that opened nothing gives its typed-ahead keys back


class OrderedInput(Input):
    """A single-line input whose Enter/Tab/paste never read text typed after them."""

    class QuitRequested(Message):
        """Quit now: every key typed before the quit has been handled."""

    class InOrder(Message):
        """Run callback now: every key typed before it, and what they submitted, went first."""

        def __init__(self, callback: Callable[[], object]) -> None:
            super().__init__()
            self.callback = callback

    def __init__(
        self,
        value: str | None = None,
        placeholder: str = "",
        *,
        clear_on_submit: bool = False,
        submit_each_line: bool = False,
        submit_on_quit: bool = False,
        hand_on_after_submit: bool = False,
        select_on_focus: bool = True,
        id: str | None = None,
        classes: str | None = None,
        compact: bool = False,
    ) -> None:
        super().__init__(
            value,
            placeholder,
            select_on_focus=select_on_focus,
            id=id,
            classes=classes,
            # no validators, so nothing to validate; validating anyway marks the input
            # '-valid' as it mounts, which restyles it and its four parts before the first frame
            validate_on=(),
        )
        if compact:
            # what compact=True does, without restyling an input that is not mounted yet:
            # Textual applies the whole stylesheet to it and its four parts at once (~2.5 M
            # instructions per input), and again when it mounts
            self.set_reactive(Input.compact, True)
            self.add_class("-textual-compact", update=False)
        self.clear_on_submit = clear_on_submit
        self.submit_each_line = submit_each_line
        self.submit_on_quit = submit_on_quit
        self.hand_on_after_submit = hand_on_after_submit
        self._typed_ahead: list[events.Key] | None = None  # keys after a submit that moves on
        self.end_on_focus = False
        """Tabbed into, the cursor goes to the end (typing adds to the text, never before
        it); left, back to the start, so the field shows how its text begins."""

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        if self.end_on_focus and not event.from_app_focus:
            self.cursor_position = len(self.value)

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        if self.end_on_focus:
            self.cursor_position = 0

    async def _on_key(self, event: events.Key) -> None:
        if self._typed_ahead is not None:  # submitted; the next screen is on its way
            event.stop()
            event.prevent_default()
            self._typed_ahead.append(events.Key(event.key, event.character))
            return
        focused = self.app.focused
        if focused is not self and focused is not None and self.is_attached:
            # focus moved (Tab, Enter opening a screen) after this key was routed here
            event.stop()
            event.prevent_default()
            focused._forward_event(events.Key(event.key, event.character))
            return
        if event.key in SUBMIT_KEYS:
            event.stop()
            event.prevent_default()
            self.submit_now()
        elif event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            if event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
        elif bindings := self._bindings.key_to_bindings.get(event.key):
            # an editing key (Backspace, arrows, Ctrl+U…) acts here, before the letters
            # typed after it; as a binding it would run once the key reached the app
            event.stop()
            event.prevent_default()
            await self.run_action(bindings[0].action)

    def submit_now(self) -> None:
        """Submit what is in the input at this point of the key stream."""
        value = self.value
        if self.clear_on_submit:
            self.value = ""
        validation = self.validate(value) if "submitted" in self.validate_on else None
        self.post_message(self.Submitted(self, value, validation))
        if self.hand_on_after_submit:
            self._hold_typed_ahead()

    def _hold_typed_ahead(self) -> None:
        """Keep keys typed after this submit for whatever takes focus next (a new screen)."""
        held: list[events.Key] = []
        self._typed_ahead = held
        app, deadline = self.app, time.monotonic() + HOLD_SECONDS

        def hand_on() -> None:  # an app timer: it outlives this input's screen
            try:
                target = app.focused
            except ScreenStackError:  # the app is closing: nothing takes the keys
                timer.stop()
                return
            if self._typed_ahead is not held:  # released already
                timer.stop()
            elif target is not None and target is not self:
                self._typed_ahead = None
                for key in held:
                    target._forward_event(key)
                timer.stop()
            elif time.monotonic() > deadline:
                self.release_typed_ahead()
                timer.stop()

        timer = app.set_interval(HOLD_POLL_SECONDS, hand_on)

    def release_typed_ahead(self) -> None:
        """The submit opened nothing (a validation error): keys typed ahead belong here."""
        held, self._typed_ahead = self._typed_ahead or [], None
        for key in held:
            self.post_message(key)
        held.clear()

    def run_in_order(self, callback: Callable[[], object]) -> None:
        """Have this input's parent run callback behind the keys queued here (a priority key
        such as Ctrl+T acts before them otherwise) and behind the submissions they made."""
        self.call_later(lambda: self.post_message(self.InOrder(callback)))

    def request_quit(self) -> None:
        """Quit behind the keys already queued here (call through `call_later`)."""
        if self.submit_on_quit and self.value.strip():
            self.submit_now()
        self.post_message(self.QuitRequested())

    def _on_paste(self, event: events.Paste) -> None:
        lines = event.text.splitlines()
        ends_with_break = event.text.endswith(("\n", "\r"))
        if not self.submit_each_line or (len(lines) <= 1 and not ends_with_break):
            event.stop()
            event.prevent_default()
            self._insert(" ".join(line.strip() for line in lines if line.strip()))
            return
        event.stop()
        event.prevent_default()
        complete = lines if ends_with_break else lines[:-1]
        for line in complete:
            self._insert(line)
            self.submit_now()
            if not self.clear_on_submit:
                self.value = ""
        if not ends_with_break:
            self._insert(lines[-1])

    def _insert(self, text: str) -> None:
        if not text:
            return
        start, end = sorted(self.selection)
        if start == end:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, start, end)
