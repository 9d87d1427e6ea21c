"""The help screen: the keys of the current screen and what they do."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from tacit.tui.safe_text import literal_rich

HelpEntry = Binding | tuple[str, str]


def _as_binding(item: Any) -> Binding | None:
    """Accept a Binding, an ActiveBinding (has .binding) or a (key, description) pair."""
    if isinstance(item, Binding):
        return item
    inner = getattr(item, "binding", None)
    if isinstance(inner, Binding):
        return inner
    if isinstance(item, tuple) and len(item) == 2:
        key, description = item
        return Binding(str(key), "", str(description))
    return None


class HelpScreen(ModalScreen[None]):
    """Lists key bindings with their descriptions; Escape, q or ? closes it.

    `bindings` may be Bindings, the values of `Screen.active_bindings`, a mapping
    of those, or (key, description) pairs.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="tacit.help_close"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    HelpScreen DataTable { height: auto; max-height: 18; }
    """

    def __init__(self, bindings: Iterable[Any] | Mapping[str, Any]) -> None:
        super().__init__()
        items = bindings.values() if isinstance(bindings, Mapping) else bindings
        self.entries: list[Binding] = []
        seen: set[tuple[str, str]] = set()
        for item in items:
            binding = _as_binding(item)
            if binding is None or not binding.description:
                continue
            marker = (binding.key, binding.description)
            if marker not in seen:
                seen.add(marker)
                self.entries.append(binding)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Keys on this screen  (Escape closes)", classes="prompt-title")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#help-table", DataTable)
        table.add_columns("Key", "Does")
        for binding in self.entries:
            key = self.app.get_key_display(binding)
            table.add_row(literal_rich(key), literal_rich(binding.description))
        table.focus()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
