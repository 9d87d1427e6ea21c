"""Live sync between instances on one database, presence, and hang-up handling.

`PairSync` watches the database's directory (inotify, `models.watch`) and looks at
`store.revision()` (a stat, no file read) when the database or its lock file is
written; a slow poll stays as a safety net. Where inotify is unavailable it polls
a few times a second instead. When another instance (or this one) wrote the
database, every screen in the stack that has `reload_from_store()` refreshes,
and a `StoreChanged` message is posted to the app. Screens refresh their panes
only: they must not move focus or touch what the user is typing.

It also keeps this role's presence heartbeat and tells the user when the other
role joins or leaves. `install_hangup_handler` turns SIGHUP (a dropped SSH
connection, a closed tmux pane) into a clean exit with code 129; as a closed
pane does not always deliver SIGHUP (Textual then reads EOF forever), the
terminal is also checked every second.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import signal
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from tacit.models.domain import Record, Rule, now
from tacit.models.storage import DatabaseError, lock_path_for
from tacit.tui.presence import HEARTBEAT_SECONDS, Presence, other_role

if TYPE_CHECKING:
    from textual.app import App

    from tacit.models.repository import Store
    from tacit.models.watch import DirectoryWatch

R = TypeVar("R", bound=Record)
POLL_SECONDS = 0.4
WATCHED_POLL_SECONDS = 2.0  # with inotify the poll only catches what a watch could miss
TERMINAL_CHECK_SECONDS = 1.0
EXIT_HANGUP = 129


class StoreChanged(Message):
    """The database changed on disk; floods coalesce into one."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, StoreChanged)


class PresenceChanged(Message):
    """The other role connected or left."""

    def __init__(self, role: str, connected: bool) -> None:
        super().__init__()
        self.role = role
        self.connected = connected


class PairSync:
    """Watches the store for changes and keeps presence for one running app."""

    def __init__(
        self,
        app: App[Any],
        store: Store,
        role: str,
        poll_seconds: float = POLL_SECONDS,
        heartbeat_seconds: float = HEARTBEAT_SECONDS,
    ) -> None:
        self.app = app
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

    def start(self) -> None:
        """Begin polling and heartbeating (call from the app's on_mount)."""
        self.presence.beat()
        atexit.register(self.presence.leave)
        self.other_connected = self.presence.other_connected()
        poll = self._start_watch()
        self._timers = [
            self.app.set_interval(poll, self.check_store, name="store-watch"),
            self.app.set_interval(self.heartbeat_seconds, self.heartbeat, name="presence"),
        ]
        if not self.app.is_headless and not _terminal_gone():  # watch a terminal we have
            self._timers.append(
                self.app.set_interval(TERMINAL_CHECK_SECONDS, self.check_terminal, name="tty")
            )

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
        try:
            revision = self.store.revision()
        except (OSError, DatabaseError):
            return False
        if revision == self._revision:
            return False
        self._revision = revision
        for screen in list(self.app.screen_stack):
            reload = getattr(screen, "reload_from_store", None)
            if callable(reload):
                reload()
        self.app.post_message(StoreChanged())
        return True

    def check_terminal(self) -> None:
        """A closed pane may hang up the terminal without a SIGHUP reaching us: exit then too."""
        if _terminal_gone():
            hang_up(self.app)

    def heartbeat(self) -> None:
        """Refresh this role's heartbeat and report the other role coming or going."""
        self.presence.beat()
        connected = self.presence.other_connected()
        if connected == self.other_connected:
            return
        self.other_connected = connected
        verb = "joined" if connected else "left"
        self.app.notify(f"The {self.other_role} {verb}.", timeout=4)
        self.app.post_message(PresenceChanged(self.other_role, connected))


def presence_label(sync: PairSync) -> Content:
    """'operator ● connected' or 'operator ○ not connected' for status lines."""
    if sync.other_connected:
        return Content.assemble((f"{sync.other_role} ", "bold"), ("● connected", "$success"))
    return Content.assemble((f"{sync.other_role} ", "bold"), ("○ not connected", "dim"))


class PresenceBadge(Static):
    """'engineer ● connected' or 'engineer ○ not connected', from the app's PairSync."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def on_mount(self) -> None:
        self.refresh_presence()
        self.set_interval(1.0, self.refresh_presence)

    def refresh_presence(self) -> None:
        """Show the other role's state as PairSync last saw it."""
        sync = getattr(self.app, "pair_sync", None)
        if not isinstance(sync, PairSync):
            self.update("")
            return
        self.update(presence_label(sync))


def _terminal_gone() -> bool:
    """Whether the controlling terminal hung up (writes to it would fail)."""
    try:
        fd = os.open("/dev/tty", os.O_WRONLY | os.O_NOCTTY)
        os.close(fd)
    except OSError:
        return True
    return False


def _silence_terminal() -> None:
    """Point stdout and stderr at /dev/null so shutdown cannot fail on a dead tty."""
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.close(null)


def hang_up(app: App[Any]) -> None:
    """Save what can be saved and exit with code 129: the terminal went away."""
    if getattr(app, "_tacit_hung_up", False):
        return
    app._tacit_hung_up = True  # type: ignore[attr-defined]
    if _terminal_gone():
        _silence_terminal()
    for screen in reversed(list(app.screen_stack)):
        save = getattr(screen, "save_on_hangup", None)
        if callable(save):
            with contextlib.suppress(Exception):
                save()
    sync = getattr(app, "pair_sync", None)
    if isinstance(sync, PairSync):
        sync.stop()
    app.exit(return_code=EXIT_HANGUP)


def install_hangup_handler(app: App[Any]) -> bool:
    """On SIGHUP, exit cleanly via hang_up (call from the app's on_mount)."""
    try:
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGHUP, hang_up, app)
    except (RuntimeError, NotImplementedError, ValueError):
        return False
    return True


def remove_hangup_handler() -> None:
    """Undo install_hangup_handler (call from the app's on_unmount)."""
    with contextlib.suppress(RuntimeError, NotImplementedError, ValueError):
        asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)


def merge_edit(original: R, edited: R, stored: R) -> R:
    """Three-way merge of one person's edit into what is stored now.

    Fields this person changed (edited differs from original) win; every other
    field keeps the stored value, so the other person's concurrent change
    survives. For a rule, everyone's comments are kept and the status follows
    the two acceptances.
    """
    before, after = original.to_dict(), edited.to_dict()
    merged = stored.to_dict()
    for name, value in after.items():
        if value != before.get(name):
            merged[name] = value
    if isinstance(stored, Rule):
        added = [c for c in after["comments"] if c not in before["comments"]]
        kept = stored.to_dict()["comments"]
        merged["comments"] = kept + [c for c in added if c not in kept]
        if merged["status"] in ("draft", "accepted"):
            both = merged["accepted_by_operator"] and merged["accepted_by_engineer"]
            merged["status"] = "accepted" if both else "draft"
    merged["updated_at"] = now()
    return type(stored).from_dict(merged)


def save_edit(store: Store, original: R, edited: R) -> R:
    """Save an edit made from `original` without undoing what others changed meanwhile.

    Runs under the store's lock (Store.update); a record not stored yet is inserted.
    """

    def change(stored: R) -> None:
        merged = merge_edit(original, edited, stored)
        for field in fields(merged):  # type: ignore[arg-type]
            setattr(stored, field.name, getattr(merged, field.name))

    try:
        return store.update(type(edited), edited.id, change)
    except KeyError:
        store.save(edited)
        return edited
