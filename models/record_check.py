"""Is a record read from the database whole? Field types and timestamps, in one line.

The database is a JSON file people can edit, sync or damage; a record with a
missing field or a wrong type must be reported (by id) and skipped, never
crash a listing, so the other records stay usable.
"""

from __future__ import annotations

from dataclasses import fields
from functools import cache
from typing import Any

from tacit.models.domain import Record
from tacit.models.ids import is_valid_id
from tacit.models.timestamps import is_valid_timestamp

_PLAIN: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
}


@cache
def _allowed(annotation: str) -> tuple[tuple[type, ...], bool] | None:
    """The Python types an annotation allows (and whether None is allowed), if checkable."""
    parts = [part.strip() for part in annotation.split("|")]
    optional = "None" in parts
    parts = [part for part in parts if part != "None"]
    if len(parts) != 1:
        return None
    base = parts[0]
    if base.startswith("list["):
        return (list,), optional
    return (_PLAIN[base], optional) if base in _PLAIN else None


def _wrong_type(name: str, value: Any, annotation: str) -> str | None:
    allowed = _allowed(annotation)
    if allowed is None:
        return None
    types, optional = allowed
    if value is None:
        return None if optional else f"{name} is missing"
    if isinstance(value, bool) and bool not in types:
        return f"{name} is true/false, not {annotation}"
    if not isinstance(value, types):
        return f"{name} is {type(value).__name__}, not {annotation}"
    return None


def record_problem(record: Record) -> str | None:
    """What is wrong with a record built from stored data, or None when it is whole."""
    for spec in fields(record):  # type: ignore[arg-type]
        value = getattr(record, spec.name)
        problem = _wrong_type(spec.name, value, str(spec.type))
        if problem is not None:
            return problem
        is_time = spec.name == "at" or spec.name.endswith("_at")
        if is_time and isinstance(value, str) and not is_valid_timestamp(value):
            return f"{spec.name} is not a UTC time"
        if spec.name == "id" and not is_valid_id(value):
            return "its id is malformed"
    return None


def document_problem(cls: type[Record], doc: dict[str, Any]) -> str | None:
    """A stored field of the wrong type, named (for a document its record could not be
    built from: "title is int, not str" rather than Python's words), or None."""
    for spec in fields(cls):  # type: ignore[arg-type]
        if spec.name in doc and doc[spec.name] is not None:
            problem = _wrong_type(spec.name, doc[spec.name], str(spec.type))
            if problem is not None:
                return problem
    return None
