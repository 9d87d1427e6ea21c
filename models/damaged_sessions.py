"""Sessions whose stored record cannot be read: listed and marked, never silently skipped.

A damaged record (a missing field, a wrong type) never makes the rest unreadable;
a damaged *session* still has to show where people look for it (the picker,
`tacit sessions`), with what is wrong, so nobody thinks the call was lost.
"""

from __future__ import annotations

from tacit.models.domain import Session
from tacit.models.ids import PREFIXES
from tacit.models.repository import Store
from tacit.models.safe_text import one_line

_SESSION_PREFIX = PREFIXES["session"] + "_"


class DamagedSession:
    """A session record that cannot be read. (A plain class: defined at start-up, where a
    named tuple costs ~0.7 M instructions to create, this ~0.07 M.)"""

    __slots__ = ("id", "reason", "title")

    def __init__(self, id: str, title: str, reason: str) -> None:
        self.id = id
        self.title = title  # its title as stored when that is text, else empty
        self.reason = reason  # what is wrong, in one line (e.g. "missing field 'title'")


def damaged_sessions(store: Store) -> list[DamagedSession]:
    """The sessions `store.sessions()` had to leave out (call it first), by id."""
    found = []
    for record_id, problem in sorted(store.damaged.items()):
        if not record_id.startswith(_SESSION_PREFIX):
            continue
        raw = store.get_raw(Session, record_id)
        if raw is None:  # gone since (repaired or removed)
            continue
        title = raw.get("title")
        reason = problem.rpartition(" is damaged (")[2].removesuffix(")") or problem
        found.append(
            DamagedSession(record_id, one_line(title) if isinstance(title, str) else "", reason)
        )
    return found


def describe(damaged: DamagedSession) -> str:
    """One line saying what is wrong (for someone who tried to open it)."""
    return (
        f"Cannot open session {damaged.id}: its record is damaged ({damaged.reason});"
        " the other sessions are not affected"
    )
