"""What a session already asked, for near-duplicate checks, and diverse ranking."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from tacit.question_engine.text import content_stems, normalise, same_question
from tacit.question_engine.types import Suggestion

SESSION_CATEGORY_DECAY = 0.8  # each further question of a category counts for this much less


Fingerprint = tuple[frozenset[str], frozenset[str]]


class FingerprintIndex:
    """Question fingerprints, indexed so a near-duplicate check compares a question only
    with those `same_question` can call alike: two that both name things must share a
    named stem; otherwise they must share a content stem."""

    def __init__(self) -> None:
        self._prints: list[Fingerprint] = []
        self._by_stem: dict[str, list[int]] = defaultdict(list)
        self._by_named: dict[str, list[int]] = defaultdict(list)
        self._unnamed_by_stem: dict[str, list[int]] = defaultdict(list)

    def add(self, fingerprint: Fingerprint) -> None:
        position = len(self._prints)
        self._prints.append(fingerprint)
        full, named = fingerprint
        for item in full:
            self._by_stem[item].append(position)
        for item in named:
            self._by_named[item].append(position)
        if not named:
            for item in full:
                self._unnamed_by_stem[item].append(position)

    def has_same(self, fingerprint: Fingerprint) -> bool:
        """Whether an indexed fingerprint is the same question as this one."""
        full, named = fingerprint
        if named:
            lists = [self._by_named.get(item, ()) for item in named]
            lists += [self._unnamed_by_stem.get(item, ()) for item in full]
        else:
            lists = [self._by_stem.get(item, ()) for item in full]
        seen: set[int] = set()
        for positions in lists:
            for position in positions:
                if position not in seen:
                    seen.add(position)
                    if same_question(fingerprint, self._prints[position]):
                        return True
        return False


class SessionMemory:
    """Questions the session already has, indexed for fast near-duplicate checks."""

    def __init__(self, template_stems: frozenset[str], questions: Iterable[str] = ()) -> None:
        self._template_stems = template_stems
        self._exact: set[str] = set()
        self._index = FingerprintIndex()
        for question in questions:
            self.add(question)

    def fingerprint(self, question: str) -> Fingerprint:
        """(content stems, stems named from the narrative) of a question."""
        full = content_stems(question)
        return full, full - self._template_stems

    def add(self, question: str) -> None:
        self._exact.add(normalise(question))
        self._index.add(self.fingerprint(question))

    def knows(self, question: str) -> bool:
        """True when question, or one saying the same thing, is already known."""
        if normalise(question) in self._exact:
            return True
        return self._index.has_same(self.fingerprint(question))


def rank_diverse(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """Best first, but each further question of a category counts for a bit less."""
    pool = sorted(suggestions, key=lambda s: -s.score)
    ranked: list[Suggestion] = []
    per_category: dict[str, int] = defaultdict(int)
    while pool:
        best = max(pool, key=lambda s: s.score * SESSION_CATEGORY_DECAY ** per_category[s.category])
        pool.remove(best)
        ranked.append(best)
        per_category[best.category] += 1
    return ranked
