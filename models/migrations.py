"""Schema versions of the database file and of export files, and the migrations between them.

The database's version lives in the `_meta` table. To change the layout: bump
SCHEMA_VERSION and add a function to MIGRATIONS keyed by the version it
upgrades *from*; it receives and returns the whole TinyDB dict of tables.
Export files carry their own `schema_version`; `upgrade_export` brings an
older file's document up to the current one before it is validated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 2
META_TABLE = "_meta"
META_ID = "schema"

Tables = dict[str, Any]


class SchemaTooNew(Exception):
    """The file was written by a newer tacit."""


def example_from_v1(example: Any) -> Any:
    """A version-1 example (plain text) as a version-2 one: the text is the scenario,
    the outcome is empty and flagged for review. Anything else is left for validation."""
    if isinstance(example, str):
        return {"scenario": example, "outcome": "", "clause": None, "needs_review": True}
    return example


def _rule_v1_to_v2(rule: Any) -> Any:
    if isinstance(rule, dict) and isinstance(rule.get("examples"), list):
        rule["examples"] = [example_from_v1(e) for e in rule["examples"]]
    return rule


def _tables_v1_to_v2(tables: Tables) -> Tables:
    """Version 2: examples are scenario -> outcome pairs tied to a clause."""
    rules = tables.get("rules")
    if isinstance(rules, dict):
        for rule in rules.values():
            _rule_v1_to_v2(rule)
    return tables


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {1: _tables_v1_to_v2}


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


def _export_v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    rules = doc.get("rules")
    if isinstance(rules, list):
        for rule in rules:
            _rule_v1_to_v2(rule)
    return doc


EXPORT_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _export_v1_to_v2}


def upgrade_export(doc: dict[str, Any]) -> dict[str, Any]:
    """An export document of an older schema version, upgraded in place to the current one.

    A version this tacit does not know (newer, or not a number) is left alone for
    the schema check to refuse with its location.
    """
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        return doc
    while version in EXPORT_MIGRATIONS:
        doc = EXPORT_MIGRATIONS[version](doc)
        version += 1
        doc["schema_version"] = version
    return doc
