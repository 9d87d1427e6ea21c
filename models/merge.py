"""Merging one person's edit with what another person saved meanwhile (pair mode)."""

from __future__ import annotations

from dataclasses import fields
from typing import TypeVar

from tacit.models.domain import Record, Rule
from tacit.models.lifecycle import now, status_for_acceptances
from tacit.models.repository import Store

R = TypeVar("R", bound=Record)


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
        merged["status"] = status_for_acceptances(
            merged["status"],
            operator=bool(merged["accepted_by_operator"]),
            engineer=bool(merged["accepted_by_engineer"]),
        )
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
