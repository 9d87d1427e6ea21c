"""Live sync between instances on one database, presence, and hang-up handling.

`PairSync` watches the database's directory (inotify, `models.watch`) and looks at
`store.revision()` (a stat, no file read) when the database or its lock file is
written; a slow poll stays as a safety net. Where inotify is unavailable it polls
a few times a second instead. When another instance (or this one) wrote the
database it posts `StoreChanged` to the app, which passes it to every screen;
screens refresh their panes only: they must not move focus or touch what the
user is typing.

It also keeps this role's presence heartbeat and posts `PresenceChanged` when
the other role joins or leaves. `PairSync.hang_up` (on SIGHUP: a dropped SSH
connection, a closed tmux pane) saves what the app's `on_hangup` callback saves
and exits with code 129; as a closed pane does not always deliver SIGHUP
(Textual then reads EOF forever), the lifeline thread (`tui.lifeline`), which
checks the terminal every second, calls it too.

Idle, with a file watch, one timer wakes every HEARTBEAT_SECONDS: the heartbeat,
the other role's presence and, every WATCHED_POLL_SECONDS, the safety-net look
at the store.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import signal
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.timer import Timer

from tacit.models.exit_codes import EXIT_HANGUP
from tacit.models.storage import DatabaseError, lock_path_for
from tacit.tui.lifeline import terminal_gone
from tacit.tui.messages import PresenceChanged, StoreChanged, TerminalGone
from tacit.tui.presence import HEARTBEAT_SECONDS, Presence, other_role

if TYPE_CHECKING:
    from textual.app import App

    from tacit.models.repository import Store
    from tacit.models.watch import DirectoryWatch

POLL_SECONDS = 0.4
HANGUP_SETTLE_S = 0.2  # on SIGHUP, the keys still in the terminal are read before hanging up
WATCHED_POLL_SECONDS = 2.0  # with inotify the poll only catches what a watch could miss


class PairSync:
    """Watches the store for changes and keeps presence for one running app."""

    def __init__(
        self,
        app: App[Any],
        store: Store,
        role: str,
        on_hangup: Callable[[Callable[[], None]], None],
        poll_seconds: float = POLL_SECONDS,
        heartbeat_seconds: float = HEARTBEAT_SECONDS,
    ) -> None:
        self.app = app
        self.on_hangup = on_hangup
        self.hung_up = False
        self.store = store
        self.role = role
        self.poll_seconds = poll_seconds
        self.heartbeat_seconds = heartbeat_seconds
        self.presence = Presence(store.path, role)
        self.other_role = other_role(role)
        self.other_connected = False
        self._revision: object = store.revision()
        self._timers: list[Timer] = []
        self._watch: DirectoryWatch | None = None
        self.started = False
        self._looked = 0.0  # when the store's revision was last looked at (monotonic)
        """The watch and timers run (from just after the first frame)."""
        self.stopped = False

    def start(self) -> None:
        """Say this role is here, then watch once the first frame is drawn (call from the
        app's on_mount): the file watch and the timers are not needed to draw it."""
        self.presence.beat()
        atexit.register(self.presence.leave)
        self.other_connected = self.presence.other_connected()
        self.app.call_after_refresh(self._start_watching)

    def _start_watching(self) -> None:
        if self.stopped:
            return
        poll = self._start_watch()
        self._timers = [self.app.set_interval(self.heartbeat_seconds, self._tick, name="pair")]
        if poll < self.heartbeat_seconds:  # no file watch: the store is polled on its own
            self._timers.append(self.app.set_interval(poll, self.check_store, name="store-poll"))
        self.started = True
        self.check_store()  # a write between opening the store and now shows at once

    def _tick(self) -> None:
        """The heartbeat, and the safety-net look at the store when it is due."""
        self.heartbeat()
        due = WATCHED_POLL_SECONDS - self.heartbeat_seconds / 2  # ticks are not exactly on time
        if self._watch is not None and time.monotonic() - self._looked >= due:
            self.check_store()

    def _start_watch(self) -> float:
        """Wake on writes to the database instead of polling often; returns the poll interval."""
        from tacit.models.watch import DirectoryWatch  # ctypes: off the import path

        path = self.store.storage.path  # the real file: writes rename into its directory
        self._watch = DirectoryWatch.open(path.parent, [path.name, lock_path_for(path).name])
        if self._watch is None:
            return self.poll_seconds
        try:
            asyncio.get_running_loop().add_reader(self._watch.fileno(), self._watched)
        except (RuntimeError, NotImplementedError, OSError):
            self._watch.close()
            self._watch = None
            return self.poll_seconds
        return max(self.poll_seconds, WATCHED_POLL_SECONDS)

    def _watched(self) -> None:
        if self._watch is not None and self._watch.changed():
            self.check_store()

    @property
    def watching(self) -> bool:
        """Whether changes arrive through a file watch (else only by polling)."""
        return self._watch is not None

    def stop(self) -> None:
        """Stop the timers and the watch, and remove this role's heartbeat."""
        self.stopped = True
        for timer in self._timers:
            timer.stop()
        self._timers = []
        if self._watch is not None:
            with contextlib.suppress(RuntimeError, ValueError, OSError):
                asyncio.get_running_loop().remove_reader(self._watch.fileno())
            self._watch.close()
            self._watch = None
        self.presence.leave()

    def check_store(self) -> bool:
        """Refresh the views if the database changed since the last look."""
        self._looked = time.monotonic()
        try:
            revision = self.store.revision()
        except (OSError, DatabaseError):
            return False
        if revision == self._revision:
            return False
        self._revision = revision
        self.app.post_message(StoreChanged())
        return True

    def hang_up(self) -> None:
        """Save what can be saved and exit with code 129: the terminal went away.

        `on_hangup` saves what was typed and then calls the exit it is given: it may first let
        the keys already read reach the input (lines entered before the hang-up were lost)."""
        if self.hung_up:
            return
        self.hung_up = True
        if terminal_gone():
            _silence_terminal()
        self.stop()
        try:
            self.on_hangup(self._exit_hung_up)
        except Exception:
            self._exit_hung_up()

    def _exit_hung_up(self) -> None:
        self.app.exit(return_code=EXIT_HANGUP)

    def hang_up_in_order(self) -> None:
        """SIGHUP: hang up behind the keys typed before it. The terminal still hands over what
        it holds after the signal: HANGUP_SETTLE_S lets that be read first, else a line read
        half before and half after the signal was kept as two segments."""
        self.app.set_timer(HANGUP_SETTLE_S, lambda: self.app.post_message(TerminalGone()))

    def heartbeat(self) -> None:
        """Refresh this role's heartbeat and report the other role coming or going."""
        self.presence.beat()
        connected = self.presence.other_connected()
        if connected == self.other_connected:
            return
        self.other_connected = connected
        self.app.post_message(PresenceChanged(self.other_role, connected))


def presence_label(role: str, connected: bool) -> Content:
    """'operator ● connected' or 'operator ○ not connected' for status lines."""
    if connected:
        return Content.assemble((f"{role} ", "bold"), ("● connected", "$success"))
    return Content.assemble((f"{role} ", "bold"), ("○ not connected", "dim"))


def _silence_terminal() -> None:
    """Point stdout and stderr at /dev/null so shutdown cannot fail on a dead tty."""
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.close(null)


def install_hangup_handler(sync: PairSync) -> bool:
    """On SIGHUP, exit cleanly via sync.hang_up (call from the app's on_mount)."""
    try:
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGHUP, sync.hang_up_in_order)
    except (RuntimeError, NotImplementedError, ValueError):
        return False
    return True


def remove_hangup_handler() -> None:
    """Undo install_hangup_handler (call from the app's on_unmount)."""
    with contextlib.suppress(RuntimeError, NotImplementedError, ValueError):
        asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
