"""The app's writer under a stalled lock holder: says so, keeps changes, quits in bounded time."""

from __future__ import annotations

import threading
from pathlib import Path

from support.stalled_lock import release, stalled_lock_holder

from tacit.models.domain import Segment, Session
from tacit.models.importer import import_file
from tacit.models.repository import Store
from tacit.tui.store_writer import StoreWriter

HANG_GUARD_S = 60.0


def session_db(path: Path) -> Session:
    store = Store(path)
    session = Session(title="Dispatch")
    store.save(session)
    store.close()
    return session


def test_changes_wait_for_the_lock_and_are_saved_when_it_is_free(tmp_path: Path) -> None:
    db = tmp_path / "t.json"
    session = session_db(db)
    store = Store(db, lock_timeout=1.0)
    notices: list[str] = []
    kept = threading.Event()

    def notice(text: str) -> None:
        notices.append(text)
        if "kept" in text:
            kept.set()

    writer = StoreWriter(store, notice)
    segment = Segment(session_id=session.id, speaker="operator", text="the tech is late")
    with stalled_lock_holder(db) as holder:
        writer.save(segment)
        assert kept.wait(HANG_GUARD_S), notices
        assert any("waiting" in n for n in notices), notices
        assert segment.id in writer.pending()
        release(holder)
        assert writer.close(timeout=HANG_GUARD_S)
    store.close()
    reader = Store(db)
    assert [s.text for s in reader.segments(session.id)] == ["the tech is late"]
    reader.close()


def test_quitting_while_locked_is_bounded_and_the_changes_go_to_a_file(tmp_path: Path) -> None:
    db = tmp_path / "t.json"
    session = session_db(db)
    store = Store(db, lock_timeout=30.0)
    writer = StoreWriter(store, lambda text: None)
    segment = Segment(session_id=session.id, speaker="operator", text="typed during the stall")
    with stalled_lock_holder(db):
        writer.save(segment)
        assert not writer.close(timeout=0.5)
        saved_to = writer.save_pending_elsewhere()
    store.close()
    assert saved_to is not None and saved_to.parent == db.parent
    assert oct(saved_to.stat().st_mode & 0o777) == oct(0o600)
    target = Store(db)
    import_file(target, saved_to)
    assert [s.text for s in target.segments(session.id)] == ["typed during the stall"]
    target.close()
