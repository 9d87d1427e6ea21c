"""The rule editor modal (stub with the final signature; form lands next)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Label

from models.domain import Question, Rule
from tui.safe_text import literal


class RuleEditor(ModalScreen[Rule | None]):
    """Edit a rule; returns the edited Rule (not saved) or None on cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="rule_editor.cancel"),
        Binding("ctrl+s", "save", "Save", id="rule_editor.save"),
    ]

    def __init__(
        self, rule: Rule, *, question: Question | None = None, role: str = "engineer"
    ) -> None:
        super().__init__()
        self.rule = rule
        self.question = question
        self.role = role

    def compose(self) -> ComposeResult:
        yield Label(literal(self.rule.statement))

    def action_save(self) -> None:
        """Return the rule."""
        self.dismiss(Rule.from_dict(self.rule.to_dict()))

    def action_cancel(self) -> None:
        """Return None."""
        self.dismiss(None)
