"""copy_text: the exact OSC 52 bytes, tmux passthrough, and failures become notices."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyperclip
import pytest
from support.pair_tmux import socket_file
from textual.app import App

from tacit.tui import clipboard
from tacit.tui.clipboard import clipboard_sequence, copy_text, osc52, tmux_passthrough

TEXT = "Route by zip code — unless Janet's account 🚚"
ROOT = Path(__file__).resolve().parents[2]
B64 = base64.b64encode(TEXT.encode("utf-8")).decode("ascii")


def test_bare_osc52_is_exactly_the_base64_of_the_utf8_text() -> None:
    assert osc52(TEXT) == f"\x1b]52;c;{B64}\x07"


def test_in_tmux_both_the_bare_and_the_passthrough_forms_are_written() -> None:
    emitted = clipboard_sequence(TEXT, {"TMUX": "/tmp/tmux-0/default,1,0"})
    bare = f"\x1b]52;c;{B64}\x07"
    assert emitted == bare + f"\x1bPtmux;\x1b\x1b]52;c;{B64}\x07\x1b\\"
    assert tmux_passthrough("\x1bX") == "\x1bPtmux;\x1b\x1bX\x1b\\"


def test_without_tmux_the_sequence_is_not_wrapped() -> None:
    assert clipboard_sequence(TEXT, {}) == osc52(TEXT)


class _Recorder:
    def __init__(self) -> None:
        self.written: list[str] = []

    def __call__(self, data: str) -> None:
        self.written.append(data)


def _with_terminal(monkeypatch: pytest.MonkeyPatch, writer: Callable[[str], None] | None) -> None:
    monkeypatch.setattr(clipboard, "_terminal_writer", lambda app: writer)


def _tmux_buffer(monkeypatch: pytest.MonkeyPatch, works: bool) -> list[str]:
    loaded: list[str] = []

    def load(text: str) -> None:
        if not works:
            raise FileNotFoundError(2, "No such file or directory: 'tmux'")
        loaded.append(text)

    monkeypatch.setattr(clipboard, "_tmux_load_buffer", load)
    return loaded


def _pyperclip_fails(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(text: str) -> None:
        attempts.append(text)
        raise pyperclip.PyperclipException("could not find a copy/paste mechanism for your system")

    monkeypatch.setattr(pyperclip, "copy", refuse)
    return attempts


async def test_in_tmux_over_ssh_the_wrapped_sequence_reaches_the_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder = _Recorder()
    _with_terminal(monkeypatch, recorder)
    attempts = _pyperclip_fails(monkeypatch)
    loaded = _tmux_buffer(monkeypatch, works=True)
    env = {"TMUX": "/tmp/tmux-0/default,1,0", "SSH_CONNECTION": "10.0.0.2 5000 10.0.0.1 22"}
    app: App[Any] = App()
    notice = copy_text(app, TEXT, what="3 rules", environ=env)
    bare = f"\x1b]52;c;{B64}\x07"
    assert recorder.written == [bare + f"\x1bPtmux;\x1b\x1b]52;c;{B64}\x07\x1b\\"]
    assert loaded == [TEXT]
    assert notice == "Copied 3 rules (OSC 52 via tmux + tmux buffer)"
    assert attempts == []  # pyperclip would copy on the remote machine: skipped over SSH
    assert app.clipboard == TEXT


async def test_locally_a_pyperclip_failure_is_a_notice_when_osc52_is_also_impossible(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with_terminal(monkeypatch, None)
    attempts = _pyperclip_fails(monkeypatch)
    notice = copy_text(App(), TEXT, environ={})
    assert attempts == [TEXT]
    assert notice.startswith("Clipboard unavailable: ")
    assert "could not find a copy/paste mechanism" in notice
    assert "\n" not in notice


async def test_locally_both_channels_are_used_when_available(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder = _Recorder()
    _with_terminal(monkeypatch, recorder)
    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    notice = copy_text(App(), "abc", environ={})
    assert recorder.written == ["\x1b]52;c;YWJj\x07"]
    assert copied == ["abc"]
    assert notice == "Copied 3 characters (OSC 52 + system clipboard)"


async def test_a_broken_terminal_write_does_not_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: str) -> None:
        raise OSError(5, "Input/output error")

    _with_terminal(monkeypatch, broken)
    _pyperclip_fails(monkeypatch)
    notice = copy_text(App(), TEXT, environ={"SSH_TTY": "/dev/pts/3"})
    assert notice.startswith("Clipboard unavailable: OSC 52 failed:")


async def test_tmux_without_a_tmux_binary_still_copies_by_osc52(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder = _Recorder()
    _with_terminal(monkeypatch, recorder)
    _tmux_buffer(monkeypatch, works=False)
    notice = copy_text(App(), "x", environ={"TMUX": "/t,1,0", "SSH_TTY": "/dev/pts/1"})
    assert notice == "Copied 1 characters (OSC 52 via tmux)"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_inside_a_real_tmux_the_text_lands_in_the_paste_buffer(tmp_path: Path) -> None:
    socket = f"tacit-clip-{os.getpid()}"
    script = tmp_path / "copy_in_tmux.py"
    script.write_text(
        "from textual.app import App\n"
        "from tacit.tui.clipboard import copy_text\n"
        "import sys\n"
        f"sys.stdout.write(copy_text(App(), {TEXT!r}, what='1 rule'))\n"
    )
    out = tmp_path / "notice.txt"
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    command = f"cd {ROOT} && {sys.executable} {script} > {out} 2>&1; tmux wait-for -S copied"
    subprocess.run([*tmux, "new-session", "-d", "-x", "80", "-y", "24", "sleep 30"], check=True)
    try:
        subprocess.run([*tmux, "new-window", command], check=True)
        subprocess.run([*tmux, "wait-for", "copied"], check=True, timeout=30)
        buffer = subprocess.run([*tmux, "show-buffer"], capture_output=True, check=True)
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)
        socket_file(socket).unlink(missing_ok=True)
    assert buffer.stdout.decode("utf-8") == TEXT
    assert "tmux buffer" in out.read_text()


async def test_headless_app_has_no_terminal_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    _pyperclip_fails(monkeypatch)
    app: App[Any] = App()
    async with app.run_test():
        notice = copy_text(app, TEXT, environ={"SSH_TTY": "/dev/pts/3"})
    assert notice == (
        "Clipboard unavailable: no terminal to send OSC 52 to; pyperclip skipped over SSH"
    )
