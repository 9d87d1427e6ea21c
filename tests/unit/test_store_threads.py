"""The in-process threading rule: reads on any thread see committed data and never wait."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tacit.models.domain import Rule, Session
from tacit.models.repository import Store
from tacit.models.storage import lock_path_for

WAIT_S = 10.0


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = Store(db_path)
    yield opened
    opened.close()


def _read_in_thread(read: object) -> list[object]:
    """Run read() on another thread; fail if it does not return within WAIT_S."""
    results: list[object] = []
    reader = threading.Thread(target=lambda: results.append(read()), daemon=True)  # type: ignore[operator]
    reader.start()
    reader.join(WAIT_S)
    assert not reader.is_alive(), "a read waited for the writer"
    return results


def test_a_reader_thread_sees_only_committed_changes_while_a_write_is_open(store: Store) -> None:
    session = Session(title="threads")
    rule = Rule(session_id=session.id, statement="before")
    store.save_many([session, rule])
    inside, release = threading.Event(), threading.Event()

    def slow_edit(stored: Rule) -> None:
        stored.statement = "not committed yet"
        inside.set()
        release.wait(WAIT_S)

    writer = threading.Thread(target=lambda: store.update(Rule, rule.id, slow_edit))
    writer.start()
    try:
        assert inside.wait(WAIT_S)
        seen = _read_in_thread(lambda: [r.statement for r in store.rules(session.id)])
        assert seen == [["before"]]
    finally:
        release.set()
        writer.join(WAIT_S)
    assert [r.statement for r in store.rules(session.id)] == ["not committed yet"]


HOLD_LOCK = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
sys.stdin.readline()
"""


def test_reads_do_not_wait_while_a_writer_waits_for_another_process(
    store: Store, db_path: Path
) -> None:
    """Another process holds the file lock; our writer thread waits; a reader still answers."""
    session = Session(title="locked elsewhere")
    store.save(session)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(lock_path_for(db_path))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        writer = threading.Thread(target=lambda: store.save(Session(title="queued")), daemon=True)
        writer.start()
        seen = _read_in_thread(lambda: [s.title for s in store.sessions()])
        assert seen == [["locked elsewhere"]]
        assert writer.is_alive()  # the writer really was waiting for the lock
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(WAIT_S)
    writer.join(WAIT_S)
    assert sorted(s.title for s in store.sessions()) == ["locked elsewhere", "queued"]
