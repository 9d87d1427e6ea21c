"""What a screen needs from the running app, handed to it so no screen imports the app class."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from tacit.models.config import Config
from tacit.tui.session_state import SessionState


@dataclass(frozen=True, slots=True)
class Presence:
    """Whether the other role of the pair is connected, as last seen."""

    role: str
    connected: bool


@dataclass(slots=True)
class AppContext:
    """The session state (the one read/write path), the config and who is using this view."""

    state: SessionState
    config: Config
    role: str = "engineer"
    tz: tzinfo | None = None
    presence: Presence | None = None
    """The other role's presence; None when nothing watches it (no pair sync)."""
