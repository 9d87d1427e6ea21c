"""Companion questions: what a cue named, asked from a second side in another category.

A thing the operator names is worth asking about from more than one side (a role: who
stands in, and what reaches it; a system work goes through: the hand-off, and what if it
is down). The bank's [[companion]] tables say, per cue family, what else to ask; this
module fills them with the cue's own slot values, only where each value is of the kind
the companion needs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from tacit.question_engine.bank_companion import placeholders
from tacit.question_engine.slot_fill import fill
from tacit.question_engine.slots import Lexicon
from tacit.question_engine.types import Companion

# a ticket or a sheet is never "down": the system it lives in is
_DOCUMENTS = frozenset({"ticket", "tickets", "form", "forms", "sheet", "spreadsheet", "tracker"})


class Companions:
    """The bank's companion questions by cue family, ready to fill."""

    def __init__(self, companions: Iterable[Companion], lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._by_family: dict[str, list[tuple[Companion, list[tuple[str, frozenset[str]]]]]] = (
            defaultdict(list)
        )
        for companion in companions:
            self._by_family[companion.family].append(
                (companion, [(t, frozenset(placeholders(t))) for t in companion.templates])
            )

    def ask(
        self, family: str, values: dict[str, str], sentence: str, start: int, end: int
    ) -> list[tuple[str, float, tuple[str, ...]]]:
        """(category, share of the cue's score, wordings) of each companion of the family
        whose slots fit the values."""
        asked = []
        for companion, templates in self._by_family.get(family, ()):
            if companion.when is not None and not companion.when.search(sentence):
                continue
            if all(
                self._fits(kind, values.get(name, ""), sentence, start, end)
                for name, kind in companion.slots
            ):
                wordings = tuple(fill(templates, values))
                if wordings:
                    asked.append((companion.category, companion.share, wordings))
        return asked

    def _fits(self, kind: str, value: str, sentence: str, start: int, end: int) -> bool:
        if not value:
            return False
        if kind == "system":
            return self.lexicon.system(value) and value.lower().split()[-1] not in _DOCUMENTS
        return bool(self.lexicon.actor(value, sentence, start, end))
