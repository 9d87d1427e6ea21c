"""The decision register: operational choices disguised as technical ones.

Lists the session's decisions plus the design brief's presets not yet taken
up (escalation channel, retry vs escalate, model size, data location, logging
level); Enter edits one, n adds the pair's own. Reads run in a loader worker and
saves go through the app's `SessionState` (its writer thread), like every write
of the UI; the register re-reads when any instance changed the store.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Input, Label, Select, TextArea
from textual.worker import Worker, WorkerState

from tacit.models.domain import DECISION_PRESETS, Decision, ValidationError
from tacit.tui.messages import StoreChanged
from tacit.tui.safe_text import clean, literal, literal_rich
from tacit.tui.session_state import SessionState
from tacit.tui.widgets.ordered_controls import OrderedButton, OrderedSelect
from tacit.tui.widgets.ordered_input import OrderedInput
from tacit.tui.widgets.ordered_text_area import OrderedTextArea


def register_rows(session_id: str, decisions: list[Decision]) -> list[Decision]:
    """The session's decisions, then an unsaved blank for each preset not used yet."""
    used = {d.kind for d in decisions}
    blanks = [
        Decision(session_id=session_id, topic=topic, kind=kind, options=list(options))
        for kind, topic, options in DECISION_PRESETS
        if kind not in used
    ]
    return [*decisions, *blanks]


def _row(label: str, widget: Input) -> Horizontal:
    return Horizontal(Label(label), widget, classes="row")


class DecisionEditor(ModalScreen[Decision | None]):
    """Edit one decision's topic, options, choice, owner and reason."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="tacit.decision_editor_cancel"),
        # not a priority binding: it reaches the editor behind the keys typed before it
        Binding("ctrl+s", "save", "Save", id="tacit.decision_editor_save"),
    ]
    DEFAULT_CSS = """
    DecisionEditor { align: center middle; }
    DecisionEditor > Vertical {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    DecisionEditor .row { height: auto; }
    DecisionEditor .row > Label { width: 9; }
    DecisionEditor .row > Input, DecisionEditor .row > Select { width: 1fr; }
    DecisionEditor #decision-options { height: 4; width: 1fr; }
    DecisionEditor #decision-error { color: $error; height: auto; }
    DecisionEditor #decision-buttons { height: auto; align-horizontal: right; }
    """

    def __init__(self, decision: Decision) -> None:
        super().__init__()
        self.decision = decision
        self.shown_options = [clean(o).strip() for o in decision.options if o.strip()]

    def compose(self) -> ComposeResult:
        d = self.decision
        with Vertical() as box:
            box.border_title = "Decision  (ctrl+s save, Esc cancel)"
            yield _row("Decision", OrderedInput(clean(d.topic), id="decision-topic", compact=True))
            yield Label("Options (one per line)")
            yield OrderedTextArea(clean("\n".join(d.options)), id="decision-options", compact=True)
            yield Horizontal(
                Label("Pick"),
                OrderedSelect(
                    self._option_items(d.options),
                    value=d.choice if d.choice in d.options else Select.NULL,
                    prompt="choose an option",
                    id="decision-pick",
                    compact=True,
                ),
                classes="row",
            )
            choice = OrderedInput(
                clean(d.choice), placeholder="or type your own", id="decision-choice", compact=True
            )
            yield _row("Choice", choice)
            yield _row("Owner", OrderedInput(clean(d.owner), id="decision-owner", compact=True))
            yield _row("Why", OrderedInput(clean(d.reason), id="decision-reason", compact=True))
            yield Label("", id="decision-error")
            with Horizontal(id="decision-buttons"):
                yield OrderedButton(
                    "Save (ctrl+s)", id="decision-save", variant="primary", compact=True
                )
                yield Label(" ")
                yield OrderedButton("Cancel (Esc)", id="decision-cancel", compact=True)

    @staticmethod
    def _option_items(options: list[str]) -> list[tuple[Content, str]]:
        return [(literal(option), option) for option in dict.fromkeys(options) if option]

    def on_mount(self) -> None:
        self.query_one("#decision-topic", Input).focus()

    def _options(self) -> list[str]:
        lines = self.query_one("#decision-options", TextArea).text.splitlines()
        return [clean(line).strip() for line in lines if line.strip()]

    @on(TextArea.Changed, "#decision-options")
    def _options_changed(self) -> None:
        options = self._options()
        if options != self.shown_options:
            self.shown_options = options
            self.query_one("#decision-pick", Select).set_options(self._option_items(options))

    @on(Select.Changed, "#decision-pick")
    def _picked(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.query_one("#decision-choice", Input).value = event.value

    def edited_decision(self) -> Decision:
        """The decision as the form says; raises ValidationError (e.g. no topic)."""
        data = self.decision.to_dict()
        data.update(
            topic=clean(self.query_one("#decision-topic", Input).value),
            options=self._options(),
            choice=clean(self.query_one("#decision-choice", Input).value).strip(),
            owner=clean(self.query_one("#decision-owner", Input).value).strip(),
            reason=clean(self.query_one("#decision-reason", Input).value).strip(),
        )
        edited = Decision.from_dict(data)
        if edited.to_dict() != self.decision.to_dict():
            edited.touch()
        return edited

    @on(Button.Pressed, "#decision-save")
    def action_save(self) -> None:
        """Return the edited decision, or show inline why not."""
        try:
            edited = self.edited_decision()
        except ValidationError as error:
            self.query_one("#decision-error", Label).update(literal(f"Cannot save: {error}"))
            return
        self.dismiss(edited)

    @on(Button.Pressed, "#decision-cancel")
    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)


class DecisionRegister(Screen[None]):
    """The session's operational decisions and the presets; Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="tacit.decisions_close"),
        Binding("enter", "edit", "Edit", id="tacit.decisions_edit", show=True),
        Binding("n", "new", "New decision", id="tacit.decisions_new"),
    ]
    DEFAULT_CSS = """
    DecisionRegister #decision-table { height: 1fr; }
    DecisionRegister .heading { text-style: bold; padding: 0 1; }
    DecisionRegister #decision-status { height: 1; padding: 0 1; color: $text-muted; }
    """

    class Loaded(Message):
        """The worker read the session's decisions."""

        def __init__(self, decisions: list[Decision]) -> None:
            super().__init__()
            self.decisions = decisions

    class Saved(Message):
        """The writer saved a decision, or failed with error."""

        def __init__(self, decision: Decision, error: str = "") -> None:
            super().__init__()
            self.decision = decision
            self.error = error

    def __init__(self, state: SessionState, session_id: str) -> None:
        super().__init__()
        self.state = state
        self.session_id = session_id
        self.rows: list[Decision] = []

    def compose(self) -> ComposeResult:
        yield Label("Decision register  (Enter edit, n new, Esc back)", classes="heading")
        yield DataTable(id="decision-table", cursor_type="row", zebra_stripes=True)
        yield Label("", id="decision-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#decision-table", DataTable)
        for label, width in (("Decision", 30), ("Choice", 16), ("Owner", 12), ("Why", None)):
            table.add_column(label, width=width)
        table.loading = True
        table.focus()
        self._load()

    @work(thread=True, exclusive=True, group="decisions-load", exit_on_error=False)
    def _load(self) -> None:
        self.post_message(self.Loaded(self.state.read_decisions(self.session_id)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A read that failed (a damaged store): say so and show the presets."""
        if event.state is WorkerState.ERROR:
            error = " ".join(str(event.worker.error).split())
            self.query_one("#decision-status", Label).update(literal(f"Cannot read: {error}"))
            self.post_message(self.Loaded([]))

    @on(StoreChanged)
    def reload(self) -> None:
        """Re-read the decisions from the store (e.g. after the partner saved one)."""
        self._load()

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        table = self.query_one("#decision-table", DataTable)
        table.loading = False
        keep = table.cursor_row
        self.rows = register_rows(self.session_id, event.decisions)
        saved_ids = {d.id for d in event.decisions}
        table.clear()
        for decision in self.rows:
            saved = decision.id in saved_ids
            dash = Text("—", style="dim")
            table.add_row(
                literal_rich(decision.topic, "" if saved else "italic"),
                literal_rich(decision.choice) if decision.choice else dash,
                literal_rich(decision.owner) if decision.owner else dash,
                literal_rich(decision.reason) if decision.reason else dash,
                key=decision.id,
            )
        if self.rows:
            table.move_cursor(row=min(keep, len(self.rows) - 1))

    def _selected(self) -> Decision | None:
        table = self.query_one("#decision-table", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    @on(DataTable.RowSelected, "#decision-table")
    def action_edit(self) -> None:
        """Edit the selected decision (a preset becomes the session's own on save)."""
        decision = self._selected()
        if decision is not None:
            self.app.push_screen(DecisionEditor(decision), self._edited)

    def action_new(self) -> None:
        """Add a decision of the pair's own."""
        blank = Decision(session_id=self.session_id, topic="New decision")
        self.app.push_screen(DecisionEditor(blank), self._edited)

    def _edited(self, decision: Decision | None) -> None:
        if decision is not None:
            self.query_one("#decision-status", Label).update("Saving…")

            def done(error: str | None) -> None:  # on the writer thread: post only
                self.post_message(self.Saved(decision, error or ""))

            self.state.save(decision, done)

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        status = self.query_one("#decision-status", Label)
        if event.error:
            status.update(literal(f"Not saved: {event.error}"))
            self.notify(clean(f"Decision not saved: {event.error}"), severity="error", markup=False)
            return
        status.update(literal(f"Saved: {event.decision.topic}"))
        self._load()

    def action_close(self) -> None:
        """Back to the capture screen."""
        self.dismiss(None)
