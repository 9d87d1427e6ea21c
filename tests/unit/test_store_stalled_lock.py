"""A writer stopped (SIGSTOP) while holding the lock: reads go on, writers say so and give up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from tacit.models.domain import Session
from tacit.models.repository import Store
from tacit.models.storage import DatabaseLocked

from .test_store_processes import expect_line, start_worker

ROOT = Path(__file__).resolve().parents[2]
HANG_GUARD_S = 60.0  # a hang fails the test instead of blocking the suite
T = TypeVar("T")


def run_bounded(call: Callable[[], T]) -> T:
    """Run call in a thread; fail (instead of hanging) if it never returns."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = call()
        except BaseException as error:  # handed back to the test
            box["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(HANG_GUARD_S)
    if thread.is_alive():
        pytest.fail("blocked on the stalled lock holder")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


@pytest.fixture
def stalled_db(tmp_path: Path) -> Iterator[tuple[Path, Session]]:
    """A database whose writer lock is held by a SIGSTOPped process."""
    db = tmp_path / "t.json"
    store = Store(db)
    session = Session(title="Dispatch")
    store.save(session)
    store.close()
    holder = start_worker("hold", str(db))
    try:
        expect_line(holder, "locked")
        os.kill(holder.pid, signal.SIGSTOP)
        yield db, session
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        os.kill(holder.pid, signal.SIGCONT)
        holder.communicate()


def test_reads_never_wait_for_a_stalled_writer(stalled_db: tuple[Path, Session]) -> None:
    db, session = stalled_db

    def read() -> list[str]:
        store = Store(db, create=False)
        try:
            return [s.id for s in store.sessions()]
        finally:
            store.close()

    assert run_bounded(read) == [session.id]


def test_a_waiting_writer_says_so_then_gives_up_and_saves_nothing(
    stalled_db: tuple[Path, Session],
) -> None:
    db, session = stalled_db
    notices: list[str] = []
    store = Store(db, create=False, lock_timeout=2.0, on_lock_wait=notices.append)
    try:
        with pytest.raises(DatabaseLocked) as caught:
            run_bounded(lambda: store.save(Session(title="Blocked")))
        assert len(notices) == 1
        assert "waiting" in notices[0] and "lock" in notices[0]
        message = str(caught.value)
        assert "\n" not in message and "locked" in message and "nothing was saved" in message
        assert [s.id for s in store.sessions()] == [session.id]
    finally:
        store.close()


def tacit(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tacit.cli.main", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=HANG_GUARD_S,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def test_export_sessions_and_doctor_do_not_block(stalled_db: tuple[Path, Session]) -> None:
    db, session = stalled_db
    listed = tacit("sessions", "--db", str(db))
    assert listed.returncode == 0 and listed.stdout.startswith(session.id), listed.stderr
    exported = tacit("export", "--db", str(db), "--include-drafts")
    assert exported.returncode == 0 and session.id in exported.stdout, exported.stderr
    doctor = tacit("doctor", "--db", str(db), "--offline")
    assert "opens" in doctor.stdout, doctor.stdout + doctor.stderr


def test_import_waits_visibly_then_fails_in_one_line(
    stalled_db: tuple[Path, Session], tmp_path: Path
) -> None:
    db, _ = stalled_db
    other = tmp_path / "other.json"
    store = Store(other)
    store.save(Session(title="Imported"))
    store.close()
    exported = tmp_path / "all.json"
    assert tacit("export", "--db", str(other), "-o", str(exported)).returncode == 0
    result = tacit("import", "--db", str(db), str(exported), env={"TACIT_LOCK_TIMEOUT": "2"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr
    assert "waiting" in lines[0]
    assert "locked" in lines[1] and "nothing was saved" in lines[1]


def test_a_waiting_writer_thread_never_blocks_reads_in_its_own_process(
    stalled_db: tuple[Path, Session],
) -> None:
    db, session = stalled_db
    waiting = threading.Event()
    store = Store(db, create=False, lock_timeout=3.0, on_lock_wait=lambda _: waiting.set())
    writer = threading.Thread(target=lambda: _save_ignoring_lock(store), daemon=True)
    writer.start()
    try:
        assert waiting.wait(HANG_GUARD_S), "the writer never reported waiting"
        assert run_bounded(lambda: [s.id for s in store.sessions()]) == [session.id]
    finally:
        writer.join(HANG_GUARD_S)
        store.close()


def _save_ignoring_lock(store: Store) -> None:
    with pytest.raises(DatabaseLocked):
        store.save(Session(title="Blocked"))
