"""Writing a database file so that any reader, or a `kill -9`, sees one complete version.

The file is never modified in place: a new 0600 temp file beside it is written,
fsynced and renamed over it, then the directory is fsynced. Temp files left by a
killed writer are swept by the next lock holder; a damaged file is moved aside,
never overwritten. Callers hold the writer lock (see db_lock) around all of this.
"""

from __future__ import annotations

import contextlib
import errno
import os
from datetime import UTC, datetime
from pathlib import Path

from tacit.models.db_lock import (
    bump_generation,
    lock_path_for,
    lock_timeout_from_env,
    open_lock_file,
    wait_for_lock,
)

_TEMP_SUFFIX = ".tmp"
_TEMP_ATTEMPTS = 8


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def fsync_directory(directory: Path) -> None:
    """Make a rename in directory durable."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _create_temp(path: Path) -> tuple[Path, int]:
    """A new 0600 temp file beside path, created exclusively (a planted link is never followed)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for _ in range(_TEMP_ATTEMPTS):
        temp = path.with_name(
            f"{_temp_prefix(path)}{os.getpid()}.{os.urandom(4).hex()}{_TEMP_SUFFIX}"
        )
        try:
            return temp, os.open(temp, flags, 0o600)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temp file name", str(path.parent))


def replace_with(path: Path, payload: bytes) -> os.stat_result:
    """Write payload to a fsynced temp file and rename it over path; the new file's stat.

    On any failure the temp file is removed and the error raised; path keeps its
    last complete version. The directory is not fsynced here (see fsync_directory).
    """
    temp: Path | None = None
    try:
        temp, fd = _create_temp(path)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            st = os.fstat(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise
    return st


_HEX_DIGITS = frozenset("0123456789abcdef")


def _is_temp_file_of(name: str, prefix: str) -> bool:
    """Whether name is one of _create_temp's: prefix, a pid, '.', lowercase hex, the suffix.
    (String checks, not a regular expression: this runs at every start, before the first
    frame, where compiling a pattern costs about 1 M instructions.)"""
    if len(name) <= len(prefix) + len(_TEMP_SUFFIX):
        return False
    if not (name.startswith(prefix) and name.endswith(_TEMP_SUFFIX)):
        return False
    pid, dot, token = name[len(prefix) : -len(_TEMP_SUFFIX)].partition(".")
    return bool(dot and pid and token) and pid.isdecimal() and set(token) <= _HEX_DIGITS


def sweep_temp_files(path: Path) -> None:
    """Remove temp files left beside path by killed writers (call only holding the lock)."""
    prefix = _temp_prefix(path)
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if _is_temp_file_of(entry.name, prefix):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def move_aside(path: Path) -> Path:
    """Rename a damaged database to '<name>.damaged-<UTC timestamp>' and return the new path."""
    path = Path(os.path.realpath(Path(path).expanduser()))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lock_fd = open_lock_file(lock_path_for(path))
    try:
        wait_for_lock(lock_fd, path, lock_timeout_from_env())
        target = path.with_name(f"{path.name}.damaged-{stamp}")
        counter = 1
        while target.exists():
            target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
            counter += 1
        os.replace(path, target)
        fsync_directory(path.parent)
        bump_generation(lock_fd)
    finally:
        os.close(lock_fd)
    return target
