"""The decision register screen (stub with the final signature)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Label

from models.repository import Store


class DecisionRegister(Screen[None]):
    """The session's operational decisions and the presets; Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="decisions.close"),
    ]

    def __init__(self, store: Store, session_id: str) -> None:
        super().__init__()
        self.store = store
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        yield Label("Decision register")
        yield Footer()

    def action_close(self) -> None:
        """Back to the capture screen."""
        self.dismiss(None)
