"""TinyDB's table layer over tacit's storage, imported at the first write, not at start-up.

Reads go straight to `AtomicJSONStorage.snapshot()`; only writes (insert, update,
remove under `locked()`) need TinyDB's tables, so importing TinyDB (~12 M
instructions) waits until something is written, after the app's first frame.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from tacit.models.storage import AtomicJSONStorage

__all__ = ["Document", "Table", "open_tables"]


class _StringIdTable(Table):
    """Documents keyed by the record's own id, so lookups are O(1) and ids never collide."""

    document_id_class = str  # type: ignore[assignment]


class _TacitDB(TinyDB):
    table_class = _StringIdTable


def open_tables(storage: AtomicJSONStorage, names: Iterable[str]) -> dict[str, Table]:
    """TinyDB tables (query cache off) on an already open storage, by name."""

    def same_storage(*_args: Any, **_kwargs: Any) -> AtomicJSONStorage:
        return storage

    database = _TacitDB(storage=same_storage)
    return {name: database.table(name, cache_size=0) for name in names}
