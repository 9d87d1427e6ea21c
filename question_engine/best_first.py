"""Picking the best of a pool again and again while the scores decay as picks are made.

Both the per-segment pick and the session ranking ask, at each step, for the item with
the highest decayed score among those left (ties to the earlier item), where an item's
decay grows with the picks already made of its category, quote or segment. A max over
the rest at every step is quadratic; this gives the same order with a lazy heap.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Sequence
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
