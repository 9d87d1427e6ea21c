"""In a real tmux, `tacit doctor`'s clipboard verdict agrees with what a copy in the app does.

For each `set-clipboard` setting (on, external, off) a private tmux server runs
the app with an attached client on a pty (standing in for the user's terminal).
A copy (`y` on a question) must reach tmux's buffer and the client's terminal as
an OSC 52 sequence exactly when the doctor, run in the same tmux, says it does.
"""

from __future__ import annotations

import contextlib
import os
import pty
import select
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.pair_tmux import socket_file

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

DEADLINE = 30.0


def tacit() -> str:
    script = Path(sys.executable).with_name("tacit")
    return shlex.quote(str(script)) if script.exists() else f"{sys.executable} -m tacit.cli.main"


class Server:
    """A private tmux server, an attached pty client, and what that client received."""

    def __init__(self, tmp: Path) -> None:
        self.socket = f"tacit-clip-{uuid.uuid4().hex[:8]}"
        self.tmp = tmp
        self.received = b""
        self.client_pid = 0
        self.client_fd = -1

    def tmux(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            input=stdin,
            timeout=10,
            check=False,
        )
        return done.stdout

    def start(self, mode: str) -> None:
        env = (
            f"env TACIT_DATA_DIR={shlex.quote(str(self.tmp / 'data'))} "
            f"TACIT_CONFIG_DIR={shlex.quote(str(self.tmp / 'config'))} TERM=xterm-256color"
        )
        self.tmux(
            "new-session", "-d", "-s", "c", "-x", "100", "-y", "30", f"{env} {tacit()} --demo"
        )
        self.tmux("set-option", "-g", "set-clipboard", mode)
        self.tmux("set-option", "-g", "remain-on-exit", "on")
        self.tmux("new-window", "-d", "-t", "c", "-n", "doctor", f"{env} {tacit()} doctor")
        pid, fd = pty.fork()
        if pid == 0:  # the user's terminal: a tmux client attached to the session
            os.environ["TERM"] = "xterm-256color"
            os.environ.pop("TMUX", None)
            os.execvp("tmux", ["tmux", "-L", self.socket, "-f", "/dev/null", "attach", "-t", "c"])
        self.client_pid, self.client_fd = pid, fd

    def read_client(self, until: bytes, timeout: float) -> bool:
        """Read what the client's terminal receives until `until` shows up or time runs out."""
        end = time.monotonic() + timeout
        while until not in self.received and time.monotonic() < end:
            ready, _, _ = select.select([self.client_fd], [], [], 0.1)
            if ready:
                try:
                    self.received += os.read(self.client_fd, 65536)
                except OSError:
                    break
        return until in self.received

    def wait_screen(self, target: str, needle: str) -> str:
        end = time.monotonic() + DEADLINE
        while True:
            self.read_client(b"\0never", 0.05)  # keep the client's pty drained
            screen = self.tmux("capture-pane", "-p", "-J", "-t", target)
            if needle in screen:
                return screen
            assert time.monotonic() < end, f"{needle!r} never shown in {target}:\n{screen}"

    def stop(self) -> None:
        self.tmux("kill-server")
        socket_file(self.socket).unlink(missing_ok=True)
        if self.client_pid:
            with contextlib.suppress(OSError):
                os.kill(self.client_pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(self.client_pid, 0)
            with contextlib.suppress(OSError):
                os.close(self.client_fd)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    started = Server(tmp_path)
    try:
        yield started
    finally:
        started.stop()


@pytest.mark.parametrize("mode", ["on", "external", "off"])
def test_doctor_verdict_matches_what_a_copy_does(server: Server, mode: str) -> None:
    server.start(mode)
    doctor = server.wait_screen("c:doctor", "clipboard:")
    [verdict] = [line for line in doctor.splitlines() if line.split()[1:2] == ["clipboard:"]]
    says_it_works = verdict.lstrip().lower().startswith("ok")

    server.wait_screen("c:0", "Questions")
    server.tmux("send-keys", "-t", "c:0", "Tab")  # focus the Questions pane
    server.wait_screen("c:0", "y Copy")  # its keys in the footer: the pane has focus
    server.tmux("send-keys", "-t", "c:0", "y")
    screen = server.wait_screen("c:0", "Copied")
    reached_terminal = server.read_client(b"\x1b]52;", 5.0)
    in_buffer = server.tmux("show-buffer").strip()

    assert says_it_works == reached_terminal, (verdict, screen.splitlines()[-3:])
    assert in_buffer, "the copy never reached tmux's paste buffer"
    assert says_it_works, verdict  # tmux >= 3.2: load-buffer -w reaches the terminal in any mode
