"""Learn that the database changed without polling: Linux inotify, through ctypes.

Every write replaces the database file atomically (a rename into its directory)
and bumps the generation in the lock file beside it, so watching the directory
for those two names wakes a reader exactly when another process wrote. The
watch is a file descriptor an event loop can wait on: idle, it costs nothing.
Where inotify is missing (not Linux, a locked-down container, too many
watches), `DirectoryWatch.open` returns None and callers keep polling.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import struct
import sys
from collections.abc import Iterable
from pathlib import Path

_IN_MODIFY = 0x00000002
_IN_CLOSE_WRITE = 0x00000008
_IN_MOVED_TO = 0x00000080
_IN_CREATE = 0x00000100
_IN_DELETE = 0x00000200
_IN_Q_OVERFLOW = 0x00004000
_IN_NONBLOCK = os.O_NONBLOCK
_IN_CLOEXEC = 0o2000000
_MASK = _IN_MODIFY | _IN_CLOSE_WRITE | _IN_MOVED_TO | _IN_CREATE | _IN_DELETE
_HEADER = struct.Struct("iIII")  # wd, mask, cookie, len (then len bytes of name)


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None
    return libc if hasattr(libc, "inotify_init1") else None


class DirectoryWatch:
    """Wakes when one of a few files in one directory is written, replaced or removed."""

    def __init__(self, fd: int, names: Iterable[str]) -> None:
        self._fd = fd
        self._names = {os.fsencode(name) for name in names}

    @classmethod
    def open(cls, directory: Path, names: Iterable[str]) -> DirectoryWatch | None:
        """A watch on directory for those file names, or None where inotify is unavailable."""
        libc = _libc()
        if libc is None:
            return None
        fd = libc.inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC)
        if fd < 0:
            return None
        if libc.inotify_add_watch(fd, os.fsencode(directory), _MASK) < 0:
            os.close(fd)
            return None
        return cls(fd, names)

    def fileno(self) -> int:
        """The descriptor to wait on (readable when something happened)."""
        return self._fd

    def changed(self) -> bool:
        """Read every pending event; whether any touched a watched name (or events were lost)."""
        hit = False
        while True:
            try:
                data = os.read(self._fd, 65536)
            except (BlockingIOError, InterruptedError):
                return hit
            except OSError:
                return True  # cannot tell: let the caller look
            if not data:
                return hit
            offset = 0
            while offset + _HEADER.size <= len(data):
                _wd, mask, _cookie, length = _HEADER.unpack_from(data, offset)
                start = offset + _HEADER.size
                name = data[start : start + length].rstrip(b"\0")
                offset = start + length
                if mask & _IN_Q_OVERFLOW or name in self._names:
                    hit = True

    def close(self) -> None:
        """Stop watching."""
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = -1
