"""The per-session cache: a one-session read skips the whole file, and is never stale."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from support.rulebook import SESSION_ID, ZIP_RULE, save_rulebook

from tacit.models.domain import Rule, Session
from tacit.models.export import document_from_tables, export_document
from tacit.models.repository import Store
from tacit.models.session_cache import (
    cache_dir,
    cached_session,
    database_revision,
    rebuild,
    tables_of,
)


def filled(db_path: Path) -> Store:
    store = Store(db_path)
    save_rulebook(store)
    store.save(Session(title="Another call"))
    return store


def cached_document(db_path: Path, key: str) -> dict[str, object] | None:
    hit = cached_session(db_path, key)
    return None if hit is None else document_from_tables(tables_of(hit[1]), hit[0], True)


def test_a_current_cache_gives_the_same_document_as_the_database(db_path: Path) -> None:
    store = filled(db_path)
    assert cached_session(db_path, SESSION_ID) is None  # nothing cached yet
    assert rebuild(db_path, store.storage.read() or {}, database_revision(db_path))
    expected = export_document(store, SESSION_ID, include_drafts=True)
    assert cached_document(db_path, SESSION_ID) == expected
    assert cached_document(db_path, SESSION_ID[:12]) == expected  # a unique prefix
    directory = cache_dir(db_path)
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in directory.iterdir()} == {0o600}


def test_any_write_to_the_database_makes_the_cache_miss(db_path: Path) -> None:
    store = filled(db_path)
    rebuild(db_path, store.storage.read() or {}, database_revision(db_path))
    store.update(Rule, ZIP_RULE, lambda rule: setattr(rule, "owner", "Priya"))
    assert cached_session(db_path, SESSION_ID) is None


def test_a_planted_symlink_or_an_open_directory_disables_the_cache(
    db_path: Path, tmp_path: Path
) -> None:
    store = filled(db_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    cache_dir(db_path).symlink_to(elsewhere)
    assert not rebuild(db_path, store.storage.read() or {}, database_revision(db_path))
    assert list(elsewhere.iterdir()) == []
    assert cached_session(db_path, SESSION_ID) is None
    cache_dir(db_path).unlink()
    rebuild(db_path, store.storage.read() or {}, database_revision(db_path))
    os.chmod(cache_dir(db_path), 0o777)
    assert cached_session(db_path, SESSION_ID) is None
