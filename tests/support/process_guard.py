"""The test suite ends every process it starts: checked once, when the session ends.

Every child of the test run inherits a marker in its environment (tmux servers
pass it on to the programs in their panes). When the session ends, any process
still carrying the marker is reported as a failure and then ended, so a leak
shows up in the run that caused it and never outlives it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

MARKER = "TACIT_TEST_RUN"
# helpers that exit when the pytest process does, by design
ENDS_WITH_THE_RUN = (
    "from multiprocessing.resource_tracker import main",
    "from multiprocessing.forkserver import main",
)
GRACE_SECONDS = 10.0  # a killed tmux server's panes get this long to exit by themselves


def marked_processes(token: str) -> dict[int, str]:
    """Live (non-zombie) processes whose environment carries this run's marker."""
    needle = f"{MARKER}={token}".encode()
    found: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if state != "Z" and not any(helper in command for helper in ENDS_WITH_THE_RUN):
            found[int(entry.name)] = command.strip()
    return found


@pytest.fixture(scope="session", autouse=True)
def no_process_outlives_the_suite() -> Iterator[None]:
    """Mark the run's children; at the end, fail if any of them is still running."""
    if not Path("/proc/self/environ").exists():
        yield
        return
    token = uuid.uuid4().hex
    os.environ[MARKER] = token
    yield
    deadline = time.monotonic() + GRACE_SECONDS
    left = marked_processes(token)
    while left and time.monotonic() < deadline:
        time.sleep(0.1)  # polling for exits, not waiting for a result
        left = marked_processes(token)
    for pid in left:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    assert not left, "processes started by the tests still running:\n" + "\n".join(
        f"  {pid}: {command[:160]}" for pid, command in left.items()
    )
