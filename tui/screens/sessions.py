"""The session picker: reopen a recent session or start a new one.

The list is read in a loader worker; a new session is saved through the app's
`SessionState` (its writer thread), like every write of the UI.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from tacit.models.damaged_sessions import DamagedSession, damaged_sessions, describe
from tacit.models.domain import Session, ValidationError
from tacit.models.repository import Store
from tacit.models.storage import DatabaseError
from tacit.tui.safe_text import clean, literal
from tacit.tui.session_state import SessionState
from tacit.tui.styles import keep_first_styles
from tacit.tui.widgets.ordered_input import OrderedInput
from tacit.tui.widgets.plain_button import PlainButton


class SessionSummary:
    """One row of the picker: the session and what it holds. (A plain class: defined before
    the first frame, where a named tuple costs ~0.7 M instructions to create, this ~0.07 M.)"""

    __slots__ = ("accepted", "last_activity", "questions", "rules", "segments", "session")

    def __init__(
        self,
        session: Session,
        last_activity: str,
        segments: int,
        questions: int,
        rules: int,
        accepted: int,
    ) -> None:
        self.session = session
        self.last_activity = last_activity
        self.segments = segments
        self.questions = questions
        self.rules = rules
        self.accepted = accepted


def summarise(store: Store) -> list[SessionSummary]:
    """Every session, most recently active first, with its counts (runs in a worker)."""
    questions: dict[str, int] = {}
    for question in store.questions():
        questions[question.session_id] = questions.get(question.session_id, 0) + 1
    rules: dict[str, list[str]] = {}
    for rule in store.rules():
        rules.setdefault(rule.session_id, []).append(rule.status)
    rows = []
    for session in store.sessions():
        segments = store.segments(session.id)
        last = max([session.updated_at, *(s.at for s in segments[-1:])])
        statuses = rules.get(session.id, [])
        rows.append(
            SessionSummary(
                session=session,
                last_activity=last,
                segments=len(segments),
                questions=questions.get(session.id, 0),
                rules=len(statuses),
                accepted=statuses.count("accepted"),
            )
        )
    return rows


def damaged_label(damaged: DamagedSession) -> Content:
    """Two lines: the title as stored (or the id), marked damaged; then what is wrong."""
    head = literal(damaged.title or damaged.id, "bold")
    mark = Content.assemble(head, "  ", ("⚠ damaged", "$error"))
    return Content.assemble(mark, "\n", literal(f"  {damaged.reason}", "dim"))


def _when(stamp: str) -> str:
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return "?"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def summary_label(row: SessionSummary) -> Content:
    """Two lines: the title and workflow (literal), then activity and counts."""
    session = row.session
    head = literal(session.title, "bold")
    if session.workflow:
        head = Content.assemble(head, "  ", literal(session.workflow, "italic"))
    detail = (
        f"  {_when(row.last_activity)} · {row.segments} segments · {row.questions} questions"
        f" · {row.accepted}/{row.rules} rules accepted"
    )
    return Content.assemble(head, "\n", (detail, "dim"))


class SessionPicker(Screen[Session | None]):
    """Pick a recent session (Enter) or create one; Escape returns None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="tacit.sessions_cancel"),
        Binding("n", "new", "New session", id="tacit.sessions_new"),
    ]
    DEFAULT_CSS = """
    SessionPicker { align: center top; }
    SessionPicker > Vertical { width: 100%; max-width: 110; height: 1fr; padding: 0 1; }
    SessionPicker #session-list { height: 1fr; min-height: 4; }
    SessionPicker .row { height: auto; }
    SessionPicker .caption { width: auto; min-height: 1; }
    SessionPicker .row > .caption { width: 10; }
    SessionPicker .row > Input { width: 1fr; }
    SessionPicker #session-error { color: $error; height: auto; width: 1fr; }
    SessionPicker .heading { text-style: bold; margin-top: 1; }
    """

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        keep_first_styles(self, event)

    class Loaded(Message):
        """The worker read the session list."""

        def __init__(
            self, rows: list[SessionSummary], damaged: list[DamagedSession] | None = None
        ) -> None:
            super().__init__()
            self.rows = rows
            self.damaged = damaged or []

    class Created(Message):
        """The writer saved a new session, or failed with error."""

        def __init__(self, session: Session | None, error: str = "") -> None:
            super().__init__()
            self.session = session
            self.error = error

    LOADING_AFTER = 0.25  # seconds: a quick read never flashes a loading indicator
    READ_AT_ONCE = 1000
    """Records up to which the list is read before the first frame (measured: ~45 ms of CPU
    at 1,000, ~0.3 s at 5,000); a larger database is read in a worker while the picker is
    already drawn."""

    def __init__(
        self, state: SessionState, on_choose: Callable[[Session | None], None] | None = None
    ) -> None:
        """on_choose: called with the choice when the picker is the app's first screen
        (which cannot be dismissed); otherwise the choice is the screen's result."""
        super().__init__()
        self.state = state
        self.rows: list[SessionSummary] = []
        self.damaged: dict[str, DamagedSession] = {}  # listed, marked, not openable
        self._on_choose = on_choose
        self._loading_timer: Timer | None = None

    def _finish(self, session: Session | None) -> None:
        if self._on_choose is not None:
            self._on_choose(session)
        else:
            self.dismiss(session)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Recent sessions  (Enter opens)", classes="caption heading")
            yield OptionList(id="session-list")
            yield Static("New session  (n)", classes="caption heading")
            yield Horizontal(
                Static("Title", classes="caption"),
                OrderedInput(
                    placeholder="required, e.g. Dispatch with Janet",
                    id="new-title",
                    compact=True,
                    hand_on_after_submit=True,  # keys typed after Enter go to the new session
                ),
                classes="row",
            )
            yield Horizontal(
                Static("Workflow", classes="caption"),
                OrderedInput(
                    placeholder="optional, e.g. dispatch",
                    id="new-workflow",
                    compact=True,
                    hand_on_after_submit=True,
                ),
                classes="row",
            )
            yield Static("", id="session-error", classes="caption")
            yield PlainButton("Create (Enter)", id="new-create")
        yield Footer()

    def on_mount(self) -> None:
        # where the first keys go (the list, or the title when there is no session yet) is
        # decided when the list arrives: a database of usual size is read here, before the
        # first frame, which then shows the real list; a large one in a worker
        store = self.state.store
        if sum(store.counts().values()) <= self.READ_AT_ONCE:
            try:
                self._loaded(self.Loaded(summarise(store), damaged_sessions(store)))
                return
            except (DatabaseError, OSError):
                pass  # the worker reads it again and says what is wrong
        self._loading_timer = self.set_timer(self.LOADING_AFTER, self._show_loading)
        self._load()

    def _show_loading(self) -> None:
        self._loading_timer = None
        self.query_one("#session-list", OptionList).loading = True

    @work(thread=True, exclusive=True, group="sessions-load", exit_on_error=False)
    def _load(self) -> None:
        store = self.state.store
        rows = summarise(store)
        self.post_message(self.Loaded(rows, damaged_sessions(store)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A read that failed (a damaged store) is one line; the form still works."""
        if event.state is WorkerState.ERROR:
            self.post_message(self.Created(None, f"Cannot read sessions: {event.worker.error}"))
            self.post_message(self.Loaded([]))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.rows = event.rows
        self.damaged = {d.id: d for d in event.damaged}
        if self._loading_timer is not None:
            self._loading_timer.stop()
            self._loading_timer = None
        listing = self.query_one("#session-list", OptionList)
        listing.loading = False
        listing.clear_options()
        listing.add_options([Option(summary_label(row), id=row.session.id) for row in event.rows])
        listing.add_options([Option(damaged_label(d), id=d.id) for d in event.damaged])
        if event.rows or event.damaged:
            listing.highlighted = 0
            listing.focus()
        else:
            listing.add_option(Option("No sessions yet: type a title below.", disabled=True))
            self.query_one("#new-title", Input).focus()

    @on(OptionList.OptionSelected, "#session-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = next((r.session for r in self.rows if r.session.id == event.option_id), None)
        damaged = self.damaged.get(event.option_id or "")
        if damaged is not None:  # say what is wrong; the picker stays
            self.query_one("#session-error", Static).update(literal(describe(damaged)))
        elif chosen is not None:
            self._finish(chosen)

    def action_new(self) -> None:
        """Jump to the new-session form."""
        self.query_one("#new-title", Input).focus()

    @on(Input.Submitted, "#new-title")
    @on(Input.Submitted, "#new-workflow")
    @on(PlainButton.Pressed, "#new-create")
    def create(self) -> None:
        """Validate the form and save the new session through the writer."""
        title = clean(self.query_one("#new-title", Input).value)
        workflow = clean(self.query_one("#new-workflow", Input).value).strip()
        try:
            session = Session(title=title, workflow=workflow)
        except ValidationError as error:
            self.query_one("#session-error", Static).update(literal(f"{error}."))
            self.query_one("#new-title", Input).focus()
            for field in self.query(OrderedInput):
                field.release_typed_ahead()
            return

        def done(error: str | None) -> None:  # on the writer thread: post only
            if error is None:
                self.post_message(self.Created(session))
            else:
                self.post_message(self.Created(None, f"Cannot save the session: {error}"))

        self.state.save(session, done)

    @on(Created)
    def _created(self, event: Created) -> None:
        if event.session is None:
            self.query_one("#session-error", Static).update(literal(" ".join(event.error.split())))
            for field in self.query(OrderedInput):
                field.release_typed_ahead()
            return
        self._finish(event.session)

    def action_cancel(self) -> None:
        """Close without choosing."""
        self._finish(None)
