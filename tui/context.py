"""What a screen needs from the running app, handed to it so no screen imports the app class."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from typing import TYPE_CHECKING

from tacit.models.config import Config
from tacit.tui.session_state import SessionState

if TYPE_CHECKING:
    from tacit.question_engine.session import EngineSession

EngineFactory = Callable[[], "EngineSession"]
"""Builds a new engine session for one capture session; called in a worker, off the UI
thread, when the first segment needs questions (it may load the question banks)."""


@dataclass(frozen=True, slots=True)
class Presence:
    """Whether the other role of the pair is connected, as last seen."""

    role: str
    connected: bool


@dataclass(slots=True)
class AppContext:
    """The session state (the one read/write path), the config, the engine and who is using
    this view."""

    state: SessionState
    config: Config
    open_engine: EngineFactory
    """Chosen by the command line (the composition root), or by a test."""
    role: str = "engineer"
    tz: tzinfo | None = None
    presence: Presence | None = None
    """The other role's presence; None when nothing watches it (no pair sync)."""
