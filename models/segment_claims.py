"""Which view asks the engine about a segment: the one holding the segment's claim.

Two engineer views on one session both queue every segment. With an LLM each ask is
paid for, so a view asks only while it holds the segment's claim: an exclusive lock on
one of a few slot files beside the database (`<db>.claims/`, 0700, files 0600, never
followed through a symbolic link). The other view waits for the claim and then finds
the questions recorded (`first_questions.record_first` still keeps only one set).

The operating system drops the lock of a process that dies, so a crashed view never
blocks the other. Segments share a slot by hash: a collision only makes one view wait
for the other's segment first. A claim that cannot be made (a read-only directory, a
planted link) never stops a view from asking: it asks as before.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import zlib
from pathlib import Path

SLOTS = 16


def claims_directory(db_path: Path) -> Path:
    """The directory of claim slot files for a database."""
    return db_path.with_name(db_path.name + ".claims")


class SegmentClaims:
    """This view's claims on segments; thread-safe (released from the store's writer)."""

    def __init__(self, db_path: Path) -> None:
        self.directory = claims_directory(db_path)
        self._held: dict[str, int | None] = {}  # segment id -> the locked slot's fd
        self._lock = threading.Lock()

    def _slot_fd(self, segment_id: str) -> int:
        with contextlib.suppress(FileExistsError):
            os.mkdir(self.directory, 0o700)
        directory = os.open(self.directory, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        try:
            slot = f"{zlib.crc32(segment_id.encode()) % SLOTS:02d}"
            flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW
            return os.open(slot, flags, 0o600, dir_fd=directory)
        finally:
            os.close(directory)

    def try_claim(self, segment_id: str) -> bool:
        """Claim the segment if no other view holds it now (never waits); True when this
        view may ask about it (also when claims cannot be made here at all)."""
        with self._lock:
            if segment_id in self._held:
                return True
            try:
                fd = self._slot_fd(segment_id)
            except OSError:
                self._held[segment_id] = None  # no claims here: ask as before
                return True
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:  # another view holds it
                os.close(fd)
                return False
            except OSError:  # no locks on this file system: ask as before
                os.close(fd)
                self._held[segment_id] = None
                return True
            self._held[segment_id] = fd
            return True

    def release(self, segment_id: str) -> None:
        """Let the other view have the segment (its questions are on disk by now)."""
        with self._lock:
            fd = self._held.pop(segment_id, None)
        if fd is not None:
            os.close(fd)  # closing the only descriptor drops the lock

    def release_all(self) -> None:
        """Drop every claim (the view is closing)."""
        with self._lock:
            held, self._held = self._held, {}
        for fd in held.values():
            if fd is not None:
                os.close(fd)
