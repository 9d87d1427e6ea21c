"""A tmux server of the test's own, to drive real tacit processes like a person would."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from support.waiting import wait_until

TACIT = [sys.executable, "-m", "tacit.cli.main"]


def socket_file(socket: str) -> Path:
    """Where tmux keeps a `-L socket` server's socket: tmux leaves it behind when the
    server is killed, so a test removes it after kill-server."""
    tmpdir = Path(os.environ.get("TMUX_TMPDIR") or "/tmp")
    return tmpdir / f"tmux-{os.getuid()}" / socket


class Tmux:
    """Commands on one private tmux socket; every wait polls with a deadline."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str, check: bool = True) -> str:
        """Run a tmux command on this socket and return its stdout."""
        # COLUMNS/LINES from the test runner would override the panes' real size
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
            env=env,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def start(self, name: str, command: list[str], width: int = 100, height: int = 30) -> None:
        """A detached session running command, with quiet, predictable settings."""
        self.run(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            str(width),
            "-y",
            str(height),
            shlex.join(command),
        )
        self.run("set-option", "-g", "default-terminal", "tmux-256color")
        self.run("set-option", "-g", "remain-on-exit", "on")

    def window(self, target: str, name: str, command: list[str]) -> None:
        """Another window running command."""
        self.run("new-window", "-d", "-t", target, "-n", name, shlex.join(command))

    def screen(self, target: str) -> str:
        """What the pane shows now."""
        return self.run("capture-pane", "-p", "-t", target, check=False)

    def type(self, target: str, text: str) -> None:
        """Type text literally."""
        self.run("send-keys", "-t", target, "-l", text)

    def keys(self, target: str, *keys: str) -> None:
        """Press named keys (Enter, F3, ...)."""
        self.run("send-keys", "-t", target, *keys)

    def wait_for(self, target: str, condition: Callable[[str], bool], what: str) -> float:
        """Poll the pane until condition(screen) holds; the time it took (support.waiting)."""
        shown = [""]

        def holds() -> bool:
            shown[0] = self.screen(target)
            return condition(shown[0])

        try:
            return wait_until(holds, what)
        except AssertionError as error:
            raise AssertionError(f"{error}; the pane shows:\n{shown[0]}") from None

    def wait_text(self, target: str, text: str) -> float:
        """Poll until the pane shows text."""
        return self.wait_for(target, lambda shown: text in shown, repr(text))

    def kill_server(self) -> None:
        """Stop this socket's server (and everything running in it) and remove the socket."""
        self.run("kill-server", check=False)
        socket_file(self.socket).unlink(missing_ok=True)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    """A private tmux server, killed after the test."""
    server = Tmux(f"tacit-test-{uuid.uuid4().hex[:10]}")
    try:
        yield server
    finally:
        server.kill_server()


@pytest.fixture
def pair_server(tmp_path: Path) -> Iterator[Tmux]:
    """The pair's tmux server for this test's database (tmp_path/tacit.json), killed afterwards."""
    from tacit.cli.commands.pair import socket_name

    server = Tmux(socket_name(tmp_path / "tacit.json"))
    try:
        yield server
    finally:
        server.kill_server()
