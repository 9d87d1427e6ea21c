"""The narrative keeps the order lines were said in when the wall clock steps back or stalls.

Segments are listed by their `at` stamp, then by id (random within a millisecond): a clock
that goes back (an NTP correction) or repeats a microsecond would put a later line first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tacit.models import clock
from tacit.models.domain import Segment, Session
from tacit.models.repository import Store

NOON_NS = 1_764_504_000 * 1_000_000_000  # 2025-11-30T12:00:00Z


def _wall(readings: list[int]) -> Callable[[], int]:
    """A wall clock that gives these readings, then keeps giving the last one."""
    left: Iterator[int] = iter(readings)

    def read() -> int:
        nonlocal last
        last = next(left, last)
        return last

    last = readings[0]
    return read


@pytest.fixture
def wall(monkeypatch: pytest.MonkeyPatch) -> Callable[[list[int]], None]:
    def set_readings(readings: list[int]) -> None:
        monkeypatch.setattr(clock, "CLOCK", clock.MonotonicClock(_wall(readings)))

    return set_readings


def test_stamps_never_go_back_nor_repeat_and_follow_the_wall_clock_again() -> None:
    second = 1_000_000_000
    stepped_back = clock.MonotonicClock(
        _wall([NOON_NS, NOON_NS - 5 * second, NOON_NS - 5 * second, NOON_NS + second])
    )
    stamps = [stepped_back.stamp() for _ in range(4)]
    assert stamps == [
        "2025-11-30T12:00:00.000000Z",
        "2025-11-30T12:00:00.000001Z",
        "2025-11-30T12:00:00.000002Z",
        "2025-11-30T12:00:01.000000Z",
    ]
    for stamp in stamps:  # still a stamp the importer and the schema accept
        assert datetime.fromisoformat(stamp).tzinfo is not None


MS = 1_000_000
SESSION_READS = 2  # started_at, updated_at
SEGMENT_READS = 2  # at, updated_at


def test_lines_typed_across_a_step_back_of_the_clock_are_stored_in_the_order_typed(
    tmp_path: Path, wall: Callable[[list[int]], None]
) -> None:
    before = [NOON_NS + n * MS for n in range(SESSION_READS + 3 * SEGMENT_READS)]
    after = [NOON_NS - 2_000 * MS + n * MS for n in range(3 * SEGMENT_READS)]  # NTP: 2 s back
    wall(before + after)
    session = Session(title="Clock call")
    said = [f"Line {n} of the call." for n in range(1, 7)]
    store = Store(tmp_path / "tacit.json")
    try:
        store.save(session)
        for text in said:  # each saved alone, as the app's writer does for each Enter
            store.save(Segment(session_id=session.id, speaker="operator", text=text))
        assert [s.text for s in store.segments(session.id)] == said
    finally:
        store.close()


def test_a_transcript_imported_on_a_coarse_clock_keeps_its_turns_in_order(
    tmp_path: Path, wall: Callable[[list[int]], None]
) -> None:
    wall([NOON_NS])  # the same reading every time: every turn made in one tick
    session = Session(title="Imported call")
    said = [f"Turn {n} of the recording." for n in range(1, 41)]
    store = Store(tmp_path / "tacit.json")
    try:
        store.save(session)
        # as import-transcript does: every turn made, then saved in one write
        store.save_many(Segment(session_id=session.id, speaker="operator", text=t) for t in said)
        assert [s.text for s in store.segments(session.id)] == said
    finally:
        store.close()
