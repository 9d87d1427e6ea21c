"""The base of every view of one open session (the engineer's capture, the operator's view).

What it does for its subclass:

- loads the session on mount and again on every `StoreChanged`, in a loader
  thread, through `SessionState.read` (see the threading rule there); a live
  reload waits for a pause in typing (RELOAD_QUIET) but never longer than
  RELOAD_MAX_DELAY, so keys stay instant and the partner's changes still show;
- lays the result over the pending writes (`SessionState.apply`) and calls
  `show_records()`, where the subclass refreshes its panes without moving focus
  or touching the text being typed;
- keeps half-typed narrative as a segment when the terminal goes away
  (`save_on_hangup`);
- reports every failed worker of the screen in one place
  (`on_worker_state_changed`): workers are `@work(exit_on_error=False)` and
  carry no try/except of their own; `FAILURE_WHAT` names each worker group.
"""

from __future__ import annotations

import time
from typing import ClassVar

from textual import events, on, work
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import Worker, WorkerState, get_current_worker

from tacit.models.domain import Segment, Session
from tacit.tui.context import AppContext
from tacit.tui.messages import PresenceChanged, SessionLoaded, StoreChanged
from tacit.tui.session_state import SessionState
from tacit.tui.styles import PANES_CSS, keep_first_styles
from tacit.tui.widgets.narrative import NarrativePane

RELOAD_QUIET = 0.4  # seconds without typing before a live reload runs
RELOAD_MAX_DELAY = 2.0  # ...but the other person's changes never wait longer than this


class SessionScreen(Screen[None]):
    """Loads one session, follows the store, saves on hang-up; panes come from the subclass."""

    CSS_PATH = PANES_CSS  # read when the first session screen opens (see tacit.tui.styles)
    FAILURE_WHAT: ClassVar[dict[str, str]] = {"load": "cannot read the session"}
    """Worker group -> what a failure of it is called in the one-line notice."""

    def __init__(self, session: Session, context: AppContext) -> None:
        super().__init__()
        self.session = session
        self.context = context
        self.retired = False  # replaced by another session's screen; stops live reloads
        self.loads = 0
        """How many reads of the store this screen has shown (tests await a count)."""
        self._last_typed = 0.0
        self._reload_wanted_since: float | None = None
        self._reload_timer: Timer | None = None

    @property
    def state(self) -> SessionState:
        """The app's one read/write path (records, pending writes, writer thread)."""
        return self.context.state

    @property
    def loaded(self) -> bool:
        """The session's records have been read at least once for this screen."""
        return (
            self.state.loaded
            and self.state.session is not None
            and (self.state.session.id == self.session.id)
        )

    @property
    def narrative(self) -> NarrativePane:
        """The narrative pane (every session view has one)."""
        return self.query_one(NarrativePane)

    def on_mount(self) -> None:
        self.narrative.transcript_operator = self.context.config.transcript.operator
        self.state.open(self.session)
        self.call_after_refresh(self.load)  # first frame first, then the store

    def watch_focused(self, focused: Widget | None) -> None:
        """Focus moved (set synchronously, so the first frame already shows it)."""
        try:
            pane = self.narrative
        except NoMatches:  # not composed yet, or being taken down
            return
        pane.show_focus_within(focused)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        keep_first_styles(self, event)

    def on_paste(self, event: events.Paste) -> None:
        """A paste while a pane has focus goes to the narrative input: the panes ignored it
        and the pasted notes were lost."""
        field = self.narrative.input
        if not event.text or self.app.focused is field:
            return
        event.stop()
        self.set_focus(field)
        field.post_message(events.Paste(event.text))  # ahead of any key typed after it

    # hooks for the subclass ---------------------------------------------------

    def show_records(self) -> None:
        """Refresh the panes from `self.state` after a load (the subclass's panes)."""

    def show_presence(self, role: str, connected: bool) -> None:
        """Show whether the other role is connected (views that show it)."""

    def show_failure(self, text: str) -> None:
        """Tell the user in one line that something in the background failed."""
        self.notify(text, severity="error", markup=False)

    # loading and live sync ----------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self) -> None:
        """Read the session in a loader thread and post it to the screen."""
        snapshot = self.state.read(self.session.id)
        if snapshot is not None and not get_current_worker().is_cancelled:
            self.post_message(SessionLoaded(snapshot))

    @on(SessionLoaded)
    def _loaded(self, message: SessionLoaded) -> None:
        if self.retired or not self.state.apply(message.snapshot):
            return
        self.session = message.snapshot.session
        self.show_records()
        self.loads += 1

    @on(StoreChanged)
    def reload_from_store(self) -> None:
        """Re-read the session soon; focus, cursor and typing are left alone."""
        if self.retired:
            return
        if self._reload_wanted_since is None:
            self._reload_wanted_since = time.monotonic()
        self._reload_when_quiet()

    def _reload_when_quiet(self) -> None:
        if self._reload_wanted_since is None or self.retired:
            return
        now = time.monotonic()
        quiet_for = now - self._last_typed
        if quiet_for >= RELOAD_QUIET or now - self._reload_wanted_since >= RELOAD_MAX_DELAY:
            self._reload_wanted_since = None
            self.load()
        elif self._reload_timer is None:

            def again() -> None:
                self._reload_timer = None
                self._reload_when_quiet()

            self._reload_timer = self.set_timer(RELOAD_QUIET - quiet_for + 0.01, again)

    @on(Input.Changed, "#narrative-input")
    def _typing(self) -> None:
        self._last_typed = time.monotonic()

    @on(PresenceChanged)
    def _presence_changed(self, message: PresenceChanged) -> None:
        self.show_presence(message.role, message.connected)

    def save_on_hangup(self) -> None:
        """The terminal went away: keep the half-typed narrative as a segment."""
        text = self.narrative.input.value.strip()
        if text:
            speaker = self.narrative.speaker
            self.state.save(Segment(session_id=self.session.id, speaker=speaker, text=text))
            self.narrative.input.value = ""

    # worker failures, in one place --------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker of this screen failed: one line, never a crash."""
        if event.state is not WorkerState.ERROR:
            return
        what = self.FAILURE_WHAT.get(event.worker.group, f"{event.worker.group} failed")
        error = event.worker.error
        self.show_failure(f"{what}: {error}".splitlines()[0])
