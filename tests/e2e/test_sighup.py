"""A dropped connection (SIGHUP) or a closed pane: clean exit, nothing lost, reopens as it was."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
from pathlib import Path

import pytest
from support.pair_tmux import TACIT, Tmux, tmux
from support.waiting import wait_until

from tacit.models.domain import Rule, Segment, Session
from tacit.models.repository import Store
from tacit.tui.presence import presence_dir

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
__all__ = ["tmux"]


def _seed(db: Path) -> Session:
    store = Store(db)
    session = Session(title="Lead routing")
    store.save_many(
        [
            session,
            Segment(session_id=session.id, speaker="operator", text="We route leads by zip code."),
            Rule(session_id=session.id, statement="Route by zip code"),
        ]
    )
    store.close()
    return session


def _wrapped(role: str, session: Session, db: Path, rc_file: Path) -> list[str]:
    """tacit under a shell that survives the hang-up, so the exit code can be read."""
    tacit = shlex.join([*TACIT, "--role", role, "--session", session.id, "--db", str(db)])
    return ["sh", "-c", f"trap '' HUP; {tacit}; echo $? > {shlex.quote(str(rc_file))}"]


def _pid(db: Path, role: str) -> int:
    data = json.loads((presence_dir(db) / role).read_text())
    pid: int = data["pid"]
    return pid


def _started(tmux: Tmux, db: Path, role: str, marker: str) -> int:
    tmux.wait_text("app", marker)
    wait_until(lambda: (presence_dir(db) / role).exists(), "the presence heartbeat")
    return _pid(db, role)


@pytest.mark.parametrize("role", ["operator", "engineer"])
def test_sighup_exits_cleanly_and_keeps_everything(tmux: Tmux, tmp_path: Path, role: str) -> None:
    db = tmp_path / "tacit.json"
    session = _seed(db)
    rc_file = tmp_path / "rc"
    tmux.start("app", _wrapped(role, session, db, rc_file))
    marker = "operator view" if role == "operator" else "Questions"
    pid = _started(tmux, db, role, marker)
    tmux.type("app", "said before the drop")
    tmux.keys("app", "Enter")
    wait_until(lambda: len(Store(db).segments(session.id)) == 2, "the segment to be saved")
    tmux.type("app", "half-typed at drop")
    tmux.wait_text("app", "half-typed at drop")

    os.kill(pid, signal.SIGHUP)

    wait_until(lambda: rc_file.exists() and rc_file.read_text().strip() != "", "the exit code")
    assert rc_file.read_text().strip() == "129"
    assert "Traceback" not in tmux.screen("app")
    assert not (presence_dir(db) / role).exists()
    texts = [s.text for s in Store(db).segments(session.id)]
    assert texts[:2] == ["We route leads by zip code.", "said before the drop"]
    assert texts[2:] == ["half-typed at drop"]  # half-typed narrative is kept as a segment
    assert [r.statement for r in Store(db).rules(session.id)] == ["Route by zip code"]


def test_closed_pane_exits_cleanly_and_reopens_as_it_was(tmux: Tmux, tmp_path: Path) -> None:
    db = tmp_path / "tacit.json"
    session = _seed(db)
    rc_file = tmp_path / "rc"
    tmux.start("keep", ["sleep", "600"])
    tmux.window("keep:", "app", _wrapped("operator", session, db, rc_file))
    _started(tmux, db, "operator", "operator view")
    tmux.type("app", "typed before closing")
    tmux.wait_text("app", "typed before closing")

    tmux.run("kill-pane", "-t", "app")

    wait_until(lambda: rc_file.exists() and rc_file.read_text().strip() != "", "the exit code")
    assert rc_file.read_text().strip() == "129"
    assert not (presence_dir(db) / "operator").exists()

    reopened = tmp_path / "rc2"
    tmux.window("keep:", "again", _wrapped("operator", session, db, reopened))
    tmux.wait_text("again", "typed before closing")
    shown = tmux.screen("again")
    assert "We route leads by zip" in shown
    assert "Route by zip code" in shown
