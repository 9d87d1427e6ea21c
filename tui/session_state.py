"""SessionState: the UI's one way to read and write the database (no Textual here).

One object per running app, shared by every screen (the engineer's capture
view, the operator's view, the dialogs). It owns:

- the records of the open session (`segments`, `questions`, `rules`), as the
  screens show them: the last read from the store with this instance's pending
  writes laid over it;
- the overlay of pending writes: a record changed here stays in the overlay
  until a read of the store has it (same or newer `updated_at`), so a reload
  racing a save never hides the change;
- the single writer thread (`StoreWriter`): every write the UI makes is queued
  here, in order, and nothing in the UI writes any other way.

Threading rule (in-process):

1. The UI thread alone calls the methods that change this object (`open`,
   `apply`, `save`, `save_edit`, `update`, `after_writes`) and reads its records.
2. Writes run only on the writer thread, in the order they were asked for.
3. Reads of the store (`read`, `read_decisions`, `store.*` queries) may run on
   any thread, typically a loader worker. They answer from the store's committed
   snapshot (`Store`'s docstring), so they never see a half-made change and never
   wait for the writer thread or for the cross-process writer lock.
4. `done` callbacks and `after_writes` callbacks run on the writer thread: post
   a message from them (thread-safe), never touch a widget.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, TypeVar

from tacit.models.domain import Decision, Question, Record, Rule, Segment, Session
from tacit.models.first_questions import record_first
from tacit.models.merge import save_edit
from tacit.models.repository import Store
from tacit.tui.store_writer import Done, StoreWriter

R = TypeVar("R", bound=Record)


class SessionSnapshot:
    """Everything the views show about one session, as read from the store. A plain class,
    not a dataclass: it is defined before the first frame, where a dataclass costs about
    2.6 M instructions to create."""

    __slots__ = ("decisions", "questions", "rules", "segments", "session")

    def __init__(
        self,
        session: Session,
        segments: list[Segment] | None = None,
        questions: list[Question] | None = None,
        rules: list[Rule] | None = None,
        decisions: list[Decision] | None = None,
    ) -> None:
        self.session = session
        self.segments = [] if segments is None else segments
        self.questions = [] if questions is None else questions
        self.rules = [] if rules is None else rules
        self.decisions = [] if decisions is None else decisions


def copy_record(record: R) -> R:
    """An independent copy to change without touching what is shown."""
    return copy.deepcopy(record)


def _session_of(record: Record) -> str | None:
    if isinstance(record, (Segment, Question, Rule, Decision)):
        return record.session_id
    return None


class SessionState:
    """The open session's records, the overlay of pending writes and the one writer thread."""

    def __init__(self, store: Store, on_error: Callable[[str], None]) -> None:
        self.store = store
        self.writer = StoreWriter(store, on_error)
        self.session: Session | None = None
        self.segments: list[Segment] = []
        self.questions: dict[str, Question] = {}
        self.rules: dict[str, Rule] = {}
        self.decisions: list[Decision] = []
        self.loaded = False
        self._pending: dict[str, Record] = {}
        self._asked_here: set[str] = set()  # segments whose questions this process recorded

    # lifecycle --------------------------------------------------------------

    def start(self) -> None:
        """Start the writer thread (idempotent; a first write starts it too)."""
        self.writer.start()

    def close(self, timeout: float = 30.0) -> bool:
        """Finish queued writes and stop; True when everything was written in time."""
        return self.writer.close(timeout)

    @property
    def idle(self) -> bool:
        """No write queued or running."""
        return self.writer.idle

    def open(self, session: Session) -> None:
        """Make session the open one; its records arrive with the next `apply`."""
        if self.session is not None and self.session.id == session.id:
            self.session = session
            return
        self.session = session
        self.segments, self.questions, self.rules, self.decisions = [], {}, {}, []
        self.loaded = False

    # reads: any thread ------------------------------------------------------

    def read(self, session_id: str) -> SessionSnapshot | None:
        """The session and its records as committed in the store (None: no such session)."""
        store = self.store
        session = store.get(Session, session_id)
        if session is None:
            return None
        return SessionSnapshot(
            session=session,
            segments=store.segments(session_id),
            questions=store.questions(session_id),
            rules=store.rules(session_id),
            decisions=store.decisions(session_id),
        )

    def read_decisions(self, session_id: str) -> list[Decision]:
        """The session's decisions as committed in the store."""
        return self.store.decisions(session_id)

    # the UI thread ----------------------------------------------------------

    def apply(self, snapshot: SessionSnapshot) -> bool:
        """Take a fresh read of the open session, pending writes laid over it.

        False (and nothing changes) when the snapshot is of another session.
        """
        if self.session is None or snapshot.session.id != self.session.id:
            return False
        stored: dict[str, Record] = {}
        for record in [*snapshot.segments, *snapshot.questions, *snapshot.rules]:
            stored[record.id] = record
        for record_id, record in list(self._pending.items()):
            on_disk = stored.get(record_id)
            if on_disk is not None and on_disk.updated_at >= record.updated_at:
                del self._pending[record_id]
        self.session = snapshot.session
        segments = self._overlay(snapshot.segments, Segment)
        self.segments = sorted(segments, key=lambda s: (s.at, s.id))
        self.questions = {q.id: q for q in self._overlay(snapshot.questions, Question)}
        self.rules = {r.id: r for r in self._overlay(snapshot.rules, Rule)}
        self.decisions = snapshot.decisions
        self.loaded = True
        return True

    def _overlay(self, records: list[R], kind: type[R]) -> list[R]:
        """Stored records with this session's pending versions of that kind laid over them."""
        by_id = {r.id: r for r in records}
        session_id = self.session.id if self.session else None
        for record_id, record in self._pending.items():
            if isinstance(record, kind) and _session_of(record) == session_id:
                by_id[record_id] = record
        return list(by_id.values())

    def _show(self, record: Record) -> None:
        """Put a changed record into the open session's records and the overlay."""
        self._pending[record.id] = record
        if isinstance(record, Segment):
            self.segments = [s for s in self.segments if s.id != record.id] + [record]
            self.segments.sort(key=lambda s: (s.at, s.id))
        elif isinstance(record, Question):
            self.questions[record.id] = record
        elif isinstance(record, Rule):
            self.rules[record.id] = record

    def save(self, record: Record, done: Done | None = None) -> None:
        """Show record at once and queue its insert-or-replace."""
        if isinstance(record, (Segment, Question, Rule)):
            self._show(record)
        self.writer.save(record, done)

    def save_edit(self, original: R, edited: R, done: Done | None = None) -> None:
        """Show an edit at once and queue its three-way merge with what others saved meanwhile."""
        self._show(edited)
        self.writer.submit(
            lambda store: save_edit(store, original, edited), f"saving the {edited.KIND}", done
        )

    def update(
        self, record: R, change: Callable[[R], Any], what: str, done: Done | None = None
    ) -> R:
        """Apply change to a copy shown at once, and to the latest stored version on the writer.

        change may raise ValidationError: then nothing is shown or queued.
        """
        local = copy_record(record)
        change(local)
        self._show(local)
        self.writer.submit(lambda store: store.update(type(record), record.id, change), what, done)
        return local

    def record_questions(
        self, questions: list[Question], recorded: Callable[[list[Question]], None]
    ) -> None:
        """Queue the engine's questions; only those for segments no other view asked about
        first are saved (`models.first_questions`). recorded gets the saved ones (none
        when the write failed), on the writer thread: post a message from it, then `show`
        them."""

        kept: list[Question] = []

        def job(store: Store) -> None:
            kept.extend(record_first(store, questions, self._asked_here))

        self.writer.submit(job, "saving the questions", lambda _error: recorded(kept))

    def show(self, records: list[Question]) -> None:
        """Show records already on disk (e.g. `record_questions`'s) in the open session."""
        session_id = self.session.id if self.session else None
        for record in records:
            if record.session_id == session_id:
                self._show(record)

    def after_writes(self, then: Callable[[], None]) -> None:
        """Call then (on the writer thread) once every write queued so far is on disk."""
        self.writer.submit(lambda _store: then(), "waiting for the writes")
