"""UTC instants as tacit writes them: ASCII RFC 3339 with a Z, compared as instants.

Timestamps in files and the database are strings like 2024-05-01T12:00:00.123456Z.
Comparing those strings is wrong (":10Z" sorts after ":10.5Z"; full-width digits
sort after every ASCII date), so "is it newer?" always compares parsed instants.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

# [0-9], not \d: \d also matches full-width and other scripts' digits.
_RFC3339_UTC = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?Z"
)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_SECOND = timedelta(seconds=1)


def instant_ns(value: object) -> int | None:
    """Nanoseconds since the epoch for a valid UTC timestamp string, else None.

    Only a whole-string match counts (no trailing newline), and the date and
    time must exist (no 2023-02-30, no 24:00:00).
    """
    if not isinstance(value, str):
        return None
    match = _RFC3339_UTC.fullmatch(value)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(part) for part in match.groups()[:6])
    try:
        moment = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None
    whole_seconds = (moment - _EPOCH) // _ONE_SECOND
    fraction = int((match.group(7) or "").ljust(9, "0"))
    return whole_seconds * 1_000_000_000 + fraction


def is_valid_timestamp(value: object) -> bool:
    """True for an ASCII RFC 3339 UTC time that names a real instant."""
    return instant_ns(value) is not None


def newer(candidate: object, current: object) -> bool:
    """Whether candidate is a later instant than current; an invalid current counts as oldest."""
    theirs = instant_ns(candidate)
    if theirs is None:
        return False
    ours = instant_ns(current)
    return ours is None or theirs > ours
