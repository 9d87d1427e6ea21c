"""Stable, sortable ids that never collide across machines (no counters).

An id is a prefix, an underscore and 26 Crockford base-32 characters: 48 bits
of milliseconds since the epoch followed by 80 random bits (the ULID layout),
so ids sort by creation time and two machines cannot mint the same one.
"""

from __future__ import annotations

import os
import re
import time

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_ID_RE = re.compile(r"[a-z]{1,8}_[0-9A-HJKMNP-TV-Z]{26}")  # ASCII only; fullmatch: no "\n"

PREFIXES = {
    "session": "ses",
    "segment": "seg",
    "question": "qst",
    "rule": "rul",
    "decision": "dec",
}


def _encode(value: int, length: int) -> str:
    chars = []
    for _ in range(length):
        chars.append(_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def new_id(kind: str) -> str:
    """A new id for a record of the given kind ('rule', 'session', ...)."""
    prefix = PREFIXES[kind]
    millis = time.time_ns() // 1_000_000
    randomness = int.from_bytes(os.urandom(10), "big")
    return f"{prefix}_{_encode(millis, 10)}{_encode(randomness, 16)}"


def is_valid_id(value: object) -> bool:
    """True when value has the shape of an id minted by new_id."""
    return isinstance(value, str) and _ID_RE.fullmatch(value) is not None


def short_id(record_id: str) -> str:
    """The short form of an id shown to people: the prefix and the last six characters."""
    prefix, _, rest = record_id.partition("_")
    return f"{prefix}_{rest[-6:]}" if rest else record_id
