"""Parsing the bytes of a database file: a dict of tables of documents, or a one-line reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from tacit.models.db_lock import DatabaseDamaged

Tables = dict[str, Any]


def _check_tables(path: Path, data: object) -> Tables:
    """Return data if it is a dict of tables of documents, else raise DatabaseDamaged."""
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "null"
        raise DatabaseDamaged(path, f"the file holds a JSON {kind}, not a database of tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise DatabaseDamaged(path, f"table {name!r} is not a JSON object")
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                raise DatabaseDamaged(path, f"document {doc_id!r} in {name!r} is not an object")
    return data


def parse_database(path: Path, raw: bytes) -> Tables:
    """Parse the bytes of a database file, or raise DatabaseDamaged with a one-line reason."""
    if not raw.strip():
        raise DatabaseDamaged(path, "the database file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        if error.msg == "unexpected end of data":
            reason = f"the database file is truncated (it ends at byte {len(raw)} mid-document)"
        else:
            reason = f"the database file is not valid JSON ({error.msg} at byte {error.pos})"
        raise DatabaseDamaged(path, reason) from None
    return _check_tables(path, data)
