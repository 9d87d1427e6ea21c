"""The status line: session, database, engine, busy, last notice, LLM usage."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from tacit.tui.safe_text import literal
from tacit.tui.sync import PairSync, presence_label


class StatusLine(Static):
    """One line at the bottom; every value is shown literally."""

    session_label: reactive[str] = reactive("")
    db_path: reactive[str] = reactive("")
    engine: reactive[str] = reactive("offline")
    busy: reactive[bool] = reactive(False)
    notice: reactive[str] = reactive("")
    usage: reactive[str] = reactive("")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def on_mount(self) -> None:
        self.set_interval(1.0, self.refresh)  # pair mode: whether the other role is connected

    def render(self) -> Content:
        """Most useful first, so a narrow terminal cuts only the tail (the database path)."""
        parts: list[Content | tuple[str, str] | str] = [
            literal(self.session_label, "bold"),
            "  ",
            literal(self.engine),
            (" ● suggesting…", "bold $warning") if self.busy else (" ○ idle", "dim"),
        ]
        if self.notice:
            parts += ["  ", literal(self.notice, "italic")]
        if self.usage:
            parts += ["  ", literal(self.usage, "dim")]
        sync = getattr(self.app, "pair_sync", None)
        if isinstance(sync, PairSync):
            parts += ["  ", presence_label(sync)]
        parts += [("  db ", "dim"), literal(self.db_path)]
        return Content.assemble(*parts)
