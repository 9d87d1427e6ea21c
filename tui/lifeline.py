"""tacit never outlives its terminal.

A daemon thread, which does not depend on the event loop, watches the
controlling terminal (the app's only terminal check: one wakeup a second). Once
the terminal is gone it tells the app (`on_gone`), whose own hang-up path saves
the half-typed text and exits through Textual's shutdown, as on SIGHUP (a closed
pane does not always send one). That shutdown writes to the terminal; when the
terminal is already gone the write can block for ever (Textual's output thread
has died and its queue is full), and the process stays. So the app gets a short
grace period to exit by itself, then queued writes are flushed and the process
ends with code 129.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable

from tacit.models.exit_codes import EXIT_HANGUP

POLL_SECONDS = 1.0
GRACE_SECONDS = 2.0  # the app's own hang-up path normally finishes well within this


def terminal_gone() -> bool:
    """Whether the controlling terminal hung up (or there never was one)."""
    try:
        fd = os.open("/dev/tty", os.O_WRONLY | os.O_NOCTTY)
    except OSError:
        return True
    os.close(fd)
    return False


def start_lifeline(
    flush: Callable[[], object],
    *,
    on_gone: Callable[[], object] | None = None,
    poll_seconds: float = POLL_SECONDS,
    grace_seconds: float = GRACE_SECONDS,
) -> threading.Thread | None:
    """Watch the terminal from a daemon thread; None when there is no terminal to watch.

    on_gone is called (from that thread) once the terminal is gone: it must not
    block (post a message to the app). flush is called before the process ends:
    it should write what is queued, with a bounded wait.
    """
    if terminal_gone():
        return None

    def watch() -> None:
        while not terminal_gone():
            time.sleep(poll_seconds)  # a watchdog's pace, not a wait for a result
        if on_gone is not None:
            with contextlib.suppress(Exception):  # the app may be shutting down already
                on_gone()
        time.sleep(grace_seconds)  # still alive: the orderly exit is stuck
        try:
            flush()
        finally:
            os._exit(EXIT_HANGUP)

    thread = threading.Thread(target=watch, name="tacit-lifeline", daemon=True)
    thread.start()
    return thread
