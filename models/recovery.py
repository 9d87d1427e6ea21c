"""Changes that could not reach a locked database, kept in an importable file.

When tacit must quit while another process holds the database's writer lock,
the records still queued are written beside the database as a tacit export
(0600, created exclusively) together with the sessions they belong to, so
`tacit import FILE` merges them later (newer wins, so nothing is undone).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tacit.models.domain import Decision, Question, Record, Rule, Segment, Session
from tacit.models.export import EXPORT_FORMAT, EXPORT_SCHEMA_VERSION, render_json
from tacit.models.repository import Store

_SECTIONS: dict[type[Record], str] = {
    Session: "sessions",
    Segment: "segments",
    Rule: "rules",
    Decision: "decisions",
    Question: "open_questions",
}


def recovery_document(store: Store, records: Iterable[Record]) -> dict[str, Any]:
    """An export document holding records and the sessions they refer to (read, never locked)."""
    doc: dict[str, Any] = {"format": EXPORT_FORMAT, "schema_version": EXPORT_SCHEMA_VERSION}
    doc.update({key: [] for key in (*_SECTIONS.values(), "answered_questions")})
    sessions: dict[str, Session] = {}
    for record in records:
        if isinstance(record, Session):
            sessions[record.id] = record
            continue
        doc[_SECTIONS[type(record)]].append(record.to_dict())
        session_id = getattr(record, "session_id", "")
        if session_id not in sessions:
            stored = store.get(Session, session_id)
            if stored is not None:
                sessions[session_id] = stored
    doc["sessions"] = [s.to_dict() for s in sessions.values()]
    for key in _SECTIONS.values():
        doc[key].sort(key=lambda item: str(item["id"]))
    return doc


def write_recovery(store: Store, records: Iterable[Record]) -> Path:
    """Write the records beside the database as '<db>.unsaved-<time>-XXXX.json' (0600)."""
    data = render_json(recovery_document(store, records))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    directory = store.path.expanduser().resolve().parent
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115  (O_EXCL, 0600, kept on close)
        mode="wb",
        prefix=f"{store.path.name}.unsaved-{stamp}-",
        suffix=".json",
        dir=directory,
        delete=False,
    )
    with handle:
        handle.write(data)
    return Path(handle.name)
