"""`tacit check` as a build pipeline gates on it: findings on stdout, exit 0 or 1."""

from __future__ import annotations

from pathlib import Path

from support.rulebook import RETRY_DECISION, SESSION_ID, rulebook

from tacit.cli.demo import create_demo
from tacit.models.repository import Store

from .test_cli import one_line_error, tacit


def test_a_ready_session_exits_0(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    store = Store(db)
    store.save_many([r for r in rulebook() if r.id != RETRY_DECISION])
    store.close()
    result = tacit("check", "--db", str(db), "--session", SESSION_ID)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and "ready (2 accepted rules)" in result.stderr


def test_the_demo_is_not_ready_and_says_why_with_ids(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    store = Store(db)
    session = create_demo(store)
    decisions = store.decisions(session.id)
    store.close()
    result = tacit("check", "--db", str(db))
    assert result.returncode == 1
    undecided = next(d for d in decisions if not d.choice)
    assert f"decision-without-choice  {undecided.id}  " in result.stdout
    assert "not ready" in result.stderr


def test_an_unknown_session_is_one_line_and_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    Store(db).close()
    result = tacit("check", "--db", str(db), "--session", "ses_nope")
    assert result.returncode == 2 and "no session" in one_line_error(result)
