"""The session ranking's fast pick order equals a plain best-of-the-rest loop (tuned for
speed, so the questions a user sees must not change)."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from tacit.question_engine.session import _best_first, _decayed
from tacit.question_engine.types import Suggestion


def _pool(rng: random.Random, size: int, low: float) -> list[tuple[int, Suggestion]]:
    scores = [round(rng.uniform(low, 1.0), 1) for _ in range(size)]  # many ties
    items = [
        (
            rng.randrange(6),
            Suggestion(f"q{n}", rng.choice("abcd"), rng.choice(["", "x", "y"]), "offline", score),
        )
        for n, score in enumerate(scores)
    ]
    return sorted(items, key=lambda item: -item[1].score)


def _taken(pool: list[tuple[int, Suggestion]], fast: bool, rng: random.Random) -> list[str]:
    per_category: dict[str, int] = defaultdict(int)
    per_segment: dict[int, int] = defaultdict(int)
    per_quote: dict[str, int] = defaultdict(int)
    order: list[str] = []
    if fast:
        picks = _best_first(list(pool), per_category, per_segment, per_quote)
    else:
        remaining = list(pool)
        picks = iter(())
    while True:
        if fast:
            best = next(picks, None)
        else:
            best = (
                max(
                    remaining,
                    key=lambda item: _decayed(item, per_category, per_segment, per_quote),
                )
                if remaining
                else None
            )
            if best is not None:
                remaining.remove(best)
        if best is None:
            return order
        order.append(best[1].text)
        if rng.random() < 0.7:  # the caller skips near-duplicates without counting them
            per_category[best[1].category] += 1
            per_segment[best[0]] += 1
            per_quote[best[1].quote] += 1


@pytest.mark.parametrize("low", [0.1, -0.5])
def test_fast_ranking_picks_in_the_same_order_as_the_plain_loop(low: float) -> None:
    for seed in range(30):
        pool = _pool(random.Random(seed), 60, low)
        assert _taken(pool, True, random.Random(seed)) == _taken(pool, False, random.Random(seed))
