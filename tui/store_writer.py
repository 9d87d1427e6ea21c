"""One background thread that applies store writes in order, so the UI never waits on disk.

Writes are FIFO (a record saved twice lands in the order it was changed), reads
queued behind writes see them, and `pending` lets a live reload keep records
that are not on disk yet. Failures become one-line callbacks, never exceptions
in the UI thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from models.domain import Record
from models.repository import Store

Job = Callable[[Store], Any]


class StoreWriter:
    """Serialises every store access the UI asks for onto a single worker thread."""

    def __init__(self, store: Store, on_error: Callable[[str], None]) -> None:
        self.store = store
        self._on_error = on_error
        self._jobs: queue.Queue[tuple[Job, str] | None] = queue.Queue()
        self._pending: dict[str, Record] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False

    def start(self) -> None:
        """Start the worker thread (idempotent)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="tacit-store", daemon=True)
            self._thread.start()

    def save(self, record: Record) -> None:
        """Queue an insert-or-replace of record."""
        with self._lock:
            self._pending[record.id] = record

        def job(store: Store) -> None:
            try:
                store.save(record)
            finally:
                with self._lock:
                    if self._pending.get(record.id) is record:
                        del self._pending[record.id]

        self.submit(job, f"saving {record.KIND}")

    def submit(self, job: Job, what: str) -> None:
        """Queue any store job; what names it in an error message."""
        if self._closed:
            self._on_error(f"store closed; {what} skipped")
            return
        self.start()
        self._jobs.put((job, what))

    def pending(self) -> dict[str, Record]:
        """Records queued for saving but not on disk yet, by id."""
        with self._lock:
            return dict(self._pending)

    @property
    def idle(self) -> bool:
        """Nothing queued or running."""
        return self._jobs.unfinished_tasks == 0

    def close(self, timeout: float = 30.0) -> bool:
        """Finish queued writes and stop; True when everything was written in time."""
        self._closed = True
        if self._thread is None:
            return True
        self._jobs.put(None)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        while True:
            item = self._jobs.get()
            try:
                if item is None:
                    return
                job, what = item
                try:
                    job(self.store)
                except Exception as error:  # any failure becomes a notice, never a crash
                    self._on_error(f"{what} failed: {error}".splitlines()[0])
            finally:
                self._jobs.task_done()
