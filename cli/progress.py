"""One self-rewriting progress line on stderr for long commands, only on a terminal.

`tacit import` of a hundred calls or `suggest` on a long transcript can run for a
while; on a terminal the user sees what is happening (phase, count, seconds),
rewritten in place and erased at the end. Piped or redirected (stderr is not a
tty), nothing is written, so scripts and logs get only the final one-line result.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from types import TracebackType
from typing import TextIO

TICK_SECONDS = 0.25  # the line is refreshed at most this often (and keeps ticking when stuck)
ERASE = "\r\x1b[K"


class Progress:
    """`with Progress() as progress: progress.phase("merging", total); progress.advance()`."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self._text = ""
        self._total: int | None = None
        self._done = 0
        self._started = time.monotonic()
        self._shown_at = 0.0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> Progress:
        if self.enabled:
            self._ticker = threading.Thread(target=self._tick, name="tacit-progress", daemon=True)
            self._ticker.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def phase(self, text: str, total: int | None = None) -> None:
        """Start a stage of the work: what it does, and how many items if known."""
        with self._lock:
            self._text, self._total, self._done = text, total, 0
            self._show()

    def advance(self, count: int = 1) -> None:
        """count more items of the current stage are done."""
        with self._lock:
            self._done += count
            if time.monotonic() - self._shown_at >= TICK_SECONDS or self._done == self._total:
                self._show()

    def close(self) -> None:
        """Erase the line; the caller's result line follows on a clean line."""
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(timeout=1.0)
            self._ticker = None
        with self._lock:
            if self.enabled and self._shown_at:
                self._write(ERASE)
            self.enabled = False

    def _tick(self) -> None:
        while not self._stop.wait(TICK_SECONDS):
            with self._lock:
                if time.monotonic() - self._shown_at >= TICK_SECONDS:
                    self._show()

    def _show(self) -> None:
        if not self.enabled or not self._text:
            return
        count = f" {self._done}/{self._total}" if self._total else ""
        seconds = int(time.monotonic() - self._started)
        line = f"tacit: {self._text}…{count}  {seconds} s"
        width = shutil.get_terminal_size((80, 24)).columns - 1
        self._write(ERASE + line[:width])
        self._shown_at = time.monotonic()

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: stop drawing
            self.enabled = False
