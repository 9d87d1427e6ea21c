"""What a screen needs from the running app, handed to it so no screen imports the app class."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING

from tacit.models.config import Config
from tacit.tui.session_state import SessionState

if TYPE_CHECKING:
    from tacit.question_engine.session import EngineSession

EngineFactory = Callable[[], "EngineSession"]
"""Builds a new engine session for one capture session; called in a worker, off the UI
thread, when the first segment needs questions (it may load the question banks)."""


class Presence:
    """Whether the other role of the pair is connected, as last seen.

    The small records built on the start-up path are plain classes, not dataclasses nor
    named tuples: creating a dataclass costs about 2.6 M instructions, a named tuple
    0.7 M, a plain class 0.07 M."""

    __slots__ = ("connected", "role")

    def __init__(self, role: str, connected: bool) -> None:
        self.role = role
        self.connected = connected


class AppContext:
    """The session state (the one read/write path), the config, the engine and who is using
    this view. A plain class: it is built before the first frame (see `Presence`)."""

    __slots__ = ("config", "open_engine", "presence", "role", "state", "tz")

    def __init__(
        self,
        state: SessionState,
        config: Config,
        open_engine: EngineFactory,
        role: str = "engineer",
        tz: tzinfo | None = None,
        presence: Presence | None = None,
    ) -> None:
        self.state = state
        self.config = config
        self.open_engine = open_engine
        """Chosen by the command line (the composition root), or by a test."""
        self.role = role
        self.tz = tz
        self.presence = presence
        """The other role's presence; None when nothing watches it (no pair sync)."""
