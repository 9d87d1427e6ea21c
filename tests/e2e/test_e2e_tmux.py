"""The real `tacit` in tmux: new session, narrative, question -> accepted rule -> export.

Drives the installed console script through a private tmux server (its own -L
socket) with a temporary database and config dir, polling `capture-pane` with
a deadline after every step, never sleeping a fixed time.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.waiting import wait_until

from tacit.models.repository import Store

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

NARRATIVE = "We route tickets by zip code and try to balance load; Janet takes the big ones."
ANSWER = "Key accounts stay with the owner's team unless she is out a week, then the backup"


def tacit_command() -> list[str]:
    """The venv's console script next to this Python, else `python -m tacit.cli.main`."""
    script = Path(sys.executable).with_name("tacit")
    if script.exists():
        return [str(script)]
    found = shutil.which("tacit")
    return [found] if found else [sys.executable, "-m", "tacit.cli.main"]


class Tmux:
    """A private tmux server with one 100x30 window."""

    def __init__(self, socket: str, config: Path) -> None:
        self.socket = socket
        self.config = config
        self.env: list[str] = []  # NAME=value settings every window's tacit runs with

    def run(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
        return result.stdout

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "e2e:0", *keys)

    def wait_in(self, target: str, text: str, keys: tuple[str, ...] = ()) -> None:
        """Press keys in another window until it shows text (the window may still be starting)."""

        def shown() -> bool:
            if text in self.run("capture-pane", "-p", "-t", target):
                return True
            if keys:
                self.run("send-keys", "-t", target, *keys)
            return False

        wait_until(shown, f"{text!r} in {target}")

    def text(self, text: str) -> None:
        self.run("send-keys", "-t", "e2e:0", "-l", text)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "e2e:0")

    def wait(self, condition: Callable[[str], bool], what: str) -> str:
        shown = [""]

        def holds() -> bool:
            shown[0] = self.screen()
            return condition(shown[0])

        try:
            wait_until(holds, what)
        except AssertionError as error:
            size = self.run("display", "-p", "-t", "e2e", "#{window_width}x#{window_height}")
            raise AssertionError(f"{error}; {size.strip()} screen:\n{shown[0]}") from None
        return shown[0]

    def wait_text(self, *needles: str) -> str:
        return self.wait(lambda shown: all(n in shown for n in needles), " + ".join(needles))

    def line_with(self, label: str) -> str:
        """The plain line holding label ('' when it is not shown)."""
        shown = self.run("capture-pane", "-p", "-t", "e2e:0")
        return next((line for line in shown.splitlines() if label in line), "")

    def tick(self, role: str) -> None:
        """Tick '<Role> accepts' in the rule editor through the command palette; the box
        shows its state by glyph (▐ ▌ unticked, ▐X▌ ticked), as a monochrome terminal reads it."""
        label = f"{role.capitalize()} accepts"
        assert "▐ ▌ " + label in self.line_with(label), f"{label!r} is not on screen unticked"
        self.keys("C-p")
        self.wait_text("Search for commands")
        command = f"Toggle {role} acceptance"
        self.text(command)
        self.wait(lambda shown: shown.count(command) >= 2, f"the palette offering {command!r}")
        self.keys("Enter")
        self.wait(lambda shown: "▐X▌ " + label in shown, f"{label} ticked")


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    config = tmp_path / "tmux.conf"
    config.write_text(
        "set -g default-size 100x30\nset -g escape-time 0\nset -g remain-on-exit on\n",
        encoding="utf-8",
    )
    server = Tmux(f"tacit-e2e-{os.getpid()}-{tmp_path.name}", config)
    env = {
        "TACIT_DB": str(tmp_path / "tacit.json"),
        "TACIT_CONFIG_DIR": str(tmp_path / "config"),
        "TACIT_DATA_DIR": str(tmp_path / "data"),
        "TERM": "xterm-256color",
    }
    server.env = [f"{k}={v}" for k, v in env.items()]
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    # COLUMNS/LINES leak from the test runner and would override the pane's real size.
    unset = "-u COLUMNS -u LINES"
    rc_file = shlex.quote(str(tmp_path / "exit-code"))
    command = (
        f"cd {shlex.quote(str(tmp_path))} && env {unset} {exports} "
        f"{shlex.join(tacit_command())}; echo $? > {rc_file}"
    )
    server.run("new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", command)
    server.run("resize-window", "-t", "e2e", "-x", "100", "-y", "30")
    try:
        yield server
    finally:
        socket = server.run("display", "-p", "#{socket_path}").strip()
        subprocess.run(["tmux", "-L", server.socket, "kill-server"], capture_output=True)
        if socket:
            Path(socket).unlink(missing_ok=True)  # tmux leaves the socket file behind


def test_from_narrative_to_exported_accepted_rule(tmux: Tmux, tmp_path: Path) -> None:
    tmux.wait_text("New session", "Title")
    tmux.text("Dispatch e2e")
    tmux.keys("Enter")
    tmux.wait_text("Narrative", "Questions", "Dispatch e2e")

    tmux.text(NARRATIVE)
    tmux.keys("Enter")
    tmux.wait_text("suggested", "Janet takes the big")  # the pane may wrap before "ones"

    tmux.keys("Tab")  # to the questions pane: its single keys show in the footer
    tmux.wait_text("Answer", "To rule")
    tmux.keys("r")
    tmux.wait_text("Record the answer")
    tmux.text(ANSWER)
    tmux.keys("Enter")
    tmux.wait_text("answered", "→ Key accounts")

    tmux.keys("u")
    tmux.wait_text("Statement", "Operator accepts", "Engineer accepts")
    tmux.tick("engineer")  # the operator's box is theirs: the engineer cannot tick it
    tmux.keys("C-s")
    tmux.wait_text("draft", "O· E✓")

    # the operator accepts in their own view, on the same database
    [session] = Store(tmp_path / "tacit.json").sessions()
    operator = [*tacit_command(), "--role", "operator", "--session", session.id]
    tmux.run("new-window", "-d", "-n", "operator", shlex.join(["env", *tmux.env, *operator]))
    tmux.wait_in("e2e:operator", "a Accept", keys=("F3",))
    tmux.run("send-keys", "-t", "e2e:operator", "a")
    tmux.wait_text("accepted O✓ E✓")
    tmux.run("kill-window", "-t", "e2e:operator")

    tmux.keys("C-e")
    tmux.wait_text("Export session")
    tmux.keys("C-s")  # the default path: ./tacit-<short id>.json in the working dir
    exported = _wait_for_file(tmp_path, "tacit-*.json")
    tmux.wait_text("Narrative")  # the dialog closed, the app is still running

    tmux.keys("C-q")
    exit_code = _wait_for_file(tmp_path, "exit-code")
    assert exit_code.read_text(encoding="utf-8").strip() == "0"

    document = json.loads(exported.read_text(encoding="utf-8"))
    rules = (
        list(document["rules"].values())
        if isinstance(document["rules"], dict)
        else document["rules"]
    )
    [rule] = rules
    assert rule["statement"].startswith("Key accounts stay with the owner's team")
    assert rule["status"] == "accepted"
    assert rule["accepted_by_operator"] and rule["accepted_by_engineer"]
    assert rule["unless"] and rule["unless"][0]["condition"]
    assert exported.stat().st_mode & 0o777 == 0o600


def _wait_for_file(folder: Path, pattern: str) -> Path:
    def written() -> bool:
        found = sorted(folder.glob(pattern))
        return bool(found) and found[0].stat().st_size > 0

    wait_until(written, f"{pattern} written in {folder}")
    return sorted(folder.glob(pattern))[0]
