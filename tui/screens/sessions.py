"""The session picker (stub with the final signature)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Label

from models.domain import Session
from models.repository import Store


class SessionPicker(Screen[Session | None]):
    """Pick a recent session or create one; Escape returns None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Quit", id="sessions.cancel"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Label("Sessions")

    def action_cancel(self) -> None:
        """Return None."""
        self.dismiss(None)
