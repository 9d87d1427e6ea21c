"""One background thread that applies store writes in order, so the UI never waits on disk.

Only `tacit.tui.session_state.SessionState` uses it (the UI's one write path).
Writes are FIFO (a record saved twice lands in the order it was changed), and a
job queued behind writes runs after them; `pending` holds records not on disk
yet (what `save_pending_elsewhere` rescues). Saves queued back to back are
merged into one `save_many` (one file rewrite instead of one per suggestion:
each rewrite costs tens of milliseconds at 10,000 items). A failure goes to the
job's own `done` callback when it has one, else to `on_error` as one line;
never an exception in the UI thread. Callbacks run on the writer thread.

While another process holds the database lock (even a stopped one), writes
wait: the user is told, the queued changes are kept and retried, and quitting
does not wait for the lock: `save_pending_elsewhere` writes what is still
queued to an importable file beside the database.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tacit.models.db_lock import DatabaseLocked
from tacit.models.domain import Record
from tacit.models.repository import Store
from tacit.models.safe_text import one_line

RETRY_AFTER_S = 2.0

Job = Callable[[Store], Any]
Done = Callable[[str | None], None]
"""Called on the writer thread after a job: None when it worked, else the one-line error."""


class _Work:
    """A queued save (record set) or any other store job (job set). A plain class, not a
    dataclass: it is defined on the start-up path (a dataclass costs ~2.6 M instructions)."""

    __slots__ = ("done", "job", "record", "what")

    def __init__(
        self,
        what: str,
        record: Record | None = None,
        job: Job | None = None,
        done: Done | None = None,
    ) -> None:
        self.what = what
        self.record = record
        self.job = job
        self.done = done


class StoreWriter:
    """Serialises every store access the UI asks for onto a single worker thread."""

    def __init__(self, store: Store, on_error: Callable[[str], None]) -> None:
        self.store = store
        self._on_error = on_error
        self._queue: deque[_Work | None] = deque()
        self._ready = threading.Condition()
        self._busy = False
        self._pending: dict[str, Record] = {}
        self._thread: threading.Thread | None = None
        self._closed = False
        self._locked_out = False
        # in the app, a waiting write is told here, not on stderr (which would garble the screen)
        store.storage.on_lock_wait = self._lock_wait_notice

    def _lock_wait_notice(self, text: str) -> None:
        if not self._locked_out:  # said once per stall, not on every retry
            self._on_error(f"{one_line(text)}; your changes are kept meanwhile")

    def start(self) -> None:
        """Start the worker thread (idempotent)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="tacit-store", daemon=True)
            self._thread.start()

    def save(self, record: Record, done: Done | None = None) -> None:
        """Queue an insert-or-replace of record."""
        with self._ready:
            self._pending[record.id] = record
        self._put(_Work(f"saving {record.KIND}", record=record, done=done))

    def submit(self, job: Job, what: str, done: Done | None = None) -> None:
        """Queue any store job; what names it in an error message."""
        self._put(_Work(what, job=job, done=done))

    def _put(self, work: _Work) -> None:
        if self._closed:
            _report([work], f"store closed; {work.what} skipped", self._on_error)
            return
        self.start()
        with self._ready:
            self._queue.append(work)
            self._ready.notify()

    def pending(self) -> dict[str, Record]:
        """Records queued for saving but not on disk yet, by id."""
        with self._ready:
            return dict(self._pending)

    @property
    def idle(self) -> bool:
        """Nothing queued or running."""
        with self._ready:
            return not self._queue and not self._busy

    def close(self, timeout: float = 30.0) -> bool:
        """Finish queued writes and stop; True when everything was written in time."""
        self._closed = True
        if self._thread is None:
            return True
        with self._ready:
            self._queue.append(None)
            self._ready.notify_all()
        self._thread.join(timeout)
        return not self._thread.is_alive() and not self.pending()

    def save_pending_elsewhere(self) -> Path | None:
        """Write records still queued (e.g. the database stayed locked) to an importable file.

        Returns its path, or None when nothing is pending or it cannot be written.
        """
        records = list(self.pending().values())
        if not records:
            return None
        from tacit.models.recovery import write_recovery

        try:
            return write_recovery(self.store, records)
        except OSError:
            return None

    def _next_batch(self) -> list[_Work] | None:
        """Wait for work; consecutive saves come back together. None means stop."""
        with self._ready:
            while not self._queue:
                self._ready.wait()
            first = self._queue.popleft()
            if first is None:
                return None
            batch = [first]
            while first.record is not None and self._queue:
                following = self._queue[0]
                if following is None or following.record is None:
                    break
                self._queue.popleft()
                batch.append(following)
            self._busy = True
            return batch

    def _run(self) -> None:
        while True:
            batch = self._next_batch()
            if batch is None:
                return
            try:
                locked_out = not self._apply(batch)
            finally:
                with self._ready:
                    self._busy = False
            if locked_out:
                with self._ready:
                    self._queue.extendleft(reversed(batch))  # first in line again, in order
                    self._ready.wait_for(lambda: self._closed, RETRY_AFTER_S)
                    if self._closed:
                        return  # quitting: what is pending goes to save_pending_elsewhere

    def _apply(self, batch: list[_Work]) -> bool:
        """Run one batch; False when the database stayed locked (the batch is kept)."""
        error_line: str | None = None
        try:
            if batch[0].job is not None:
                batch[0].job(self.store)
            else:
                latest: dict[str, Record] = {}
                for work in batch:
                    assert work.record is not None
                    latest[work.record.id] = work.record  # the last change of a record wins
                self.store.save_many(latest.values())
        except DatabaseLocked as error:
            if not self._locked_out:
                self._locked_out = True
                self._on_error(f"{one_line(str(error))}; your changes are kept and retried")
            return False
        except Exception as error:  # any failure becomes a notice, never a crash
            error_line = f"{batch[0].what} failed: {error}".splitlines()[0]
        if self._locked_out:
            self._locked_out = False
            self._on_error("the database is free again; kept changes saved")
        self._forget_saved(batch)
        _report(batch, error_line, self._on_error)
        return True

    def _forget_saved(self, batch: list[_Work]) -> None:
        """Written (or failed for good): no longer pending."""
        with self._ready:
            for work in batch:
                record = work.record
                if record is not None and self._pending.get(record.id) is record:
                    del self._pending[record.id]


def _report(batch: list[_Work], error_line: str | None, on_error: Callable[[str], None]) -> None:
    """Tell each job's `done` how it went; a failure nobody listens for goes to on_error."""
    listened = False
    for work in batch:
        if work.done is not None:
            listened = True
            try:
                work.done(error_line)
            except Exception as error:  # a broken callback must not stop the writer
                on_error(f"after {work.what}: {error}".splitlines()[0])
    if error_line is not None and not listened:
        on_error(error_line)
