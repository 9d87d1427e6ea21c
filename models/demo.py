"""A ready-made sample dispatch session for `tacit --demo` (stub; filled next)."""

from __future__ import annotations

from models.domain import Session
from models.repository import Store


def create_demo(store: Store) -> Session:
    """Save a fresh sample session and return it."""
    session = Session(title="Demo: field-service dispatch", workflow="dispatch")
    store.save(session)
    return session
