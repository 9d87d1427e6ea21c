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

from tacit.models.domain import Session
from tacit.models.repository import Store
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


def export_document(
    store: Store, session_id: str | None = None, include_drafts: bool = False
) -> dict[str, Any]:
    """Everything an agent build needs, for one session or all, as a JSON-ready dict.

    Rules are the accepted ones unless include_drafts; questions are the parked
    (open) and answered ones; suggestions nobody acted on stay in the database.
    """
    if session_id is not None and store.get(Session, session_id) is None:
        raise ExportError(f"no session {session_id}")
    sessions = [s for s in store.sessions() if session_id in (None, s.id)]
    wanted = {s.id for s in sessions}
    rules = [
        r.to_dict()
        for r in store.rules()
        if r.session_id in wanted and (include_drafts or r.status == "accepted")
    ]
    doc: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "schema_version": EXPORT_SCHEMA_VERSION,
        "sessions": _by_id([s.to_dict() for s in sessions]),
        "segments": _by_id(
            [seg.to_dict() for sid in sorted(wanted) for seg in store.segments(sid)]
        ),
        "rules": _by_id(rules),
        "decisions": _by_id([d.to_dict() for d in store.decisions() if d.session_id in wanted]),
    }
    for status, key in EXPORTED_QUESTION_STATUSES.items():
        doc[key] = _by_id(
            [
                q.to_dict()
                for q in store.questions()
                if q.session_id in wanted and q.status == status
            ]
        )
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
