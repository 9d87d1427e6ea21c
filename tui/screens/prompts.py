"""Small input modals: a one-line text prompt and a yes/no confirmation."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from tacit.tui.safe_text import clean, literal
from tacit.tui.widgets.ordered_input import OrderedInput


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text; Enter submits, Escape returns None.

    Used for "record the answer", "park with owner" and "send back with comment".
    An empty answer is refused inline unless `allow_empty` is set.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="tacit.prompt_cancel"),
    ]
    DEFAULT_CSS = """
    TextPrompt { align: center middle; }
    TextPrompt > Vertical {
        width: 70; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    TextPrompt .prompt-title { text-style: bold; }
    TextPrompt Label { width: 100%; }
    TextPrompt .prompt-error { color: $error; height: auto; }
    TextPrompt Horizontal { height: auto; align-horizontal: right; }
    """

    def __init__(
        self, title: str, label: str, initial: str = "", *, allow_empty: bool = False
    ) -> None:
        super().__init__()
        self.prompt_title = title
        self.prompt_label = label
        self.initial = initial
        self.allow_empty = allow_empty

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(literal(self.prompt_title), classes="prompt-title")
            yield Label(literal(self.prompt_label), id="prompt-label")
            # Never selected: what is offered (an answer said on the call, an owner)
            # is extended more often than replaced, so a keystroke must not erase it.
            yield OrderedInput(value=clean(self.initial), id="prompt-input", select_on_focus=False)
            yield Label("", id="prompt-error", classes="prompt-error")
            with Horizontal():
                yield Button("OK", id="prompt-ok", variant="primary")
                yield Button("Cancel", id="prompt-cancel")

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()

    @on(Input.Submitted, "#prompt-input")
    @on(Button.Pressed, "#prompt-ok")
    def submit(self) -> None:
        """Return the text, or say inline why it cannot be empty."""
        value = clean(self.query_one("#prompt-input", Input).value).strip()
        if not value and not self.allow_empty:
            self.query_one("#prompt-error", Label).update("Please type something (Escape cancels).")
            return
        self.dismiss(value)

    @on(Button.Pressed, "#prompt-cancel")
    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)


class ConfirmPrompt(ModalScreen[bool]):
    """Ask a yes/no question: y or Enter on Yes confirms; n or Escape declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "No", id="tacit.confirm_no"),
        Binding("y", "answer(True)", "Yes", id="tacit.confirm_yes"),
    ]
    DEFAULT_CSS = """
    ConfirmPrompt { align: center middle; }
    ConfirmPrompt > Vertical {
        width: 60; max-width: 100%; height: auto;
        border: round $warning; background: $panel; padding: 0 1;
    }
    ConfirmPrompt Label { width: 100%; }
    ConfirmPrompt Horizontal { height: auto; align-horizontal: right; }
    """

    def __init__(self, title: str, question: str = "") -> None:
        super().__init__()
        self.prompt_title = title
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(literal(self.prompt_title), classes="prompt-title")
            if self.question:
                yield Label(literal(self.question))
            with Horizontal():
                yield Button("Yes (y)", id="confirm-yes", variant="warning")
                yield Button("No (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        """Close with the given answer."""
        self.dismiss(answer)
