"""Links planted by someone else are never followed: lock file, database temp, export temp."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from tacit.models import storage as storage_module
from tacit.models.domain import Session
from tacit.models.export import write_private
from tacit.models.repository import Store
from tacit.models.storage import DatabaseError, lock_path_for

VICTIM_TEXT = b"precious data of someone else\n"


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_bytes(VICTIM_TEXT)
    return path


def test_a_symlinked_lock_file_is_refused_and_its_target_untouched(
    db_path: Path, victim: Path
) -> None:
    with closing(Store(db_path)) as store:
        store.save(Session(title="Dispatch"))
    lock = lock_path_for(db_path)
    lock.unlink()
    lock.symlink_to(victim)
    with pytest.raises(DatabaseError, match="symbolic link"):
        Store(db_path)
    assert victim.read_bytes() == VICTIM_TEXT


def test_a_link_planted_at_the_database_temp_name_is_never_followed(
    db_path: Path, victim: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(db_path)
    planted = b"\x01\x02\x03\x04"
    names: Iterator[bytes] = iter([planted, b"\x05\x06\x07\x08"])
    monkeypatch.setattr(storage_module.os, "urandom", lambda n: next(names))
    temp = db_path.with_name(f".{db_path.name}.{os.getpid()}.{planted.hex()}.tmp")
    temp.symlink_to(victim)
    try:
        store.save(Session(title="Dispatch"))
    finally:
        monkeypatch.undo()
        store.close()
    assert victim.read_bytes() == VICTIM_TEXT
    with closing(Store(db_path)) as again:
        assert [s.title for s in again.sessions()] == ["Dispatch"]


def test_export_never_follows_a_link_planted_at_a_temp_name(tmp_path: Path, victim: Path) -> None:
    out = tmp_path / "out.json"
    for name in (f".{out.name}.{os.getpid()}.tmp", f".{out.name}.tmp", f"{out.name}.tmp"):
        (tmp_path / name).symlink_to(victim)
    write_private(out, b'{"ok": true}\n')
    assert victim.read_bytes() == VICTIM_TEXT
    assert out.read_bytes() == b'{"ok": true}\n'
    assert not out.is_symlink() and oct(out.stat().st_mode & 0o777) == oct(0o600)
