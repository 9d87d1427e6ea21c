"""The export document a command works on: one session's from the per-session cache
when it is current, else from the database (which then refreshes the cache)."""

from __future__ import annotations

import argparse
from typing import Any

from tacit.cli.commands.common import (
    CommandError,
    db_path,
    open_store,
    resolve_session,
)
from tacit.models.exit_codes import EXIT_DAMAGED


def export_document_for(args: argparse.Namespace, include_drafts: bool = False) -> dict[str, Any]:
    """The document for --session ID (id, unique prefix or short id), or for every session."""
    from tacit.models.export import document_from_tables, export_document
    from tacit.models.session_cache import cached_session, database_revision, rebuild, tables_of

    path = db_path(args)
    if args.session:
        hit = cached_session(path, args.session)
        if hit is not None:
            damaged: dict[str, str] = {}
            doc = document_from_tables(tables_of(hit[1]), hit[0], include_drafts, damaged)
            _refuse_damaged(damaged)
            return doc
    before = database_revision(path)
    store = open_store(args, create=False)
    try:
        session_id: str | None = None
        if args.session:
            session_id = resolve_session(store, args.session).id
        tables = store.storage.read() or {}
        if args.session and before is not None and database_revision(path) == before:
            rebuild(path, tables, before)  # the next one-session read skips the full parse
        doc = export_document(store, session_id, include_drafts=include_drafts)
        _refuse_damaged(store.damaged)
        return doc
    finally:
        store.close()


def _refuse_damaged(damaged: dict[str, str]) -> None:
    """A damaged record stops the export in one line: a partial export would look whole."""
    if damaged:
        first = next(iter(sorted(damaged.values())))
        more = len(damaged) - 1
        others = f" (and {more} more: see tacit sessions)" if more else ""
        raise CommandError(
            f"{first}{others}; nothing was exported (fix or remove the record)", EXIT_DAMAGED
        )
