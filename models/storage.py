"""A TinyDB storage that is atomic, private and shared safely between processes.

PROVISIONAL: minimal version; crash-safety, locking and caching are finished in
the storage work (see tests/test_storage.py once it lands).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage


class DatabaseError(Exception):
    """A database problem, described in one line."""


class DatabaseDamaged(DatabaseError):
    """The database file exists but is not a tacit database; it is left untouched."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}; the file was left untouched")
        self.path = path
        self.reason = reason


class AtomicJSONStorage(Storage):  # type: ignore[misc]
    """TinyDB storage: orjson, temp file + fsync + os.replace, 0600."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._data: dict[str, Any] | None = None

    def read(self) -> dict[str, Any] | None:
        if not self.path.exists():
            return None
        raw = self.path.read_bytes()
        if not raw.strip():
            raise DatabaseDamaged(self.path, "the database file is empty")
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise DatabaseDamaged(self.path, "the database file is not valid JSON") from None
        if not isinstance(data, dict):
            raise DatabaseDamaged(self.path, "the database file is not a tacit database")
        return data

    def write(self, data: dict[str, Any]) -> None:
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(orjson.dumps(data))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the cross-process lock for a read-modify-write."""
        with self._lock:
            yield

    def revision(self) -> tuple[int, int, int]:
        """A cheap token that changes whenever any process writes the file."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return (0, 0, 0)
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def close(self) -> None:
        pass


def move_aside(path: Path) -> Path:
    """Rename a damaged database to '<name>.damaged-<UTC timestamp>' and return the new path."""
    from datetime import UTC, datetime

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
        counter += 1
    os.replace(path, target)
    return target
