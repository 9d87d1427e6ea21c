"""The comments on a rule, read-only: what the operator said when sending it back, in full.

The rules list marks a sent-back rule and folds out its latest comment on the
highlighted row; at 80x24 a long comment or a thread of them does not fit there,
so `c` on the rule shows them all here. Escape, Enter or `c` closes it.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tacit.models.domain import Rule
from tacit.tui.safe_text import literal
from tacit.tui.widgets.formatting import clock


class CommentsView(ModalScreen[None]):
    """Every comment on one rule, oldest first, with who wrote it and when."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,c", "close", "Close", id="tacit.comments_close"),
    ]
    DEFAULT_CSS = """
    CommentsView { align: center middle; }
    CommentsView > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    CommentsView .comments-title { text-style: bold; width: 1fr; }
    CommentsView VerticalScroll { height: auto; max-height: 16; }
    CommentsView .comment { margin-top: 1; }
    CommentsView .comments-hint { color: $text-muted; }
    """

    def __init__(self, rule: Rule, tz: tzinfo | None = None) -> None:
        super().__init__()
        self.rule = rule
        self.tz = tz

    @classmethod
    def open(cls, app: App[Any], rule: Rule, tz: tzinfo | None = None) -> None:
        """Show the rule's comments, or say in one notice that it has none."""
        if not rule.comments:
            app.notify("No comments on this rule.")
            return
        app.push_screen(cls(rule, tz))

    def compose(self) -> ComposeResult:
        with Vertical():
            title = literal(f"Comments on: {self.rule.statement}")
            yield Static(title, classes="comments-title", markup=False)
            with VerticalScroll():
                for comment in self.rule.comments:
                    who = Content.styled(f"{comment.role} · {clock(comment.at, self.tz)}", "bold")
                    text = Content.assemble(who, "\n", literal(comment.text))
                    yield Static(text, classes="comment", markup=False)
            yield Label("Esc closes · e on the rule edits it", classes="comments-hint")

    def action_close(self) -> None:
        """Back to the rules list."""
        self.dismiss(None)
