"""A real second process that takes the database's writer lock and is then SIGSTOPped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

WORKER = Path(__file__).resolve().parent / "store_worker.py"


@contextmanager
def stalled_lock_holder(db: Path) -> Iterator[subprocess.Popen[str]]:
    """Hold db's writer lock from a stopped process for the duration; always ends it."""
    holder = subprocess.Popen(
        [sys.executable, str(WORKER), "hold", str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        line = holder.stdout.readline().strip()
        assert line == "locked", f"lock holder said {line!r}"
        os.kill(holder.pid, signal.SIGSTOP)
        yield holder
    finally:
        release(holder)


def release(holder: subprocess.Popen[str]) -> None:
    """End the holder (its lock goes with it); safe to call twice."""
    if holder.poll() is None:
        os.kill(holder.pid, signal.SIGKILL)
        os.kill(holder.pid, signal.SIGCONT)
    holder.communicate()
