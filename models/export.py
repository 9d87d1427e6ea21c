"""The export document (what every format renders), the JSON format and safe file writing."""

from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import orjson

from tacit.models.domain import Decision, Question, Record, Rule, Segment, Session
from tacit.models.repository import TABLES, Store, build_record
from tacit.models.safe_text import escape_json_controls, without_emphasis

EXPORT_FORMAT = "tacit-export"
EXPORT_SCHEMA_VERSION = 2
EXPORTED_QUESTION_STATUSES = {"parked": "open_questions", "answered": "answered_questions"}


class ExportError(Exception):
    """The export cannot be made or written; the message is one line."""


@cache
def export_schema() -> dict[str, Any]:
    """The published JSON Schema of export files (models/export_schema.json)."""
    text = files("tacit.models").joinpath("export_schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _by_id(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(records, key=lambda r: str(r["id"]))


def _documents(
    tables: dict[str, Any], cls: type[Record], wanted: set[str] | None, damaged: dict[str, str]
) -> list[dict[str, Any]]:
    """The stored documents of one kind for the wanted sessions (all when None), each
    passed through its domain type so the export has exactly the domain's shape.

    Works on the raw tables: only the records exported pay for the domain layer.
    """
    table = tables.get(TABLES[cls], {})
    if cls is Session:
        chosen = [d for d in table.values() if wanted is None or d.get("id") in wanted]
    else:
        chosen = [d for d in table.values() if wanted is None or d.get("session_id") in wanted]
    built = [build_record(cls, doc, str(doc.get("id")), damaged) for doc in chosen]
    return _by_id([record.to_dict() for record in built if record is not None])


def export_document(
    store: Store, session_id: str | None = None, include_drafts: bool = False
) -> dict[str, Any]:
    """Everything an agent build needs, for one session or all, as a JSON-ready dict.

    Rules are the accepted ones unless include_drafts; questions are the parked
    (open) and answered ones; suggestions nobody acted on stay in the database.
    """
    tables = store.storage.read() or {}
    return document_from_tables(tables, session_id, include_drafts, store.damaged)


def document_from_tables(
    tables: dict[str, Any],
    session_id: str | None = None,
    include_drafts: bool = False,
    damaged: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The export document from the database's tables (all of them, or one session's).

    Stored records that cannot be read are left out and named in damaged.
    """
    damaged = {} if damaged is None else damaged
    if session_id is not None and session_id not in tables.get(TABLES[Session], {}):
        raise ExportError(f"no session {session_id}")
    wanted = None if session_id is None else {session_id}
    questions = [
        q
        for q in tables.get(TABLES[Question], {}).values()
        if (wanted is None or q.get("session_id") in wanted)
        and q.get("status") in EXPORTED_QUESTION_STATUSES
    ]
    rules = _documents(tables, Rule, wanted, damaged)
    doc: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "schema_version": EXPORT_SCHEMA_VERSION,
        "sessions": _documents(tables, Session, wanted, damaged),
        "segments": _documents(tables, Segment, wanted, damaged),
        "rules": [r for r in rules if include_drafts or r["status"] == "accepted"],
        "decisions": _documents(tables, Decision, wanted, damaged),
    }
    built = [build_record(Question, q, str(q.get("id")), damaged) for q in questions]
    exported = _by_id([q.to_dict() for q in built if q is not None])
    for status, key in EXPORTED_QUESTION_STATUSES.items():
        doc[key] = [q for q in exported if q["status"] == status]
    for key in EXPORTED_QUESTION_STATUSES.values():
        for question in doc[key]:
            question["score"] = round(question["score"], 3)
    return doc


def json_bytes(value: Any) -> bytes:
    """Deterministic JSON: sorted keys, two-space indent, trailing newline.

    C1 controls and bidi overrides are written as \\u escapes, so the file is
    safe to `cat` in a terminal and still holds exactly the same text.
    """
    raw = orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    return escape_json_controls(raw) + b"\n"


def render_json(doc: dict[str, Any]) -> bytes:
    """The `json` format: the document as data, question texts in plain words
    (Markdown emphasis such as `*not*` does not render in JSON consumers)."""
    plain = dict(doc)
    for key in EXPORTED_QUESTION_STATUSES.values():
        plain[key] = [{**q, "text": without_emphasis(q["text"])} for q in doc[key]]
    return json_bytes(plain)


def write_private(path: Path, data: bytes) -> None:
    """Write an export atomically, readable by the owner only (0600)."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise ExportError(f"{path} is a directory")
    if not path.parent.is_dir():
        raise ExportError(f"{path.parent} does not exist")
    tmp: Path | None = None
    try:
        # mkstemp: a random name created with O_EXCL, 0600, so a link planted at a
        # guessable temp name is never followed.
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        tmp = Path(name)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as error:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
