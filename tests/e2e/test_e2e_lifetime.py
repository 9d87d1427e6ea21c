"""tacit never outlives its terminal: a killed tmux server ends every tacit process.

Before the fix about one launch in six stayed running for ever when the server
was killed right after the first frame: Textual's shutdown blocked writing to
the terminal that was gone. Each launch here runs in a tmux server of its own,
killed during start-up or right after the first frame; the pid is checked after.
"""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path

import pytest
from support.pair_tmux import TACIT, Tmux
from support.waiting import wait_until

from tacit.models.domain import Session
from tacit.models.repository import Store

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

# seconds after launch; None = right after the first frame (the case that used to hang)
KILL_AFTER = [None, None, None, None, None, None, 0.0, 0.2, 0.5, 1.0]


def _ended(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"  # exited, not yet reaped


@pytest.mark.parametrize("kill_after", KILL_AFTER)
def test_killing_the_tmux_server_ends_tacit(tmp_path: Path, kill_after: float | None) -> None:
    db = tmp_path / "tacit.json"
    session = Session(title="Lifetime")
    Store(db).save(session)
    server = Tmux(f"tacit-life-{uuid.uuid4().hex[:10]}")
    try:
        command = ["sh", "-c", 'exec "$@"', "tacit", *TACIT, "--session", session.id]
        server.start("app", [*command, "--db", str(db), "--offline"], 80, 24)
        pid = int(server.run("list-panes", "-t", "app", "-F", "#{pane_pid}").strip())
        if kill_after is None:
            server.wait_text("app", "Narrative")
        else:
            time.sleep(kill_after)  # a hang-up at this moment of start-up is the scenario
    finally:
        server.kill_server()
    took = wait_until(lambda: _ended(pid), f"tacit (pid {pid}) to end", seconds=15)
    print(f"ended {took:.2f}s after the server was killed")
