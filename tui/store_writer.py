"""One background thread that applies store writes in order, so the UI never waits on disk.

Writes are FIFO (a record saved twice lands in the order it was changed), reads
queued behind writes see them, and `pending` lets a live reload keep records
that are not on disk yet. Saves queued back to back are merged into one
`save_many` (one file rewrite instead of one per suggestion: each rewrite costs
tens of milliseconds at 10,000 items). Failures become one-line callbacks,
never exceptions in the UI thread.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tacit.models.domain import Record
from tacit.models.repository import Store

Job = Callable[[Store], Any]


@dataclass(slots=True)
class _Work:
    """A queued save (record set) or any other store job (job set)."""

    what: str
    record: Record | None = None
    job: Job | None = None


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

    def start(self) -> None:
        """Start the worker thread (idempotent)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="tacit-store", daemon=True)
            self._thread.start()

    def save(self, record: Record) -> None:
        """Queue an insert-or-replace of record."""
        with self._ready:
            self._pending[record.id] = record
        self._put(_Work(f"saving {record.KIND}", record=record))

    def submit(self, job: Job, what: str) -> None:
        """Queue any store job; what names it in an error message."""
        self._put(_Work(what, job=job))

    def _put(self, work: _Work) -> None:
        if self._closed:
            self._on_error(f"store closed; {work.what} skipped")
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
            self._ready.notify()
        self._thread.join(timeout)
        return not self._thread.is_alive()

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
                self._apply(batch)
            finally:
                with self._ready:
                    self._busy = False

    def _apply(self, batch: list[_Work]) -> None:
        try:
            if batch[0].job is not None:
                batch[0].job(self.store)
            else:
                latest: dict[str, Record] = {}
                for work in batch:
                    assert work.record is not None
                    latest[work.record.id] = work.record  # the last change of a record wins
                self.store.save_many(latest.values())
        except Exception as error:  # any failure becomes a notice, never a crash
            self._on_error(f"{batch[0].what} failed: {error}".splitlines()[0])
        finally:
            with self._ready:
                for work in batch:
                    record = work.record
                    if record is not None and self._pending.get(record.id) is record:
                        del self._pending[record.id]
