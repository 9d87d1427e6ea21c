"""A learned correction to the bank's hand weights: which cue questions reach the top.

The bank's weights were set by hand while watching the dev split, and phrase rules fitted
its phrasing. This ranker scores each cue candidate from generic features only (its cue
family and category, which side a companion asks, the shape of its sentence: a number,
a negation, a condition word, a modal, a role, a capitalised name; where the sentence sits;
how many candidates it has), never from the narrative's words. Its weights are data
(`prompts/ranker.json`), fitted by `bench/train_ranker.py` as a logistic regression on the
dev split, and reported out of fold. A candidate's score becomes its hand score times
exp(bias + w·x), so probes, coverage questions and the session summary keep their place
on the same scale.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Protocol

RANKER_PATH = Path(__file__).resolve().parent.parent / "prompts" / "ranker.json"
FORMAT = "tacit-ranker/1"
MAX_LOG_FACTOR = 3.0  # a correction never moves a hand score by more than e^3 either way

_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "number",
        re.compile(
            r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
            r"twenty|thirty|forty|fifty|sixty|hundred|thousand|half|dozen|once|twice)\b",
            re.IGNORECASE,
        ),
    ),
    ("negation", re.compile(r"\b(?:not|never|no|none|nobody|nothing|without)\b|n't", re.I)),
    (
        "condition",
        re.compile(r"\b(?:if|unless|when|whenever|except|only|until|otherwise)\b", re.I),
    ),
    (
        "modal",
        re.compile(
            r"\b(?:must|should|ha(?:ve|s) to|needs? to|can|cannot|may|might|allowed)\b", re.I
        ),
    ),
    ("time", re.compile(r"\b(?:day|week|month|hour|minute|year|daily|weekly|monthly)s?\b", re.I)),
    ("first_person", re.compile(r"\b(?:I|we|our|us|my)\b")),
    ("name", re.compile(r"(?<=[a-z,;:] )[A-Z][A-Za-z]+")),  # capitalised, not first word
)
_WORD = re.compile(r"[A-Za-z']+")


class RankItem(NamedTuple):
    """What the ranker reads of one candidate question."""

    family: str  # the cue's family ("threshold", "role" …)
    side: str  # a companion's "family~category"; "" for a cue's own question
    category: str
    score: float  # the hand score (cue weight, a companion's share of it)
    quote: str  # the sentence it was raised from
    thing: str  # the slot it names ("" when none)


def _bucket(value: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if value <= edge:
            return str(edge)
    return f"{edges[-1]}+"


def _sentence_shape(quote: str) -> list[str]:
    return [name for name, pattern in _SHAPES if pattern.search(quote)]


def item_features(
    items: Sequence[RankItem],
    segment_index: int,
    segment: str,
    is_role: Callable[[str], bool] = lambda _word: False,
) -> list[dict[str, float]]:
    """Sparse features of each candidate of one segment (names → values)."""
    per_quote = Counter(item.quote for item in items)
    best_in_quote: dict[str, float] = {}
    for item in items:
        best_in_quote[item.quote] = max(best_in_quote.get(item.quote, 0.0), item.score)
    shapes: dict[str, list[str]] = {}
    sentences = _bucket(segment.count(". ") + 1, (1, 2, 4))
    features: list[dict[str, float]] = []
    for item in items:
        if item.quote not in shapes:
            words = _WORD.findall(item.quote)
            shape = _sentence_shape(item.quote)
            if any(is_role(w.lower()) for w in words):
                shape.append("role")
            shape.append("len" + _bucket(len(words), (8, 16, 25)))
            at = segment.find(item.quote[:40])
            shape.append("first_sentence" if at <= 0 else "later_sentence")
            shapes[item.quote] = shape
        thing_words = item.thing.split()
        values = {
            "family=" + item.family: 1.0,
            "category=" + item.category: 1.0,
            "side=" + (item.side or "own"): 1.0,
            "log_hand_score": math.log(max(item.score, 1e-6)),
            "thing_words=" + _bucket(len(thing_words), (0, 1, 2, 3)): 1.0,
            "thing_capitalised": float(bool(thing_words) and thing_words[0][:1].isupper()),
            "segment=" + _bucket(segment_index, (0, 1, 2)): 1.0,
            "segment_sentences=" + sentences: 1.0,
            "quote_candidates=" + _bucket(per_quote[item.quote], (1, 3, 6)): 1.0,
            "best_in_quote": float(item.score >= best_in_quote[item.quote]),
        }
        for said in shapes[item.quote]:
            values["shape=" + said] = 1.0
            values[f"{item.category}&{said}"] = 1.0
        features.append(values)
    return features


@dataclass(frozen=True, slots=True)
class Ranker:
    """Logistic-regression weights over item_features; without weights (a bias alone
    would move every cue question past probes alike) it changes nothing."""

    bias: float = 0.0
    weights: dict[str, float] = field(default_factory=dict)

    def log_factor(self, features: dict[str, float]) -> float:
        """bias + w·x, kept within ±MAX_LOG_FACTOR."""
        weights = self.weights
        total = self.bias + sum(weights.get(name, 0.0) * value for name, value in features.items())
        return max(-MAX_LOG_FACTOR, min(MAX_LOG_FACTOR, total))

    def scores(
        self,
        items: Sequence[RankItem],
        segment_index: int,
        segment: str,
        is_role: Callable[[str], bool] = lambda _word: False,
    ) -> list[float]:
        """Each item's hand score corrected by the learned factor."""
        if not self.weights:  # the empty ranker: hand scores
            return [item.score for item in items]
        return [
            item.score * math.exp(self.log_factor(features))
            for item, features in zip(
                items, item_features(items, segment_index, segment, is_role), strict=True
            )
        ]

    def to_json(self, extra: dict[str, object] | None = None) -> str:
        """The weights as the shipped data file holds them (sorted, so diffs stay small),
        with `extra` fields (whether it is enabled, its cross-validated figures)."""
        weights = {name: round(w, 4) for name, w in sorted(self.weights.items()) if round(w, 4)}
        body = {"format": FORMAT, "bias": round(self.bias, 4), "weights": weights}
        body.update(extra or {})
        return json.dumps(body, indent=1, sort_keys=True) + "\n"


def load_ranker(path: Path = RANKER_PATH) -> Ranker:
    """The shipped ranker when its file says it is enabled (it beat the hand weights out
    of fold); otherwise the empty ranker: hand scores, unchanged."""
    if not path.exists():
        return Ranker()
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"{path}: not a {FORMAT} file")
    if not data.get("enabled", False):
        return Ranker()
    return Ranker(float(data["bias"]), {str(k): float(v) for k, v in data["weights"].items()})


class _Ranked(Protocol):
    """What the engine's candidates carry that the ranker reads."""

    @property
    def category(self) -> str: ...
    @property
    def quote(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def key(self) -> tuple[str, frozenset[str]]: ...
    @property
    def family(self) -> str: ...
    @property
    def thing(self) -> str: ...


def rank_item(candidate: _Ranked) -> RankItem:
    """The ranker's view of an engine candidate (a companion's side is its key's family)."""
    companion = candidate.family == "companion"
    side = candidate.key[0] if companion else ""
    family = side.partition("~")[0] if companion else candidate.family
    return RankItem(
        family, side, candidate.category, candidate.score, candidate.quote, candidate.thing
    )
