"""The export dialog: a format from the registry, a path, drafts in or out; writes in a worker.

Focus opens on the format list (the arrow keys or Enter pick a format, Enter never
exports);
the path is not selected, so typing adds to it instead of erasing it. The
formats are a plain list, not a dropdown, so nothing draws over the rows below.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet

from tacit.models.export_formats import DEFAULT_FORMAT, FORMATS, export_format
from tacit.models.ids import short_id
from tacit.models.repository import Store
from tacit.tui.safe_text import clean, literal
from tacit.tui.widgets.ordered_controls import (
    OrderedButton,
    OrderedCheckbox,
    ShownRadioButton,
    keep_burst_order,
)
from tacit.tui.widgets.ordered_input import OrderedInput


def default_path(session_id: str, fmt: str) -> str:
    """`./tacit-<short id>.<the format's extension>`, relative to where tacit was started."""
    stem = f"./tacit-{short_id(session_id)}"
    if fmt == "policy":
        stem += "-policy"
    elif fmt == "tests":
        stem = f"./test_tacit_{short_id(session_id)}"
    return f"{stem}.{export_format(fmt).extension}"


def write_export(store: Store, session_id: str, fmt: str, include_drafts: bool, path: Path) -> int:
    """Build, render and write the export (0600); return the bytes written. Raises on failure."""
    from tacit.models.export import export_document, write_private

    document = export_document(store, session_id, include_drafts)
    data = export_format(fmt).render(document)
    write_private(path, data)
    return len(data)


class FormatList(RadioSet):
    """The formats; the arrow keys choose, so the highlighted format is the one exported
    (a plain RadioSet only moves a highlight: Down then ctrl+s wrote JSON under 'Policy')."""

    async def _on_key(self, event: events.Key) -> None:
        """Act on the list's keys here, in key order: as bindings they would act only once
        the key bubbled up to the app, after a Tab typed behind them had moved focus on."""
        if keep_burst_order(self, event):
            return
        action = _LIST_KEYS.get(event.key)
        if action is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        action(self)

    def action_next_button(self) -> None:
        super().action_next_button()
        self._choose_highlighted()

    def action_previous_button(self) -> None:
        super().action_previous_button()
        self._choose_highlighted()

    # the button chosen last, known at once: pressed_button follows a message later, so
    # ctrl+s right behind an arrow key would read the format before it
    chosen: RadioButton | None = None
    unreported_choices = 0

    def action_toggle_button(self) -> None:
        super().action_toggle_button()
        self._choose_highlighted()

    def _choose_highlighted(self) -> None:
        if self._selected is not None:
            button = self._nodes[self._selected]
            if isinstance(button, RadioButton):
                if not button.value:
                    self.unreported_choices += 1  # its Changed message is still to come
                button.value = True
                self.chosen = button


_LIST_KEYS: dict[str, Callable[[FormatList], None]] = {
    "down": FormatList.action_next_button,
    "right": FormatList.action_next_button,
    "up": FormatList.action_previous_button,
    "left": FormatList.action_previous_button,
    "enter": FormatList.action_toggle_button,
    "space": FormatList.action_toggle_button,
}


class ExportDialog(ModalScreen[Path | None]):
    """Export the session; returns the written path, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="tacit.export_cancel"),
        # not a priority binding: it reaches the dialog behind the keys typed before it
        # (Down, Tab, Space in one burst), so what they chose is what is exported
        Binding("ctrl+s", "export", "Export", id="tacit.export_save"),
    ]
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    ExportDialog .row { height: auto; }
    ExportDialog .row > Label { width: 9; }
    ExportDialog .row > Input { width: 1fr; }
    ExportDialog #export-format { width: 1fr; height: auto; border: none; padding: 0; }
    ExportDialog #export-error { color: $error; height: auto; }
    ExportDialog #export-buttons { height: auto; align-horizontal: right; }
    """

    class Finished(Message):
        """The export worker is done: written to path, or failed with error."""

        def __init__(self, path: Path, size: int, error: str) -> None:
            super().__init__()
            self.path = path
            self.size = size
            self.error = error

    def __init__(self, store: Store, session_id: str) -> None:
        super().__init__()
        self.store = store
        self.session_id = session_id
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Export session  (ctrl+s export, Esc cancel)"
            with Horizontal(classes="row"):
                yield Label("Format")
                with FormatList(id="export-format", compact=True):
                    for option in FORMATS:
                        yield ShownRadioButton(
                            option.label,
                            option.name == DEFAULT_FORMAT,
                            id=f"format-{option.name}",
                            compact=True,
                        )
            yield Horizontal(
                Label("Path"),
                OrderedInput(  # editing keys keep their place in a burst
                    default_path(self.session_id, DEFAULT_FORMAT),
                    id="export-path",
                    compact=True,
                    select_on_focus=False,
                ),
                classes="row",
            )
            yield OrderedCheckbox("Include draft rules", False, id="export-drafts", compact=True)
            yield Label("", id="export-error")
            with Horizontal(id="export-buttons"):
                yield OrderedButton(
                    "Export (ctrl+s)", id="export-go", variant="primary", compact=True
                )
                yield Label(" ")
                yield OrderedButton("Cancel (Esc)", id="export-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-format", RadioSet).focus()

    @property
    def fmt(self) -> str:
        """The chosen format's name (from the registry)."""
        formats = self.query_one("#export-format", FormatList)
        chosen = formats.chosen or formats.pressed_button
        if chosen is None or chosen.id is None:
            return DEFAULT_FORMAT
        return chosen.id.removeprefix("format-")

    def select_format(self, name: str) -> None:
        """Pick a format by name, as pressing its button does."""
        button = self.query_one(f"#format-{export_format(name).name}", RadioButton)
        button.value = True
        self.query_one("#export-format", FormatList).chosen = button

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        """Keep the extension in step while the path is still a default one."""
        formats = self.query_one("#export-format", FormatList)
        if formats.unreported_choices:  # a key chose it, at once; this message is late
            formats.unreported_choices -= 1
        else:  # a click
            formats.chosen = event.pressed
        path_input = self.query_one("#export-path", Input)
        if self._is_default(path_input.value):
            path_input.value = default_path(self.session_id, self.fmt)
            path_input.cursor_position = len(path_input.value)

    def _is_default(self, path: str) -> bool:
        """Whether path is still one this dialog proposed (its extension follows the format)."""
        return path in {default_path(self.session_id, f.name) for f in FORMATS}

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        """Start writing the file in a worker (one export at a time)."""
        if self.busy:
            return
        raw = self.query_one("#export-path", Input).value.strip()
        if self._is_default(raw):
            # still a default: its extension follows a format chosen a key ago
            raw = default_path(self.session_id, self.fmt)
        error_label = self.query_one("#export-error", Label)
        if not raw:
            error_label.update("Please give a path to write to.")
            return
        error_label.update("Exporting…")
        self.busy = True
        include_drafts = self.query_one("#export-drafts", Checkbox).value
        self._write(Path(raw).expanduser(), self.fmt, include_drafts)

    @work(thread=True, exclusive=True, group="export")
    def _write(self, path: Path, fmt: str, include_drafts: bool) -> None:
        try:
            size = write_export(self.store, self.session_id, fmt, include_drafts, path)
        except Exception as error:  # ExportError, OSError, a damaged store: one line each
            message = " ".join(str(error).split()) or type(error).__name__
            self.post_message(self.Finished(path, 0, message))
            return
        self.post_message(self.Finished(path, size, ""))

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        self.busy = False
        if event.error:
            self.query_one("#export-error", Label).update(literal(f"Export failed: {event.error}"))
            self.notify(clean(f"Export failed: {event.error}"), severity="error", markup=False)
            return
        self.notify(clean(f"Exported {event.size} bytes to {event.path.absolute()}"), markup=False)
        self.dismiss(event.path)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        """Close without writing."""
        self.dismiss(None)
