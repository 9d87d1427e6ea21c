"""A TinyDB storage that is atomic, private and shared safely between processes.

How it works:

- Every commit writes the whole database with orjson to a new temp file in the
  same directory (mode 0600), fsyncs it, renames it over the database with
  `os.replace` and fsyncs the directory. The database file is never modified in
  place, so any reader, or a `kill -9` at any moment, sees one complete version
  (see db_write).
- Writers hold an exclusive `flock` on a sidecar `<db>.lock` (0600, see db_lock). The lock
  file also holds a 64-bit generation counter that each commit bumps *after*
  its rename. A reader compares (generation, inode, mtime, size) with the token
  of its cached copy and re-reads the file only when that changed; otherwise it
  answers from memory without touching the file. Reads never take the lock.
- A writer waits for the lock at most `lock_timeout` seconds (TACIT_LOCK_TIMEOUT,
  default 15), says so through `on_lock_wait` after a second, and then gives up
  with DatabaseLocked. While it waits it holds no lock readers need.
- `snapshot()` is the read path for every thread (see `Store`): the last
  committed version as its own dict, never the one a writer is changing, behind
  a short in-process lock that no writer holds while it waits for the file lock.
- `locked()` is re-entrant and thread-safe. Writes made inside it are kept in
  memory and committed once, when the outermost `locked()` exits; if the block
  raises, they are discarded. A `write()` outside `locked()` locks and commits
  by itself.
- A database file that is empty, truncated, not JSON or not a dict of tables is
  never overwritten: reading it raises `DatabaseDamaged` with a one-line reason.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from tacit.models.db_file import parse_database
from tacit.models.db_lock import (
    DatabaseDamaged,
    DatabaseError,
    DatabaseLocked,
    LockWaitNotice,
    lock_path_for,
    lock_timeout_from_env,
    read_generation,
    release,
    try_lock,
    wait_for_lock,
)
from tacit.models.db_lock import bump_generation as _bump_generation
from tacit.models.db_lock import open_lock_file as _open_lock_file
from tacit.models.db_write import fsync_directory, replace_with, sweep_temp_files

__all__ = [
    "AtomicJSONStorage",
    "DatabaseDamaged",
    "DatabaseError",
    "DatabaseLocked",
    "lock_path_for",
    "parse_database",
]

Tables = dict[str, Any]
Token = tuple[int, int, int, int]
"""(generation, inode, mtime_ns, size) of one version of the database file."""

_MISSING = (0, 0, -1)


class _Handles:
    """The file descriptors a storage keeps open; closed by close() or garbage collection."""

    def __init__(self, lock_path: Path) -> None:
        self.lock_fd = _open_lock_file(lock_path)

    def close(self) -> None:
        if self.lock_fd >= 0:
            os.close(self.lock_fd)
            self.lock_fd = -1


class AtomicJSONStorage:
    """TinyDB storage: orjson, temp file + fsync + os.replace, 0600, locked across processes.

    It has the methods of TinyDB's `Storage` (read, write, close) without deriving from it,
    so that reading the database never imports TinyDB (see db_tables)."""

    def __init__(
        self,
        path: str | Path,
        lock_timeout: float | None = None,
        on_lock_wait: LockWaitNotice | None = None,
    ) -> None:
        self.path = Path(os.path.realpath(Path(path).expanduser()))
        self.lock_timeout = lock_timeout if lock_timeout is not None else lock_timeout_from_env()
        self.on_lock_wait = on_lock_wait
        """Told once when a write has waited a second for another process's lock."""
        self.lock_path = lock_path_for(self.path)
        self._handles = _Handles(self.lock_path)
        self._finalizer = weakref.finalize(self, self._handles.close)
        self._thread_lock = threading.RLock()
        self._writer_lock = threading.RLock()
        self._writer_depth = 0
        self._depth = 0
        self._data: Tables | None = None
        self._token: Token | None = None
        self._loaded = False
        self._dirty = False
        self._swept = False
        self._overtaken = False
        self._snapshot_lock = threading.Lock()
        self._snapshot: tuple[Token, Tables | None] | None = None
        self._committed: tuple[Token, bytes] | None = None
        self.disk_reads = 0
        """How many times the file was read from disk (a re-read means another writer)."""
        self.commits = 0
        """How many times this storage wrote the file."""

    # TinyDB's Storage interface ------------------------------------------

    def read(self) -> Tables | None:
        """The database as a dict of tables, or None when the file does not exist yet.

        Re-reads the file only when another writer changed it since the last read.
        """
        with self._thread_lock:
            if self._depth == 0 and self._loaded and self.revision() != self._token:
                self._loaded = False
            if not self._loaded:
                self._load()
            return self._data

    def snapshot(self) -> Tables | None:
        """The last committed version of the database, safe to read from any thread.

        Never waits for the cross-process lock nor for a writer in this process,
        and never sees a change that is not committed: writers change their own
        copy (`read()` inside `locked()`). Callers must not modify the result.
        """
        with self._snapshot_lock:
            token = self.revision()
            if self._snapshot is not None and self._snapshot[0] == token:
                return self._snapshot[1]
            committed = self._committed
            if committed is not None and committed[0] == token:
                data: Tables | None = parse_database(self.path, committed[1])
            else:
                data, token = self._read_file()
            self._snapshot, self._committed = (token, data), None
            return data

    def write(self, data: Tables) -> None:
        """Replace the whole database; committed now, or when the outer locked() exits.

        Outside locked(), a write based on a read that another process has since
        overtaken is refused with DatabaseError instead of silently undoing that
        process's change.
        """
        with self.locked(), self._thread_lock:
            if self._depth == 1 and self._overtaken:
                raise DatabaseError(
                    f"{self.path}: another process changed the database after it was read;"
                    " nothing was saved"
                )
            self._replace(data)

    def _replace(self, data: Tables) -> None:
        """Hold data as the new database, to commit when the outer locked() exits."""
        if not self._loaded:
            # Never read yet under this lock: make sure the file on disk is not
            # a damaged one before replacing it.
            self._load()
        self._data = data
        self._dirty = True

    def close(self) -> None:
        """Release the lock file; the storage must not be used afterwards."""
        with self._thread_lock:
            self._finalizer()

    # locking ----------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the exclusive cross-process lock for a read-modify-write.

        Re-entrant and thread-safe. Writes inside are committed once, when the
        outermost block exits normally, before the lock is released; if the
        block raises, they are discarded and the next read comes from disk.
        Waiting for another process's lock holds nothing that reads need;
        after lock_timeout it raises DatabaseLocked.
        """
        with self._writer_lock:
            outermost = self._writer_depth == 0
            if outermost:
                self._take_file_lock()
            self._writer_depth += 1
            try:
                with self._thread_lock:
                    if outermost:
                        self._after_acquire()
                    self._depth += 1
                    try:
                        yield
                    except BaseException:
                        if outermost:
                            self._forget()
                        raise
                    else:
                        if outermost and self._dirty:
                            self._commit()
                    finally:
                        self._depth -= 1
            finally:
                self._writer_depth -= 1
                if outermost:
                    self._release()

    def _take_file_lock(self) -> None:
        """Wait (bounded, reported) for the lock on the lock file at the path."""
        lock_fd = self._lock_fd()
        while True:
            wait_for_lock(lock_fd, self.path, self.lock_timeout, self.on_lock_wait)
            if self._lock_file_is_current(lock_fd):
                return
            # Someone removed or replaced the lock file: lock the one at the path.
            release(lock_fd)
            with self._thread_lock:
                self._handles.close()
                self._handles.lock_fd = lock_fd = _open_lock_file(self.lock_path)

    def sweep_if_unlocked(self) -> None:
        """Remove dead writers' temp files now if no one holds the lock (never waits)."""
        with self._writer_lock:
            if self._writer_depth or self._swept or not try_lock(self._lock_fd()):
                return
            try:
                with self._thread_lock:
                    sweep_temp_files(self.path)
                    self._swept = True
            finally:
                self._release()

    def _after_acquire(self) -> None:
        try:
            if not self._swept:
                sweep_temp_files(self.path)
                self._swept = True
            self._overtaken = self._loaded and self.revision() != self._token
        except BaseException:
            self._release()
            raise
        if self._overtaken:
            self._loaded = False

    def _release(self) -> None:
        release(self._handles.lock_fd)

    def _lock_fd(self) -> int:
        if self._handles.lock_fd < 0:
            raise DatabaseError(f"{self.path}: the database is closed")
        return self._handles.lock_fd

    def _lock_file_is_current(self, lock_fd: int) -> bool:
        try:
            on_disk = os.stat(self.lock_path)
        except FileNotFoundError:
            return False
        held = os.fstat(lock_fd)
        return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)

    # change detection --------------------------------------------------------

    def revision(self) -> Token:
        """A cheap token that changes whenever any process writes the database.

        Costs one 8-byte read of the lock file and one stat; never reads the database.
        """
        generation = read_generation(self._lock_fd())
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return (generation, *_MISSING)
        return (generation, st.st_ino, st.st_mtime_ns, st.st_size)

    # disk I/O ------------------------------------------------------------------

    def _load(self) -> None:
        """Load the file as the writers' working copy."""
        data, token = self._read_file()
        self._remember(data, token)

    def _read_file(self) -> tuple[Tables | None, Token]:
        """Read and check the file; any complete version is consistent, so no lock is needed."""
        generation = read_generation(self._lock_fd())
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            return None, (generation, *_MISSING)
        except OSError as error:
            raise DatabaseError(f"{self.path}: cannot read: {error.strerror or error}") from None
        try:
            st = os.fstat(fd)
            with os.fdopen(fd, "rb", closefd=False) as handle:
                raw = handle.read()
        except OSError as error:
            raise DatabaseError(f"{self.path}: cannot read: {error.strerror or error}") from None
        finally:
            os.close(fd)
        self.disk_reads += 1
        return parse_database(self.path, raw), (generation, st.st_ino, st.st_mtime_ns, st.st_size)

    def _remember(self, data: Tables | None, token: Token) -> None:
        self._data = data
        self._token = token
        self._loaded = True
        self._dirty = False

    def _forget(self) -> None:
        self._data = None
        self._token = None
        self._loaded = False
        self._dirty = False

    def _commit(self) -> None:
        """Write the in-memory data to disk atomically; caller holds the exclusive lock."""
        data = self._data if self._data is not None else {}
        try:
            payload = orjson.dumps(data)
        except BaseException:
            self._forget()
            raise
        try:
            st = replace_with(self.path, payload)
            generation = _bump_generation(self._lock_fd())
        except BaseException as error:
            self._forget()
            if isinstance(error, OSError):
                reason = error.strerror or str(error)
                raise DatabaseError(f"{self.path}: cannot save: {reason}") from None
            raise
        try:
            fsync_directory(self.path.parent)
        except OSError as error:
            if error.errno != errno.EINVAL:  # EINVAL: a directory that cannot be fsynced
                self._forget()
                reason = error.strerror or str(error)
                raise DatabaseError(f"{self.path}: cannot save: {reason}") from None
        self.commits += 1
        token = (generation, st.st_ino, st.st_mtime_ns, st.st_size)
        self._remember(data, token)
        with self._snapshot_lock:  # readers parse these bytes instead of reading the file
            self._committed = (token, payload)
