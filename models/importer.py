"""Import an export file: validate it whole, then merge by id (newer updated_at wins).

Rules: every timestamp must be an ASCII RFC 3339 UTC time naming a real instant;
every id must have the exact shape tacit mints; an id may appear once per kind
in a file. "Newer" compares instants, and is decided under the writer lock, so
two imports racing on the same record always keep the newer version.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import orjson

from tacit.models.domain import Decision, Question, Record, Rule, Segment, Session, ValidationError
from tacit.models.export import export_schema
from tacit.models.ids import is_valid_id
from tacit.models.migrations import upgrade_export
from tacit.models.repository import Store
from tacit.models.safe_text import one_line
from tacit.models.timestamps import is_valid_timestamp, newer

SECTIONS: tuple[tuple[str, type[Record]], ...] = (
    ("sessions", Session),
    ("segments", Segment),
    ("rules", Rule),
    ("decisions", Decision),
    ("open_questions", Question),
    ("answered_questions", Question),
)


class ImportRefused(Exception):
    """The file cannot be imported; nothing was changed. The message is one line."""


@dataclass(slots=True)
class ImportResult:
    """What an import did, per kind: added, updated, unchanged (same or older)."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0

    def summary(self) -> str:
        """One line for the user."""

        def fmt(counts: dict[str, int]) -> str:
            return ", ".join(f"{n} {k}" for k, n in sorted(counts.items()) if n) or "nothing"

        return f"added {fmt(self.added)}; updated {fmt(self.updated)}; {self.unchanged} unchanged"


def _where(error: Any) -> str:
    path = "/".join(str(p) for p in error.absolute_path)
    return f" at {path}" if path else ""


def _read_split(directory: Path) -> dict[str, Any]:
    from tacit.models.split import SplitError, read_split

    try:
        doc = read_split(directory)
    except SplitError as error:
        raise ImportRefused(str(error)) from None
    return upgrade_export(doc)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, read once ("-" is stdin, so /dev/stdin and pipes work too)."""
    if str(path) == "-":
        return sys.stdin.buffer.read()
    with open(Path(path).expanduser(), "rb") as handle:
        return handle.read()


def _read_file(path: Path) -> dict[str, Any]:
    try:
        raw = _read_bytes(path)
    except FileNotFoundError:
        raise ImportRefused(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImportRefused(f"{path}: is a directory") from None
    except OSError as error:
        raise ImportRefused(f"{path}: cannot read ({error.strerror or error})") from None
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise ImportRefused(f"{path}: not valid JSON ({error})") from None
    if not isinstance(doc, dict) or doc.get("format") != "tacit-export":
        raise ImportRefused(f'{path}: not a tacit export (no "format": "tacit-export")')
    doc = upgrade_export(doc)
    return doc


def read_export(path: Path) -> dict[str, Any]:
    """Load and schema-check an export file, or raise ImportRefused."""
    from jsonschema import Draft202012Validator

    if str(path) != "-" and Path(path).expanduser().is_dir():
        doc = _read_split(Path(path).expanduser())
    else:
        doc = _read_file(path)
    validator = Draft202012Validator(export_schema())
    first = next(iter(sorted(validator.iter_errors(doc), key=lambda e: list(e.path))), None)
    if first is not None:
        message = " ".join(first.message.split())
        if len(message) > 160:
            message = message[:157] + "..."
        raise ImportRefused(f"{path}: does not match the export schema{_where(first)}: {message}")
    _check_values(doc, path)
    return doc


def _is_timestamp_key(key: str) -> bool:
    return key == "at" or key.endswith("_at")


def _is_id_key(key: str) -> bool:
    return key == "id" or key.endswith("_id")


def _bad_value(where: list[str | int], value: object, what: str, path: Path) -> ImportRefused:
    shown = one_line(repr(value))
    return ImportRefused(f"{path}: {'/'.join(map(str, where))}: {what}, got {shown}")


def _walk(node: object, where: list[str | int], path: Path) -> None:
    """Check every timestamp and id in the document, wherever it sits."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            _walk(item, [*where, index], path)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        here = [*where, key]
        if isinstance(value, str) and _is_timestamp_key(key) and not is_valid_timestamp(value):
            raise _bad_value(here, value, "not a UTC time like 2024-05-01T12:00:00Z", path)
        if isinstance(value, str) and _is_id_key(key) and not is_valid_id(value):
            raise _bad_value(here, value, "not a tacit id", path)
        _walk(value, here, path)


def _check_values(doc: dict[str, Any], path: Path) -> None:
    """Valid timestamps and ids everywhere; each id at most once per kind of record."""
    _walk(doc, [], path)
    seen: dict[tuple[str, str], str] = {}
    for key, cls in SECTIONS:
        for index, item in enumerate(doc[key]):
            where = f"{key}/{index}"
            first = seen.setdefault((cls.KIND, item["id"]), where)
            if first != where:
                raise ImportRefused(
                    f"{path}: duplicate id {item['id']} ({first} and {where}); nothing was imported"
                )


def _records(doc: dict[str, Any], path: Path) -> list[Record]:
    records: list[Record] = []
    session_ids = {s["id"] for s in doc["sessions"]}
    for key, cls in SECTIONS:
        for index, item in enumerate(doc[key]):
            if key != "sessions" and item["session_id"] not in session_ids:
                raise ImportRefused(f"{path}: {key}/{index} refers to a session not in the file")
            try:
                records.append(cls.from_dict(item))
            except (ValidationError, TypeError) as error:
                raise ImportRefused(f"{path}: {key}/{index}: {error}") from None
    return records


def import_file(store: Store, path: Path) -> ImportResult:
    """Merge the export at path into store; refuse a bad file without touching the store."""
    return import_document(store, read_export(path), path)


class ImportProgress(Protocol):
    """Where a long import reports what it is doing (the CLI's progress line)."""

    def phase(self, text: str, total: int | None = None) -> None: ...

    def advance(self, count: int = 1) -> None: ...


def import_document(
    store: Store, doc: dict[str, Any], path: Path, progress: ImportProgress | None = None
) -> ImportResult:
    """Merge a document read_export returned; newer instants win, decided under the lock."""
    records = _records(doc, path)
    result = ImportResult()
    with store.storage.locked():
        changed: list[Record] = []
        if progress is not None:
            progress.phase("merging records", len(records))
        for record in records:
            if progress is not None:
                progress.advance()
            existing = store.get_raw(type(record), record.id)
            kind = type(record).KIND + "s"
            if existing is None:
                result.added[kind] = result.added.get(kind, 0) + 1
                changed.append(record)
            elif newer(record.updated_at, existing.get("updated_at")):
                result.updated[kind] = result.updated.get(kind, 0) + 1
                changed.append(record)
            else:
                result.unchanged += 1
        if changed:
            if progress is not None:
                progress.phase(f"saving {len(changed)} records")
            store.save_many(changed)
    return result
