"""Who is connected to a database: one heartbeat file per role next to the db.

`<db>.presence/<role>` holds the pid and host of the instance that holds that
role and is touched every few seconds. The other role counts as connected while
its file is fresh and, on this host, its pid is alive. The file is removed on exit.
No Textual here: the app drives `beat()` from a timer.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import tempfile
import time
from pathlib import Path

ROLES = ("engineer", "operator")
HEARTBEAT_SECONDS = 2.0
STALE_AFTER_SECONDS = 8.0


def presence_dir(db_path: Path) -> Path:
    """The directory holding the heartbeat files of this database."""
    return db_path.with_name(f"{db_path.name}.presence")


def other_role(role: str) -> str:
    """The role on the other side of the pair."""
    return "operator" if role == "engineer" else "engineer"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Heartbeat:
    """What a heartbeat file says. (A plain class: defined at start-up, where a named tuple
    costs ~0.7 M instructions to create, this ~0.07 M.)"""

    __slots__ = ("age", "host", "pid")

    def __init__(self, pid: int, host: str, age: float) -> None:
        self.pid = pid
        self.host = host
        self.age = age


def _unchanged(now: os.stat_result, left: os.stat_result) -> bool:
    """The same file, not written since (by another instance or anyone else)."""
    return (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) == (
        left.st_dev,
        left.st_ino,
        left.st_size,
        left.st_mtime_ns,
    )


class Presence:
    """This instance's heartbeat for its role, and a view of the other role's."""

    def __init__(self, db_path: Path, role: str, stale_after: float = STALE_AFTER_SECONDS) -> None:
        self.directory = presence_dir(Path(db_path))
        self.role = role
        self.stale_after = stale_after
        self._host = socket.gethostname()
        self._written: os.stat_result | None = None  # our heartbeat file, as last written

    def _file(self, role: str) -> Path:
        return self.directory / role

    def beat(self) -> None:
        """Write or refresh this role's heartbeat (0600, atomically); never raises.

        While the file is still exactly as this instance left it, only its time is
        refreshed (a stat and a utime, not a new file every beat)."""
        target = self._file(self.role)
        try:
            if self._written is not None and _unchanged(target.stat(), self._written):
                os.utime(target)
                self._written = target.stat()
                return
        except OSError:
            pass  # gone or replaced: write it again
        try:
            self.directory.mkdir(mode=0o700, exist_ok=True)
            target = self._file(self.role)
            # a random name created exclusively: a planted link is never followed
            fd, tmp = tempfile.mkstemp(prefix=f".{self.role}.", suffix=".tmp", dir=self.directory)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump({"pid": os.getpid(), "host": self._host}, handle)
                os.replace(tmp, target)
                self._written = target.stat()
            except OSError:
                os.unlink(tmp)
                raise
        except OSError:
            pass

    def read(self, role: str) -> Heartbeat | None:
        """The heartbeat of a role, or None when there is none or it is unreadable."""
        path = self._file(role)
        try:
            age = time.time() - path.stat().st_mtime
            data = json.loads(path.read_text(encoding="utf-8"))
            return Heartbeat(pid=int(data["pid"]), host=str(data["host"]), age=age)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def is_connected(self, role: str) -> bool:
        """Whether an instance holding that role is alive right now."""
        beat = self.read(role)
        if beat is None or beat.age > self.stale_after:
            return False
        return beat.host != self._host or _pid_alive(beat.pid)

    def other_connected(self) -> bool:
        """Whether the other role of the pair is connected."""
        return self.is_connected(other_role(self.role))

    def leave(self) -> None:
        """Remove this role's heartbeat, if it is still ours; never raises."""
        beat = self.read(self.role)
        if beat is None or (beat.pid == os.getpid() and beat.host == self._host):
            with contextlib.suppress(OSError):
                self._file(self.role).unlink()
        with contextlib.suppress(OSError):
            self.directory.rmdir()
