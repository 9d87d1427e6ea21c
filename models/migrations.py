"""Schema versions of the database file and the migrations between them.

The version lives in the `_meta` table. To change the layout: bump
SCHEMA_VERSION and add a function to MIGRATIONS keyed by the version it
upgrades *from*; it receives and returns the whole TinyDB dict of tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 1
META_TABLE = "_meta"
META_ID = "schema"

Tables = dict[str, Any]
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {}


class SchemaTooNew(Exception):
    """The file was written by a newer tacit."""


def stored_version(tables: Tables) -> int | None:
    """The schema version recorded in the file, or None for a file with no meta yet."""
    meta = tables.get(META_TABLE, {}).get(META_ID)
    if not isinstance(meta, dict):
        return None
    version = meta.get("schema_version")
    return version if isinstance(version, int) else None


def migrate(tables: Tables, version: int) -> Tables:
    """Upgrade tables from version to SCHEMA_VERSION, one step at a time."""
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"the database uses schema {version}; this tacit knows up to {SCHEMA_VERSION}"
        )
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
    tables.setdefault(META_TABLE, {})[META_ID] = {"schema_version": SCHEMA_VERSION}
    return tables
