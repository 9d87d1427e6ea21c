"""The export dialog (stub with the final signature)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Label

from models.repository import Store


class ExportDialog(ModalScreen[Path | None]):
    """Export the session to JSON or Markdown; returns the written path or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(self, store: Store, session_id: str) -> None:
        super().__init__()
        self.store = store
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        yield Label("Export")

    def action_cancel(self) -> None:
        """Return None."""
        self.dismiss(None)
