"""The one way the tests wait: poll a condition until it holds, fail at one deadline.

A passing wait returns as soon as the condition holds, so the deadline only
bounds a failure; it is generous because the machines the suite runs on are
small and shared. Never sleep a fixed time where a condition can be awaited.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from typing import Any

from textual.pilot import Pilot

DEADLINE_S = 30.0
POLL_S = 0.02


class _Condition:
    """A condition that counts as not yet met while it raises (e.g. a widget not mounted yet)."""

    def __init__(self, condition: Callable[[], object]) -> None:
        self.condition = condition
        self.error: Exception | None = None

    def __call__(self) -> bool:
        try:
            return bool(self.condition())
        except Exception as error:  # re-raised at the deadline, never hidden
            self.error = error
            return False

    def failed(self, what: object, seconds: float) -> AssertionError:
        failure = AssertionError(
            f"timed out after {seconds:.0f} s waiting for {what or self.condition}"
        )
        failure.__cause__ = self.error
        return failure


def wait_until(
    condition: Callable[[], object], what: str = "", seconds: float = DEADLINE_S
) -> float:
    """Poll condition (threads, processes, tmux); the seconds it took, or fail at the deadline."""
    holds = _Condition(condition)
    start = time.monotonic()
    while not holds():
        if time.monotonic() - start > seconds:
            raise holds.failed(what, seconds)
        time.sleep(POLL_S)
    return time.monotonic() - start


async def wait_for(
    pilots: Pilot[Any] | Sequence[Pilot[Any]] | None,
    condition: Callable[[], object],
    what: str = "",
    seconds: float = DEADLINE_S,
) -> float:
    """Let the app(s) run until condition holds; the seconds it took, or fail at the deadline.

    pilots: one Pilot, several (two apps in a pair test), or None for plain asyncio.
    """
    running = [pilots] if isinstance(pilots, Pilot) else list(pilots or [])
    holds = _Condition(condition)
    start = time.monotonic()
    while not holds():
        if time.monotonic() - start > seconds:
            raise holds.failed(what, seconds)
        if running:
            for pilot in running:
                await pilot.pause(POLL_S / len(running))
        else:
            await asyncio.sleep(POLL_S)
    return time.monotonic() - start
