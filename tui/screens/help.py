"""The help screen: the keys of the current screen and its panes, and what they do.

A screen that declares `HELP_SECTIONS` (title, keys) gets those listed whatever has
focus, so help in the narrative input still shows the question and rule keys
instead of the input's own text-editing keys. Keys remapped in config show as
remapped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from tacit.tui.keymap import KeySpec
from tacit.tui.safe_text import literal_rich

HelpEntry = Binding | KeySpec | tuple[str, str] | tuple[str, str, str]  # a pair: a fixed key
HelpSections = Sequence[tuple[str, Sequence[HelpEntry]]]


def _as_binding(item: Any, remapped: Mapping[str, str] | None = None) -> Binding | None:
    """Accept a Binding, a KeySpec, an ActiveBinding (has .binding) or a (key, description)
    pair; a binding whose id is in `remapped` shows its remapped key."""
    if isinstance(item, KeySpec):
        item = item.binding()
    if isinstance(item, Binding):
        if remapped and item.id and item.id in remapped:
            return Binding(remapped[item.id], item.action, item.description, id=item.id)
        return item
    inner = getattr(item, "binding", None)
    if isinstance(inner, Binding):
        return inner
    if isinstance(item, tuple) and len(item) == 2:
        key, description = item
        return Binding(str(key), "", str(description))
    if isinstance(item, tuple) and len(item) == 3:
        key, action, description = item
        return Binding(str(key), str(action), str(description))
    return None


class HelpScreen(ModalScreen[None]):
    """Lists key bindings with their descriptions; Escape, q, ? or F1 closes it.

    `bindings` may be Bindings, KeySpecs, the values of `Screen.active_bindings`, a
    mapping of those, or (key, description) pairs; `sections` groups them under titles.
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
    HelpScreen DataTable { height: auto; max-height: 30; }
    """

    def __init__(
        self,
        bindings: Iterable[Any] | Mapping[str, Any] = (),
        *,
        sections: HelpSections = (),
        remapped: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        items = bindings.values() if isinstance(bindings, Mapping) else bindings
        groups: list[tuple[str, Iterable[Any]]] = [("", items)] if items else []
        groups += list(sections)
        self.entries: list[Binding] = []
        self.sections: list[tuple[str, list[Binding]]] = []
        for title, members in groups:
            seen: set[tuple[str, str]] = set()
            shown: list[Binding] = []
            for item in members:
                binding = _as_binding(item, remapped)
                if binding is None or not binding.description:
                    continue
                marker = (binding.key, binding.description)
                if marker not in seen:
                    seen.add(marker)
                    shown.append(binding)
            self.sections.append((title, shown))
            self.entries.extend(shown)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Keys on this screen  (Escape closes)", classes="prompt-title")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)

    def key_text(self, binding: Binding) -> str:
        """Every key of a binding as the footer writes it: 'f1 / ?'."""
        keys = [key.strip() for key in binding.key.split(",") if key.strip()]
        return " / ".join(self.app.get_key_display(Binding(key, "")) for key in keys)

    def on_mount(self) -> None:
        table = self.query_one("#help-table", DataTable)
        table.add_columns("Key", "Does")
        for title, bindings in self.sections:
            if title and bindings:
                table.add_row("", literal_rich(title, "bold"))
            for binding in bindings:
                table.add_row(
                    literal_rich(self.key_text(binding)), literal_rich(binding.description)
                )
        table.focus()
        self._fit_table()

    def on_resize(self) -> None:
        self._fit_table()

    def _fit_table(self) -> None:
        """The table scrolls inside the screen: at 80x24 its last keys (the Rules pane's) were
        drawn below the bottom edge, where no key could scroll to them."""
        chrome = 3  # the dialog's border and title line
        table = self.query_one("#help-table", DataTable)
        table.styles.max_height = max(3, min(30, self.size.height - chrome))

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
