"""One session's records without reading the whole database: a per-session cache.

Beside the database, `<db>.sessions/` (0700) holds one file per session with
that session's documents, plus an index; each is stamped with the database
file's revision (inode, mtime, size: every commit replaces the file, so any
write changes it). A read checks the stamp and falls back to the database when
anything changed, so the cache can be stale but never wrong; it is rebuilt from
a full read. Files are 0600, opened without following symlinks; a planted link
or a foreign directory disables the cache instead of being followed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import orjson

from tacit.models.domain import Session
from tacit.models.migrations import SCHEMA_VERSION
from tacit.models.repository import TABLES

INDEX = "index.json"
Revision = list[int]


def cache_dir(db_path: Path) -> Path:
    """Where the cache of this database lives."""
    return db_path.with_name(db_path.name + ".sessions")


def database_revision(db_path: Path) -> Revision | None:
    """The stamp of the database file as it is now, or None when it is missing."""
    try:
        st = os.stat(db_path)
    except OSError:
        return None
    return [st.st_ino, st.st_mtime_ns, st.st_size, SCHEMA_VERSION]


def _safe_dir(directory: Path) -> bool:
    try:
        st = os.lstat(directory)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o077


def _read(path: Path) -> Any:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            return orjson.loads(handle.read())
    except (OSError, orjson.JSONDecodeError):
        return None


def cached_session(db_path: Path, key: str) -> tuple[str, dict[str, Any]] | None:
    """(session id, its tables) for a session id or unique id prefix, when the cache
    is current; None means: read the database instead."""
    directory = cache_dir(db_path)
    revision = database_revision(db_path)
    if revision is None or not _safe_dir(directory):
        return None
    index = _read(directory / INDEX)
    if not isinstance(index, dict) or index.get("revision") != revision:
        return None
    ids = [i for i in index.get("sessions", []) if isinstance(i, str)]
    matches = [key] if key in ids else [i for i in ids if i.startswith(key)]
    if len(matches) != 1:
        return None
    shard = _read(directory / f"{matches[0]}.json")
    if not isinstance(shard, dict) or shard.get("revision") != revision:
        return None
    tables = shard.get("tables")
    return (matches[0], tables) if isinstance(tables, dict) else None


def _write(directory: Path, name: str, data: bytes) -> None:
    tmp = directory / f".{name}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, directory / name)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def rebuild(db_path: Path, tables: dict[str, Any], revision: Revision | None) -> bool:
    """Write the cache for tables read at revision; False when it cannot (never raises)."""
    if revision is None:
        return False
    directory = cache_dir(db_path)
    try:
        if not os.path.lexists(directory):
            os.mkdir(directory, 0o700)
        if not _safe_dir(directory):
            return False
        sessions = tables.get(TABLES[Session], {})
        shards: dict[str, dict[str, list[Any]]] = {
            sid: {name: [] for name in TABLES.values()} for sid in sessions
        }
        for sid, session in sessions.items():
            shards[sid][TABLES[Session]].append(session)
        for name in TABLES.values():
            if name == TABLES[Session]:
                continue
            for doc in tables.get(name, {}).values():
                shard = shards.get(doc.get("session_id", ""))
                if shard is not None:
                    shard[name].append(doc)
        wanted = {f"{sid}.json" for sid in shards}
        for entry in os.listdir(directory):
            if entry.endswith(".json") and entry != INDEX and entry not in wanted:
                os.unlink(directory / entry)
        for sid, shard in shards.items():
            _write(directory, f"{sid}.json", orjson.dumps({"revision": revision, "tables": shard}))
        index = {"revision": revision, "sessions": sorted(shards)}
        _write(directory, INDEX, orjson.dumps(index))
    except OSError:
        return False
    return True


def tables_of(shard: dict[str, Any]) -> dict[str, Any]:
    """A shard's lists of documents as the database's tables (by id)."""
    return {
        name: {d["id"]: d for d in docs if isinstance(d, dict) and "id" in d}
        for name, docs in shard.items()
        if isinstance(docs, list)
    }
