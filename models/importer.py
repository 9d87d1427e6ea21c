"""Import an export file: validate it whole, then merge by id (newer updated_at wins)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from tacit.models.domain import Decision, Question, Record, Rule, Segment, Session, ValidationError
from tacit.models.export import export_schema
from tacit.models.migrations import upgrade_export
from tacit.models.repository import Store

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


def _read_file(path: Path) -> dict[str, Any]:
    try:
        raw = Path(path).expanduser().read_bytes()
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

    if Path(path).expanduser().is_dir():
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
    return doc


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
    doc = read_export(path)
    records = _records(doc, path)
    result = ImportResult()
    changed: list[Record] = []
    for record in records:
        existing = store.get(type(record), record.id)
        kind = type(record).KIND + "s"
        if existing is None:
            result.added[kind] = result.added.get(kind, 0) + 1
            changed.append(record)
        elif record.updated_at > existing.updated_at:
            result.updated[kind] = result.updated.get(kind, 0) + 1
            changed.append(record)
        else:
            result.unchanged += 1
    if changed:
        store.save_many(changed)
    return result
