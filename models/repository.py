"""The one object the app, the CLI and the engine workers use to reach the database.

Threading rule (in one process): reads (`get`, `segments`, `rules`, ...) may run
on any thread at once; they answer from `AtomicJSONStorage.snapshot()`, the last
committed version, so they never see a half-made change and never wait for the
cross-process writer lock. Writes (`save`, `save_many`, `update`, `delete`)
change the storage's working copy under `locked()`; in the UI they all run on
the one writer thread of `tacit.tui.session_state.SessionState`.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import orjson

from tacit.models.db_lock import LockWaitNotice
from tacit.models.domain import (
    Decision,
    Question,
    Record,
    Rule,
    Segment,
    Session,
    ValidationError,
)
from tacit.models.ids import short_id
from tacit.models.migrations import (
    META_ID,
    META_TABLE,
    SCHEMA_VERSION,
    SchemaTooNew,
    migrate,
    stored_version,
)
from tacit.models.record_check import document_problem, record_problem
from tacit.models.safe_text import one_line
from tacit.models.storage import AtomicJSONStorage, DatabaseDamaged, DatabaseError

if TYPE_CHECKING:
    from tinydb.table import Table

R = TypeVar("R", bound=Record)

TABLES: dict[type[Record], str] = {
    Session: "sessions",
    Segment: "segments",
    Question: "questions",
    Rule: "rules",
    Decision: "decisions",
}


def _key(record_id: str) -> Any:
    """A record id as a TinyDB doc id (TinyDB's stubs say int; these tables use strings)."""
    return record_id


_MISSING_ARGS = r"missing \d+ required (?:positional |keyword-only )?arguments?: (.+)"
"""Compiled by `re` at its first use (a damaged record), not at start-up."""


def _plain_reason(error: Exception) -> str:
    """The problem in a stored record's words ("missing field 'title'"), not Python's."""
    text = one_line(str(error))
    missing = re.search(_MISSING_ARGS, text)
    if missing is not None:
        names = missing.group(1).replace(" and ", ", ")
        return f"missing field{'s' * (',' in names)} {names}"
    return text or type(error).__name__


def _detached(value: Any) -> Any:
    """A deep copy of documents from the storage's in-memory cache.

    The storage hands out its cached dicts; a record built on them would share
    their lists, so editing a record (without saving) would change the cache.
    """
    return orjson.loads(orjson.dumps(value))


def _check_location(path: Path, create: bool) -> None:
    parent = path.parent
    if not create and not path.exists():
        raise DatabaseError(f"no database at {path}")
    if not parent.exists():
        raise DatabaseError(f"{parent}: no such directory")
    if not parent.is_dir():
        raise DatabaseError(f"{parent} is not a directory")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise DatabaseError(f"{parent} is not writable")
    if path.exists() and path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file")


def build_record(
    cls: type[R], doc: dict[str, Any], record_id: str, damaged: dict[str, str]
) -> R | None:
    """The record from its stored document, or None (noted in damaged) if it is broken."""
    try:
        record = cls.from_dict(doc)
        broken = record_problem(record)
    except (ValidationError, TypeError, ValueError, AttributeError, KeyError) as error:
        broken = document_problem(cls, doc) or _plain_reason(error)
    if broken is None:
        damaged.pop(record_id, None)
        return record
    damaged[record_id] = f"{cls.KIND} {record_id} is damaged ({broken})"
    return None


class Store:
    """Typed access to sessions, segments, questions, rules and decisions."""

    def __init__(
        self,
        path: str | Path,
        *,
        create: bool = True,
        lock_timeout: float | None = None,
        on_lock_wait: LockWaitNotice | None = None,
    ) -> None:
        """Open the database; writes wait at most lock_timeout s for another process's lock.

        on_lock_wait is told (once per wait, from the writing thread) when a
        write has waited about a second for the lock.
        """
        self.path = Path(path).expanduser()
        _check_location(self.path, create)
        self.storage = AtomicJSONStorage(
            self.path, lock_timeout=lock_timeout, on_lock_wait=on_lock_wait
        )
        self._write_tables: dict[str, Table] | None = None  # TinyDB's, built at the first write
        self._write_tables_lock = threading.Lock()
        self.damaged: dict[str, str] = {}
        """Stored records that could not be read, by id: one line each, naming the problem."""
        self._prepare()

    def _prepare(self) -> None:
        """Stamp a new file with the schema version, or migrate an older one.

        A file already at this schema needs no lock (readers never wait for writers), and
        is looked at through the readers' snapshot: the writers' own copy is read at the
        first write, so opening a database parses it once, not twice.
        """
        tables = self.storage.snapshot()
        if tables is not None and stored_version(tables) == SCHEMA_VERSION:
            self.storage.sweep_if_unlocked()
            return
        with self.storage.locked():
            tables = self.storage.read() or {}
            version = stored_version(tables)
            if version is None and any(k != META_TABLE and v for k, v in tables.items()):
                raise DatabaseDamaged(self.path, "the file holds data but no tacit schema version")
            if version is not None and version < 1:
                raise DatabaseDamaged(
                    self.path, f"the file has an unknown schema version {version}"
                )
            try:
                upgraded = migrate(tables, version or 1)
            except SchemaTooNew as error:
                raise DatabaseError(f"{self.path}: {error}") from None
            if version != stored_version(upgraded) or not self.path.exists():
                self.storage.write(upgraded)

    def close(self) -> None:
        """Release the file."""
        self.storage.close()

    @property
    def _tables(self) -> dict[str, Table]:
        """TinyDB's tables for writes; TinyDB is imported at the first write (see db_tables)."""
        with self._write_tables_lock:
            if self._write_tables is None:
                from tacit.models.db_tables import open_tables

                self._write_tables = open_tables(self.storage, TABLES.values())
            return self._write_tables

    def revision(self) -> object:
        """A cheap token that changes whenever any process writes the database."""
        return self.storage.revision()

    # generic access -------------------------------------------------------

    def _table(self, cls: type[Record]) -> Table:
        return self._tables[TABLES[cls]]

    def _documents(self, name: str) -> dict[str, Any]:
        """The committed documents of one table, by id (shared: never modify them)."""
        tables = self.storage.snapshot() or {}
        documents: dict[str, Any] = tables.get(name, {})
        return documents

    def get(self, cls: type[R], record_id: str) -> R | None:
        """The record of that type with that id, or None (also when it is damaged)."""
        doc = self._documents(TABLES[cls]).get(record_id)
        return self._build(cls, _detached(doc), record_id) if doc is not None else None

    def get_raw(self, cls: type[Record], record_id: str) -> dict[str, Any] | None:
        """The stored document as it is, even a damaged one (for merges under `locked()`:
        the working copy, not the snapshot)."""
        doc = self._table(cls).get(doc_id=_key(record_id))
        return dict(_detached(doc)) if doc is not None else None

    def _build(self, cls: type[R], doc: dict[str, Any], record_id: str) -> R | None:
        """The record from its stored document, or None (noted in damaged) if it is broken."""
        return build_record(cls, doc, record_id, self.damaged)

    def save(self, record: Record) -> None:
        """Insert or replace one record, atomically."""
        self.save_many([record])

    def save_many(self, records: Iterable[Record]) -> None:
        """Insert or replace records in one locked read-modify-write per table."""
        by_table: dict[str, list[Record]] = {}
        for record in records:
            by_table.setdefault(TABLES[type(record)], []).append(record)
        with self.storage.locked():
            for name, group in by_table.items():
                table = self._tables[name]
                existing = [r for r in group if table.contains(doc_id=_key(r.id))]
                fresh = [r for r in group if r not in existing]
                if fresh:
                    from tacit.models.db_tables import Document

                    table.insert_multiple([Document(r.to_dict(), doc_id=_key(r.id)) for r in fresh])
                for record in existing:
                    table.update(record.to_dict(), doc_ids=[_key(record.id)])

    def update(self, cls: type[R], record_id: str, change: Callable[[R], Any]) -> R:
        """Apply change to the latest stored version under the lock, save and return it.

        Use this for edits two people may make at once (pair mode): each sees the
        other's last write instead of overwriting it.
        """
        with self.storage.locked():
            doc = self._table(cls).get(doc_id=_key(record_id))  # the working copy, locked
            record = self._build(cls, _detached(doc), record_id) if doc is not None else None
            if record is None:
                raise KeyError(f"no {cls.KIND} {record_id}")
            change(record)
            self._table(cls).update(record.to_dict(), doc_ids=[_key(record_id)])
            return record

    def delete(self, cls: type[Record], record_id: str) -> None:
        """Remove one record if present."""
        with self.storage.locked():
            self._table(cls).remove(doc_ids=[_key(record_id)])

    def _where(self, cls: type[R], session_id: str | None) -> list[R]:
        documents = self._documents(TABLES[cls])
        ids = [
            k
            for k, d in documents.items()
            if session_id is None or d.get("session_id") == session_id
        ]
        copies = _detached([documents[k] for k in ids])
        built = (self._build(cls, c, k) for k, c in zip(ids, copies, strict=True))
        return [record for record in built if record is not None]

    # typed queries --------------------------------------------------------

    def sessions(self) -> list[Session]:
        """All sessions, most recently active first."""
        last: dict[str, str] = {}
        raw_segments = self._documents(TABLES[Segment])
        for seg in raw_segments.values():  # raw documents: no copy per segment
            sid, at = seg.get("session_id", ""), seg.get("at", "")
            if isinstance(sid, str) and isinstance(at, str):
                last[sid] = max(last.get(sid, ""), at)
        sessions = self._where(Session, None)
        return sorted(
            sessions, key=lambda s: (max(s.updated_at, last.get(s.id, "")), s.id), reverse=True
        )

    def match_sessions(self, key: str) -> list[Session]:
        """Sessions a key names: full id, id prefix, or short id as the status line shows it.

        The short id is the prefix and the last six characters; case is ignored.
        """
        key = key.strip()
        found = self.get(Session, key)
        if found is not None:
            return [found]
        wanted = key.upper()
        return [
            s
            for s in self._where(Session, None)
            if s.id.upper().startswith(wanted) or short_id(s.id).upper() == wanted
        ]

    def find_session(self, key: str) -> Session | None:
        """The one session key names (see match_sessions), or None when none or several do."""
        matches = self.match_sessions(key)
        return matches[0] if len(matches) == 1 else None

    def segments(self, session_id: str) -> list[Segment]:
        """The session's narrative, oldest first."""
        return sorted(self._where(Segment, session_id), key=lambda s: (s.at, s.id))

    def questions(self, session_id: str | None = None) -> list[Question]:
        """The session's questions (or all), newest first."""
        found = self._where(Question, session_id)
        return sorted(found, key=lambda q: (q.created_at, q.id), reverse=True)

    def rules(self, session_id: str | None = None) -> list[Rule]:
        """The session's rules (or all), oldest first."""
        return sorted(self._where(Rule, session_id), key=lambda r: (r.created_at, r.id))

    def decisions(self, session_id: str | None = None) -> list[Decision]:
        """The session's decisions (or all), oldest first."""
        return sorted(self._where(Decision, session_id), key=lambda d: (d.created_at, d.id))

    def rule_summaries(self) -> list[dict[str, str]]:
        """Every rule's session id and status, read straight from the tables (cheap)."""
        tables = self.storage.snapshot() or {}
        return [
            {"session_id": str(d.get("session_id", "")), "status": str(d.get("status", ""))}
            for d in tables.get(TABLES[Rule], {}).values()
        ]

    def counts(self) -> dict[str, int]:
        """How many records of each kind the database holds."""
        return {name: len(self._documents(name)) for name in TABLES.values()}

    def meta(self) -> dict[str, Any]:
        """The _meta record (schema version)."""
        doc = self._documents(META_TABLE).get(META_ID)
        return dict(doc) if doc else {}
