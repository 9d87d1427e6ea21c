"""The database watch wakes on another process's write and ignores unrelated files."""

from __future__ import annotations

import select
import subprocess
import sys
from pathlib import Path

import pytest

from tacit.models.repository import Store
from tacit.models.storage import lock_path_for
from tacit.models.watch import DirectoryWatch

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux")


def readable(watch: DirectoryWatch, timeout: float) -> bool:
    return bool(select.select([watch.fileno()], [], [], timeout)[0])


def test_a_write_from_another_process_wakes_the_watch(tmp_path: Path) -> None:
    db = tmp_path / "tacit.json"
    store = Store(db)
    watch = DirectoryWatch.open(tmp_path, [db.name, lock_path_for(db).name])
    assert watch is not None
    try:
        assert not readable(watch, 0.05) and not watch.changed()  # idle: nothing to read
        (tmp_path / "notes.txt").write_text("unrelated", encoding="utf-8")
        assert readable(watch, 5.0) and not watch.changed()  # woken, but not for the db
        writer = (
            "import sys; from tacit.models.repository import Store;"
            "from tacit.models.domain import Session;"
            "Store(sys.argv[1]).save(Session(title='From elsewhere'))"
        )
        subprocess.run([sys.executable, "-c", writer, str(db)], check=True, timeout=60)
        assert readable(watch, 5.0) and watch.changed()
        assert [s.title for s in store.sessions()] == ["From elsewhere"]
    finally:
        watch.close()
        store.close()


def test_no_watch_on_a_missing_directory(tmp_path: Path) -> None:
    assert DirectoryWatch.open(tmp_path / "gone", ["tacit.json"]) is None
