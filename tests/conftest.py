"""Shared fixtures: every test runs with its own data and config directories, and the
suite ends every process it started."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.waiting import wait_until

RUN_MARK = "TACIT_TEST_RUN"
WATCHED = re.compile(r"tacit|tui\.cli|tmux")
"""Commands the end-of-run check looks for (multiprocessing helpers may legitimately linger)."""

# Fixtures shared across layers: the loopback LLM server and its key; the check that
# no process started by the suite outlives it.
pytest_plugins = ["support.llm_fixtures", "support.process_guard"]


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point TACIT_DATA_DIR / TACIT_CONFIG_DIR at a temp dir; never touch the user's files."""
    home = tmp_path / "tacit-home"
    home.mkdir()
    monkeypatch.setenv("TACIT_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("TACIT_CONFIG_DIR", str(home / "config"))
    monkeypatch.delenv("TACIT_DB", raising=False)
    monkeypatch.delenv("TACIT_CONFIG", raising=False)
    yield home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database path in a fresh temp directory (the file does not exist yet)."""
    return tmp_path / "tacit.json"


def _marked_processes(mark: str) -> dict[int, str]:
    """tacit and tmux processes (but this one) carrying this run's mark: pid -> command."""
    found: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone, or not ours to read
            continue
        if f"{RUN_MARK}={mark}".encode() in environ and WATCHED.search(command):
            found[int(entry.name)] = command.strip()
    return found


@pytest.fixture(scope="session", autouse=True)
def no_process_outlives_the_suite() -> Iterator[None]:
    """Every process a test starts (directly, or in a tmux pane) inherits a mark; at the end
    of the run none may be left. Survivors are killed, then reported as a failure."""
    mark = uuid.uuid4().hex
    os.environ[RUN_MARK] = mark
    yield
    if not Path("/proc").is_dir():
        return
    try:
        wait_until(lambda: not _marked_processes(mark), "the suite's processes to end", 20)
    except AssertionError:
        survivors = _marked_processes(mark)
        for pid in survivors:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        lines = "\n".join(f"  {pid} {command}" for pid, command in sorted(survivors.items()))
        pytest.fail(f"processes started by the suite outlived it:\n{lines}")
