"""The store's storage in one process: damage, privacy, caching, locking, atomic commits."""

from __future__ import annotations

import errno
import os
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import orjson
import pytest

from tacit.models import storage as storage_module
from tacit.models.db_write import move_aside
from tacit.models.domain import Example, Rule, Session
from tacit.models.repository import Store
from tacit.models.storage import (
    AtomicJSONStorage,
    DatabaseDamaged,
    DatabaseError,
    lock_path_for,
)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = Store(db_path)
    yield opened
    opened.close()


@pytest.fixture
def session(store: Store) -> Session:
    made = Session(title="storage")
    store.save(made)
    return made


def forbid_opening(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make any attempt by the storage to open the database file fail the test."""
    real_open = os.open

    def guarded(file: Any, *args: Any, **kwargs: Any) -> int:
        if Path(file) == path:
            raise AssertionError(f"the storage opened {path}")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)


# damage ------------------------------------------------------------------------

VALID = orjson.dumps({"_meta": {"schema": {"schema_version": 1}}, "rules": {"a": {"x": 1}}})
DAMAGED: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "empty"),
    "blank": (b" \n\t", "empty"),
    "truncated": (VALID[: len(VALID) // 2], "truncated"),
    "garbage": (b"\x00\xffnot json at all", "not valid JSON"),
    "list at top": (b'[{"rules": {}}]', "JSON list"),
    "table not an object": (b'{"rules": [1, 2]}', "'rules' is not a JSON object"),
    "document not an object": (b'{"rules": {"a": "text"}}', "document 'a'"),
}


@pytest.mark.parametrize("name", DAMAGED)
def test_damaged_file_is_reported_in_one_line_and_never_overwritten(
    db_path: Path, name: str
) -> None:
    content, reason = DAMAGED[name]
    db_path.write_bytes(content)

    with pytest.raises(DatabaseDamaged) as raised:
        Store(db_path)
    message = str(raised.value)
    assert "\n" not in message and reason in message and str(db_path) in message

    storage = AtomicJSONStorage(db_path)
    with pytest.raises(DatabaseDamaged):
        storage.write({"rules": {}})  # not even a direct write replaces it
    storage.close()
    assert db_path.read_bytes() == content
    assert [p.name for p in db_path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_damage_appearing_under_an_open_store_is_reported_not_overwritten(
    store: Store, session: Session, db_path: Path
) -> None:
    db_path.write_bytes(b'{"sessions": {"x": {"id": ')  # another program breaks the file
    with pytest.raises(DatabaseDamaged, match="truncated"):
        store.save(Session(title="after the damage"))
    with pytest.raises(DatabaseDamaged):
        store.sessions()
    assert db_path.read_bytes() == b'{"sessions": {"x": {"id": '


def test_move_aside_keeps_the_damaged_bytes_and_frees_the_path(db_path: Path) -> None:
    db_path.write_bytes(b"garbage")
    moved = move_aside(db_path)
    assert moved.name.startswith("tacit.json.damaged-") and moved.read_bytes() == b"garbage"
    with closing(Store(db_path)) as fresh:
        assert fresh.sessions() == []
    assert move_aside(db_path) != moved  # a second recovery never clobbers the first


# privacy -----------------------------------------------------------------------


def test_database_lock_and_temp_files_are_0600_under_a_permissive_umask(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp_modes: list[int] = []
    real_replace = os.replace

    def spying_replace(source: Any, target: Any) -> None:
        temp_modes.append(mode_of(Path(source)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spying_replace)
    previous = os.umask(0)
    try:
        with closing(Store(db_path)) as store:
            store.save(Session(title="private"))
    finally:
        os.umask(previous)
    assert temp_modes and set(temp_modes) == {0o600}
    assert mode_of(db_path) == 0o600
    assert mode_of(lock_path_for(db_path)) == 0o600


def test_a_world_readable_database_becomes_private_on_the_next_write(db_path: Path) -> None:
    with closing(Store(db_path)) as store:
        store.save(Session(title="one"))
        db_path.chmod(0o644)
        store.save(Session(title="two"))
    assert mode_of(db_path) == 0o600


# caching and change detection --------------------------------------------------


def test_reads_come_from_memory_when_nobody_else_wrote(
    store: Store, session: Session, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(Rule(session_id=session.id, statement="cached"))
    reads_before = store.storage.disk_reads
    forbid_opening(monkeypatch, db_path)
    for _ in range(3):
        assert [r.statement for r in store.rules(session.id)] == ["cached"]
        assert store.revision() == store.revision()
    assert store.storage.disk_reads == reads_before


def test_a_write_by_another_store_is_seen_by_queries_and_counts(
    store: Store, session: Session, db_path: Path
) -> None:
    assert store.rules(session.id) == []  # would sit in a TinyDB query cache
    before = store.revision()
    reads_before = store.storage.disk_reads
    with closing(Store(db_path)) as other:
        other.save(Rule(session_id=session.id, statement="from the other pane"))
    assert store.revision() != before
    assert [r.statement for r in store.rules(session.id)] == ["from the other pane"]
    assert store.counts()["rules"] == 1
    assert store.storage.disk_reads == reads_before + 1  # re-read once, then cached again


def test_a_change_stat_cannot_see_is_caught_by_the_generation_counter(
    store: Store, session: Session, db_path: Path
) -> None:
    """Same inode, same size, same mtime: only the lock file's generation tells."""
    before = db_path.stat()
    original = db_path.read_bytes()
    changed = original.replace(b'"storage"', b'"STORAGE"')
    assert len(changed) == len(original) and changed != original
    assert [s.title for s in store.sessions()] == ["storage"]

    with open(db_path, "r+b") as handle:  # in place, then hide it from stat
        handle.write(changed)
    os.utime(db_path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert [s.title for s in store.sessions()] == ["storage"]  # indistinguishable by stat

    lock_fd = os.open(lock_path_for(db_path), os.O_RDWR)
    try:
        storage_module._bump_generation(lock_fd)  # what every tacit writer does
    finally:
        os.close(lock_fd)
    assert [s.title for s in store.sessions()] == ["STORAGE"]


def test_a_writer_dying_between_rename_and_generation_bump_is_still_noticed(
    store: Store, session: Session, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert [s.title for s in store.sessions()] == ["storage"]
    generation = store.storage.revision()[0]

    def killed(lock_fd: int) -> int:
        raise SystemExit("killed right after os.replace")

    with closing(Store(db_path)) as other:
        monkeypatch.setattr(storage_module, "_bump_generation", killed)
        with pytest.raises(SystemExit):
            other.save(Session(title="renamed, never counted"))
        monkeypatch.undo()
    assert store.storage.revision()[0] == generation  # the counter never moved
    assert sorted(s.title for s in store.sessions()) == ["renamed, never counted", "storage"]


def test_records_read_from_the_cache_can_be_changed_without_changing_the_store(
    store: Store, session: Session
) -> None:
    rule = Rule(session_id=session.id, statement="s", examples=[Example("one")])
    store.save(rule)
    loaded = store.get(Rule, rule.id)
    assert loaded is not None
    loaded.examples.append(Example("never saved"))
    for listed in store.rules(session.id):
        listed.examples.append(Example("never saved either"))
    again = store.get(Rule, rule.id)
    assert again is not None and again.examples == [Example("one")]


# atomic commits and transactions ----------------------------------------------


def test_leftover_temp_files_are_never_read_and_are_swept_on_open(db_path: Path) -> None:
    with closing(Store(db_path)) as store:
        store.save(Session(title="real"))
    leftovers = [
        db_path.with_name(f".{db_path.name}.4242.deadbeef.tmp"),
        db_path.with_name(f".{db_path.name}.4243.cafe.tmp"),
    ]
    leftovers[0].write_bytes(orjson.dumps({"sessions": {}}))  # complete but stale
    leftovers[1].write_bytes(b'{"sessions": {"x"')  # a writer killed mid-write
    with closing(Store(db_path)) as store:
        assert [s.title for s in store.sessions()] == ["real"]
    assert not any(path.exists() for path in leftovers)


def test_the_sweep_spares_temp_files_of_other_databases(db_path: Path) -> None:
    other = db_path.with_name(f".{db_path.name}.bak.json.4242.deadbeef.tmp")
    other.write_bytes(b"another database's write in progress")
    with closing(Store(db_path)):
        pass
    assert other.exists()


def test_an_unlocked_write_overtaken_by_another_process_is_refused(
    store: Store, session: Session, db_path: Path
) -> None:
    stale = AtomicJSONStorage(db_path)
    tables = stale.read()
    assert tables is not None
    store.save(Session(title="written meanwhile"))
    written = db_path.read_bytes()
    tables["sessions"] = {}
    with pytest.raises(DatabaseError, match="changed the database after it was read"):
        stale.write(tables)
    stale.close()
    assert db_path.read_bytes() == written


def test_a_failed_commit_leaves_the_file_and_the_cache_as_they_were(
    store: Store, session: Session, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = db_path.read_bytes()

    def disk_full(fd: int, data: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", disk_full)
    with pytest.raises(DatabaseError, match="No space left on device") as raised:
        store.save(Session(title="lost"))
    assert "\n" not in str(raised.value)
    monkeypatch.undo()
    assert db_path.read_bytes() == original
    assert [s.title for s in store.sessions()] == ["storage"]
    assert [p.name for p in db_path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_locked_block_that_raises_saves_nothing(
    store: Store, session: Session, db_path: Path
) -> None:
    original = db_path.read_bytes()
    with pytest.raises(RuntimeError), store.storage.locked():
        store.save(Session(title="half done"))
        raise RuntimeError("the change failed half way")
    assert db_path.read_bytes() == original
    assert [s.title for s in store.sessions()] == ["storage"]


def test_writes_inside_one_locked_block_are_committed_once(store: Store, session: Session) -> None:
    commits = store.storage.commits
    with store.storage.locked():
        for index in range(5):
            store.save(Rule(session_id=session.id, statement=f"rule {index}"))
    assert store.storage.commits == commits + 1
    assert len(store.rules(session.id)) == 5


# locking -------------------------------------------------------------------------


def append_example(text: str) -> Callable[[Rule], None]:
    def change(rule: Rule) -> None:
        rule.examples.append(Example(text))

    return change


def run_threads(count: int, target: Callable[[int], None]) -> None:
    errors: list[BaseException] = []

    def guarded(index: int) -> None:
        try:
            target(index)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=guarded, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


def test_threads_sharing_one_store_lose_no_update(store: Store, session: Session) -> None:
    rule = Rule(session_id=session.id, statement="shared")
    store.save(rule)

    def add_examples(index: int) -> None:
        for n in range(25):
            store.update(Rule, rule.id, append_example(f"{index}-{n}"))

    run_threads(4, add_examples)
    stored = store.get(Rule, rule.id)
    assert stored is not None
    assert sorted(e.scenario for e in stored.examples) == sorted(
        f"{i}-{n}" for i in range(4) for n in range(25)
    )


def test_two_stores_in_two_threads_exclude_each_other(
    db_path: Path, store: Store, session: Session
) -> None:
    rule = Rule(session_id=session.id, statement="two panes")
    store.save(rule)
    with closing(Store(db_path)) as other:
        stores = [store, other]

        def add_examples(index: int) -> None:
            for n in range(25):
                stores[index].update(Rule, rule.id, append_example(f"{index}-{n}"))

        run_threads(2, add_examples)
    stored = store.get(Rule, rule.id)
    assert stored is not None
    assert sorted(e.scenario for e in stored.examples) == sorted(
        f"{i}-{n}" for i in range(2) for n in range(25)
    )


def test_a_write_outside_locked_waits_for_the_lock(db_path: Path, store: Store) -> None:
    writer = AtomicJSONStorage(db_path)
    tables = writer.read()
    assert tables is not None
    tables["sessions"] = {}
    done = threading.Event()

    def write() -> None:
        writer.write(tables)
        done.set()

    with store.storage.locked():
        thread = threading.Thread(target=write)
        thread.start()
        assert not done.wait(timeout=0.3), "write() went ahead while another store held the lock"
    assert done.wait(timeout=30)
    thread.join()
    writer.close()
    assert orjson.loads(db_path.read_bytes())["sessions"] == {}


def test_locked_is_reentrant(store: Store) -> None:
    with store.storage.locked(), store.storage.locked():
        store.save(Session(title="nested"))
    assert [s.title for s in store.sessions()] == ["nested"]


def test_a_closed_storage_says_so_in_one_line(db_path: Path) -> None:
    storage = AtomicJSONStorage(db_path)
    storage.close()
    with pytest.raises(DatabaseError, match="closed"):
        storage.read()
