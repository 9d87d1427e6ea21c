"""What a session already asked, for near-duplicate checks, and diverse ranking."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from tacit.question_engine.text import content_stems, normalise, same_question
from tacit.question_engine.types import Suggestion

SESSION_CATEGORY_DECAY = 0.8  # each further question of a category counts for this much less


Fingerprint = tuple[frozenset[str], frozenset[str]]


class SessionMemory:
    """Questions the session already has, indexed for fast near-duplicate checks."""

    def __init__(self, template_stems: frozenset[str], questions: Iterable[str] = ()) -> None:
        self._template_stems = template_stems
        self._exact: set[str] = set()
        self._prints: list[Fingerprint] = []
        self._index: dict[str, list[int]] = defaultdict(list)
        for question in questions:
            self.add(question)

    def fingerprint(self, question: str) -> Fingerprint:
        """(content stems, stems named from the narrative) of a question."""
        full = content_stems(question)
        return full, full - self._template_stems

    def add(self, question: str) -> None:
        self._exact.add(normalise(question))
        fingerprint = self.fingerprint(question)
        position = len(self._prints)
        self._prints.append(fingerprint)
        for item in fingerprint[0]:
            self._index[item].append(position)

    def knows(self, question: str) -> bool:
        """True when question, or one saying the same thing, is already known."""
        if normalise(question) in self._exact:
            return True
        fingerprint = self.fingerprint(question)
        seen: set[int] = set()
        for item in fingerprint[0]:
            for position in self._index.get(item, ()):
                if position not in seen:
                    seen.add(position)
                    if same_question(fingerprint, self._prints[position]):
                        return True
        return False


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
