"""Two instances on one database: changes travel, concurrent edits are kept."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

from support.waiting import wait_until

from tacit.models.domain import Comment, Rule, Segment, Session
from tacit.models.merge import save_edit
from tacit.models.repository import Store
from tacit.tui.presence import Presence, presence_dir


def _session_with_rule(store: Store) -> tuple[Session, Rule]:
    session = Session(title="Lead routing")
    rule = Rule(session_id=session.id, statement="Route by zip code unless a primary owner exists")
    store.save_many([session, rule])
    return session, rule


def test_operator_acceptance_reaches_the_engineer_store(tmp_path: Path) -> None:
    engineer = Store(tmp_path / "tacit.json")
    operator = Store(tmp_path / "tacit.json")
    _, rule = _session_with_rule(engineer)
    engineer.update(Rule, rule.id, lambda r: r.accept("engineer"))
    seen = engineer.revision()

    operator.update(Rule, rule.id, lambda r: r.accept("operator"))

    wait_until(lambda: engineer.revision() != seen, "the revision to change")
    stored = engineer.get(Rule, rule.id)
    assert stored is not None
    assert stored.status == "accepted"
    assert stored.accepted_by_operator is not None
    assert stored.accepted_by_engineer is not None


def test_revision_is_stable_when_nobody_writes(tmp_path: Path) -> None:
    store = Store(tmp_path / "tacit.json")
    _session_with_rule(store)
    assert store.revision() == store.revision()
    other = Store(tmp_path / "tacit.json")
    before = store.revision()
    other.save(Segment(session_id="x", speaker="operator", text="we route by zip"))
    assert store.revision() != before


def _comment_many(db: str, rule_id: str, role: str, count: int) -> None:
    store = Store(db)
    for n in range(count):
        note = f"{role} note {n}"

        def comment(rule: Rule, note: str = note) -> None:
            rule.send_back(role, note)

        store.update(Rule, rule_id, comment)
        store.save(Segment(session_id="s", speaker=role, text=f"{role} says {n}"))
    store.close()


def test_concurrent_edits_from_two_processes_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "tacit.json"
    store = Store(db)
    _, rule = _session_with_rule(store)
    count = 15
    ctx = multiprocessing.get_context("spawn")
    workers = [
        ctx.Process(target=_comment_many, args=(str(db), rule.id, role, count))
        for role in ("operator", "engineer")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0

    stored = store.get(Rule, rule.id)
    assert stored is not None
    texts = sorted(c.text for c in stored.comments)
    expected = sorted(f"{role} note {n}" for role in ("operator", "engineer") for n in range(count))
    assert texts == expected
    said = sorted(s.text for s in store.segments("s"))
    roles = ("operator", "engineer")
    assert said == sorted(f"{role} says {n}" for role in roles for n in range(count))


def test_presence_sees_the_other_role_and_forgets_it_on_leave(tmp_path: Path) -> None:
    db = tmp_path / "tacit.json"
    engineer = Presence(db, "engineer")
    operator = Presence(db, "operator")
    assert not engineer.other_connected()

    operator.beat()
    assert engineer.other_connected()
    heartbeat = presence_dir(db) / "operator"
    assert heartbeat.stat().st_mode & 0o777 == 0o600

    operator.leave()
    assert not engineer.other_connected()
    assert not heartbeat.exists()


def test_presence_ignores_a_dead_process_and_a_stale_heartbeat(tmp_path: Path) -> None:
    db = tmp_path / "tacit.json"
    operator = Presence(db, "operator")
    operator.beat()
    heartbeat = presence_dir(db) / "operator"
    content = heartbeat.read_text().replace(str(os.getpid()), "999999999")
    heartbeat.write_text(content)
    assert not Presence(db, "engineer").other_connected()

    operator.beat()
    old = time.time() - 60
    os.utime(heartbeat, (old, old))
    assert not Presence(db, "engineer").other_connected()


def test_a_heartbeat_file_someone_else_changed_is_written_again_on_the_next_beat(
    tmp_path: Path,
) -> None:
    db = tmp_path / "tacit.json"
    operator = Presence(db, "operator")
    operator.beat()
    heartbeat = presence_dir(db) / "operator"
    operator.beat()  # unchanged since: refreshed
    assert str(os.getpid()) in heartbeat.read_text()
    heartbeat.write_text(heartbeat.read_text().replace(str(os.getpid()), "999999999"))
    assert not Presence(db, "engineer").other_connected()
    operator.beat()
    assert str(os.getpid()) in heartbeat.read_text()
    assert Presence(db, "engineer").other_connected()


def _copy(rule: Rule) -> Rule:
    return Rule.from_dict(rule.to_dict())


def test_engineer_edit_saved_after_operator_acceptance_keeps_both(tmp_path: Path) -> None:
    engineer, operator = Store(tmp_path / "tacit.json"), Store(tmp_path / "tacit.json")
    _, rule = _session_with_rule(engineer)
    opened = _copy(rule)  # the engineer opens the rule in the editor
    edited = _copy(opened)
    edited.then = "assign to the owner's team"
    edited.accept("engineer")

    operator.update(Rule, rule.id, lambda r: r.accept("operator"))  # meanwhile
    save_edit(engineer, opened, edited)

    stored = operator.get(Rule, rule.id)
    assert stored is not None
    assert stored.then == "assign to the owner's team"
    # the operator accepted the old words: the edit re-opens theirs; the engineer's is of the new
    assert stored.accepted_by_operator is None and stored.accepted_by_engineer is not None
    assert stored.status == "draft"


def test_engineer_edit_of_other_fields_after_operator_acceptance_keeps_both(
    tmp_path: Path,
) -> None:
    engineer, operator = Store(tmp_path / "tacit.json"), Store(tmp_path / "tacit.json")
    _, rule = _session_with_rule(engineer)
    opened = _copy(rule)
    edited = _copy(opened)
    edited.owner = "Janet"
    edited.accept("engineer")

    operator.update(Rule, rule.id, lambda r: r.accept("operator"))  # meanwhile
    save_edit(engineer, opened, edited)

    stored = operator.get(Rule, rule.id)
    assert stored is not None and stored.owner == "Janet"
    assert stored.accepted_by_operator is not None and stored.accepted_by_engineer is not None
    assert stored.status == "accepted"


def test_send_back_during_an_engineer_edit_keeps_the_comment_and_withdrawal(
    tmp_path: Path,
) -> None:
    engineer, operator = Store(tmp_path / "tacit.json"), Store(tmp_path / "tacit.json")
    _, rule = _session_with_rule(engineer)
    operator.update(Rule, rule.id, lambda r: r.accept("operator"))
    opened = engineer.get(Rule, rule.id)
    assert opened is not None
    edited = _copy(opened)
    edited.statement = "Route by zip code unless a primary owner exists"
    edited.comments.append(Comment(role="engineer", text="added the owner exception"))

    operator.update(Rule, rule.id, lambda r: r.send_back("operator", "VIPs never move"))
    save_edit(engineer, opened, edited)

    stored = engineer.get(Rule, rule.id)
    assert stored is not None
    assert stored.statement == "Route by zip code unless a primary owner exists"
    assert stored.accepted_by_operator is None
    assert stored.status == "draft"
    assert sorted(c.text for c in stored.comments) == [
        "VIPs never move",
        "added the owner exception",
    ]


def test_save_edit_inserts_a_rule_not_stored_yet(tmp_path: Path) -> None:
    store = Store(tmp_path / "tacit.json")
    fresh = Rule(session_id="s", statement="Escalate refunds over 500 to Finance")
    save_edit(store, _copy(fresh), fresh)
    assert [r.statement for r in store.rules("s")] == ["Escalate refunds over 500 to Finance"]
