"""The database's sidecar lock file: exclusive writer lock, generation counter, holder pid.

Layout of `<db>.lock`: bytes 0-7 the generation counter (bumped after every
commit, so readers notice changes without reading the database), bytes 8-15
the pid of the last process that took the lock (named in "locked" messages).

A writer that cannot get the lock polls for it: after LOCK_NOTICE_AFTER_S it
reports once through a callback (the CLI prints it, the app shows it) and
after the timeout it gives up with DatabaseLocked, so a stalled holder (a
process stopped with SIGSTOP, a hung NFS client) never hangs anyone for ever.
The lock file is never followed through a symbolic link.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import struct
import time
from collections.abc import Callable
from pathlib import Path

_COUNTER = struct.Struct("<Q")
_HOLDER_OFFSET = _COUNTER.size

LOCK_NOTICE_AFTER_S = 1.0
DEFAULT_LOCK_TIMEOUT_S = 15.0
LOCK_TIMEOUT_ENV = "TACIT_LOCK_TIMEOUT"

LockWaitNotice = Callable[[str], None]
"""Called once, from the waiting thread, when a writer has waited LOCK_NOTICE_AFTER_S."""


class DatabaseError(Exception):
    """A database problem, described in one line."""


class DatabaseDamaged(DatabaseError):
    """The database file exists but is not a tacit database; it is left untouched."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}; the file was left untouched")
        self.path = path
        self.reason = reason


class DatabaseLocked(DatabaseError):
    """Another process held the writer lock for longer than the timeout; nothing was saved."""


def lock_path_for(path: Path) -> Path:
    """The sidecar file that carries the cross-process lock and generation counter."""
    return path.with_name(f"{path.name}.lock")


def lock_timeout_from_env() -> float:
    """Seconds a writer waits for the lock: TACIT_LOCK_TIMEOUT, else the default."""
    raw = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_LOCK_TIMEOUT_S
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value < 86400:
        raise DatabaseError(f"{LOCK_TIMEOUT_ENV} must be a number of seconds, got {raw!r}")
    return value


def open_lock_file(lock_path: Path) -> int:
    """Open (or create, 0600) the lock file; a symbolic link there is refused, never followed."""
    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW
    try:
        return os.open(lock_path, flags, 0o600)
    except OSError as error:
        if os.path.islink(lock_path):
            raise DatabaseError(
                f"{lock_path}: the lock file is a symbolic link; refusing to follow it"
                " (remove the link)"
            ) from None
        raise DatabaseError(
            f"{lock_path}: cannot open the lock file: {error.strerror or error}"
        ) from None


def read_generation(lock_fd: int) -> int:
    """The commit counter (0 for a new lock file)."""
    raw = os.pread(lock_fd, _COUNTER.size, 0)
    return _COUNTER.unpack(raw)[0] if len(raw) == _COUNTER.size else 0


def bump_generation(lock_fd: int) -> int:
    """Count one more commit; the caller holds the lock."""
    generation = (read_generation(lock_fd) + 1) % (1 << 64)
    os.pwrite(lock_fd, _COUNTER.pack(generation), 0)
    return generation


def _holder(lock_fd: int) -> int:
    raw = os.pread(lock_fd, _COUNTER.size, _HOLDER_OFFSET)
    return _COUNTER.unpack(raw)[0] if len(raw) == _COUNTER.size else 0


def try_lock(lock_fd: int) -> bool:
    """Take the exclusive lock if it is free right now (never waits)."""
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    with contextlib.suppress(OSError):
        os.pwrite(lock_fd, _COUNTER.pack(os.getpid()), _HOLDER_OFFSET)
    return True


def _by_whom(lock_fd: int) -> str:
    pid = _holder(lock_fd)
    return f"process {pid}" if pid else "another process"


def wait_for_lock(
    lock_fd: int,
    db_path: Path,
    timeout: float,
    on_wait: LockWaitNotice | None = None,
) -> None:
    """Take the exclusive lock, or raise DatabaseLocked after timeout seconds.

    Polls (5 ms growing to 100 ms) instead of blocking in flock, so the wait
    is bounded and reported: on_wait is called once after LOCK_NOTICE_AFTER_S.
    """
    if try_lock(lock_fd):
        return
    start = time.monotonic()
    delay = 0.005
    noticed = False
    while True:
        time.sleep(delay)
        delay = min(delay * 2, 0.1)
        if try_lock(lock_fd):
            return
        waited = time.monotonic() - start
        if not noticed and waited >= min(LOCK_NOTICE_AFTER_S, timeout / 2) and on_wait:
            noticed = True
            on_wait(
                f"waiting for the database lock held by {_by_whom(lock_fd)}"
                f" (giving up after {timeout:g} s)"
            )
        if waited >= timeout:
            raise DatabaseLocked(
                f"{db_path}: the database is locked by {_by_whom(lock_fd)}, which has not"
                f" released it for {timeout:g} s; nothing was saved (is that process stopped?"
                f" {LOCK_TIMEOUT_ENV} sets how long to wait)"
            )


def release(lock_fd: int) -> None:
    """Drop the exclusive lock (never raises)."""
    with contextlib.suppress(OSError):
        fcntl.flock(lock_fd, fcntl.LOCK_UN)
