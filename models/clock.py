"""Record timestamps that never go backwards within a process.

A session's narrative is ordered by each segment's `at` stamp (then its id, which is random
within a millisecond). The wall clock can step back (an NTP correction, a VM resumed) or
hand out the same microsecond twice (a coarse clock): two lines typed one after the other
would then be stored, exported and shown the wrong way round. Each stamp this process makes
is at least one microsecond after the one before it; it follows the wall clock again as
soon as that is ahead.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime


class MonotonicClock:
    """UTC stamps (ISO 8601, microseconds, `Z`), strictly increasing in this process."""

    def __init__(self, wall_ns: Callable[[], int] = time.time_ns) -> None:
        self.wall_ns = wall_ns
        """Where the time comes from: nanoseconds since the epoch."""
        self._last_us = 0
        self._lock = threading.Lock()

    def micros(self) -> int:
        """Microseconds since the epoch, more than any this clock gave before."""
        wall = self.wall_ns() // 1000
        with self._lock:
            self._last_us = max(wall, self._last_us + 1)
            return self._last_us

    def stamp(self) -> str:
        """The next stamp, as records store it: 2026-11-30T04:17:51.123456Z."""
        seconds, micros = divmod(self.micros(), 1_000_000)
        moment = datetime.fromtimestamp(seconds, UTC).replace(microsecond=micros)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


CLOCK = MonotonicClock()
"""The process's one clock for record stamps (`lifecycle.now`)."""
