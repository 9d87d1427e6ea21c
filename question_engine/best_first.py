"""Picking the best of a pool again and again while the scores decay as picks are made.

Both the per-segment pick and the session ranking ask, at each step, for the item with
the highest decayed score among those left (ties to the earlier item), where an item's
decay grows with the picks already made of its category, quote or segment. A max over
the rest at every step is quadratic; this gives the same order with a lazy heap.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")


def best_first(pool: Sequence[Item], decayed: Callable[[Item], float]) -> Iterator[Item]:
    """The pool's items by decayed score, each judged as `decayed` rates it when it is its
    turn (the caller updates what it reads between items); ties go to the earlier item.

    A decayed score only falls as the caller's counts grow (while it is positive), so a
    stale heap entry is an upper bound and is re-scored when it reaches the top. A pool
    with a non-positive score takes the plain quadratic path.
    """
    if any(decayed(item) <= 0 for item in pool):
        remaining = list(pool)
        while remaining:
            best = max(remaining, key=decayed)
            remaining.remove(best)
            yield best
        return
    heap = [(-decayed(item), order) for order, item in enumerate(pool)]
    heapq.heapify(heap)
    while heap:
        stale, order = heap[0]
        item = pool[order]
        fresh = -decayed(item)
        if fresh == stale:
            heapq.heappop(heap)
            yield item
        else:
            heapq.heapreplace(heap, (fresh, order))


NEAR = 1e-9  # relative: far above float rounding, far below any real difference of scores


def best_first_by_group(
    pool: Sequence[Item],
    group: Callable[[Item], Hashable],
    within: Callable[[Item], float],
    decayed: Callable[[Item], float],
) -> Iterator[Item]:
    """best_first's order, for a decayed score that is one factor shared by the item's
    group (its category's decay) times `within` (the rest, which also only falls).

    A pick decays its whole group, and in one heap each item of that group had to be
    re-scored as it surfaced. Here each group keeps its own heap on `within`, which a
    group's decay does not touch: each pick compares, per group, the items whose `within`
    is near its best (rounding may reorder those) by their exact decayed score.
    """
    if any(decayed(item) <= 0 for item in pool):
        yield from best_first(pool, decayed)
        return
    heaps: dict[Hashable, list[tuple[float, int]]] = {}
    for order, item in enumerate(pool):
        heaps.setdefault(group(item), []).append((-within(item), order))
    for heap in heaps.values():
        heapq.heapify(heap)
    while heaps:
        near = {key: _near_top(heap, pool, within) for key, heap in heaps.items()}
        best: tuple[float, int] | None = None
        best_key: Hashable = None
        for key, entries in near.items():
            for _, order in entries:
                rank = (-decayed(pool[order]), order)
                if best is None or rank < best:
                    best, best_key = rank, key
        assert best is not None  # every heap has a head
        for key, entries in near.items():
            for entry in entries:
                if key != best_key or entry[1] != best[1]:
                    heapq.heappush(heaps[key], entry)
        if not heaps[best_key]:
            del heaps[best_key]
        yield pool[best[1]]


def _near_top(
    heap: list[tuple[float, int]], pool: Sequence[Item], within: Callable[[Item], float]
) -> list[tuple[float, int]]:
    """Pop every entry whose current `within` is near the group's best (at least the
    best itself); entries found lower on re-scoring go back in."""
    while True:
        stale, order = heap[0]
        fresh = -within(pool[order])
        if fresh == stale:
            break
        heapq.heapreplace(heap, (fresh, order))
    threshold = -heap[0][0] * (1 - NEAR)
    near: list[tuple[float, int]] = []
    lower: list[tuple[float, int]] = []
    while heap and -heap[0][0] >= threshold:
        _, order = heapq.heappop(heap)
        fresh = -within(pool[order])
        (near if -fresh >= threshold else lower).append((fresh, order))
    for entry in lower:
        heapq.heappush(heap, entry)
    return near
