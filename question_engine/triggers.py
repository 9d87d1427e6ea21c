"""Where a bank's cue triggers occur in a segment, found in one pass over the text.

A cue runs only on the sentences where one of its triggers (lower-case snippets) occurs.
Looking each of the bank's ~800 triggers up separately cost about a millisecond per
segment; one regex built as a trie of every trigger finds, at each place, the longest
trigger that starts there, and every trigger that starts there is a prefix of it (the
regex is searched again from the next character, so triggers that overlap are all found).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from tacit.question_engine.bank import Cue

_Trie = dict[str, "_Trie"]
_END = ""  # the key that marks a trie node as the end of a trigger


def _trie_pattern(triggers: Sequence[str]) -> str:
    """A regex matching the longest of the triggers at a position (alternatives at each
    node start with distinct characters, and an optional longer match is tried first)."""
    root: _Trie = {}
    for trigger in triggers:
        node = root
        for char in trigger:
            node = node.setdefault(char, {})
        node[_END] = {}

    escaped = {char: re.escape(char) for char in set("".join(triggers))}

    def emit(node: _Trie) -> str:
        branches = [escaped[char] + emit(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        ends_here = _END in node
        body = branches[0] if len(branches) == 1 and not ends_here else f"(?:{'|'.join(branches)})"
        return body + "?" if ends_here else body

    return emit(root)


class TriggerIndex:
    """The sentences each cue's triggers occur in, for a bank's cues in order."""

    def __init__(self, cues: Sequence[Cue]) -> None:
        triggers = sorted({t for cue in cues for t in cue.triggers})
        cues_of: dict[str, set[int]] = defaultdict(set)
        for number, cue in enumerate(cues):
            for trigger in cue.triggers:
                cues_of[trigger].add(number)
        # where a trigger is the longest to start at a place, its prefixes that are
        # triggers start there too: the cues any of them belongs to, found at once
        self._cues_at = {
            t: sorted({n for end in range(1, len(t) + 1) for n in cues_of.get(t[:end], ())})
            for t in triggers
        }
        self._pattern = re.compile(_trie_pattern(triggers)) if triggers else None

    def sentences(self, lowered: str, starts: Sequence[int]) -> dict[int, list[int]]:
        """For each cue (by its number) with a trigger in the lower-cased text, the
        sentences (by index into `starts`, their offsets) where a trigger starts, sorted."""
        if self._pattern is None:
            return {}
        search = self._pattern.search  # from each place on: the regex skips to a first letter
        places: set[tuple[int, str]] = set()  # (sentence, longest trigger starting there)
        sentence, last = -1, len(starts) - 1
        match = search(lowered)
        while match is not None:
            position = match.start()
            while sentence < last and starts[sentence + 1] <= position:
                sentence += 1
            places.add((sentence, match.group()))
            match = search(lowered, position + 1)
        per_cue: dict[int, set[int]] = defaultdict(set)
        for sentence, longest in places:
            for number in self._cues_at[longest]:
                per_cue[number].add(sentence)
        return {number: sorted(where) for number, where in per_cue.items()}
