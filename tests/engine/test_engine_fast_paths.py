"""The engine's fast paths give what the plain versions give (tuned for speed, so what a
user sees must not change)."""

from __future__ import annotations

import random
import re
import tomllib
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path
from typing import Any

from tacit.models.safe_text import clean as strip_unsafe
from tacit.question_engine.bank import Cue, load_bank
from tacit.question_engine.best_first import best_first
from tacit.question_engine.literals import gate_for
from tacit.question_engine.memory import FingerprintIndex
from tacit.question_engine.session import _best_first, _decayed, _same_thing
from tacit.question_engine.slot_fill import _CLAUSE, _clause
from tacit.question_engine.text import (
    _SPACES,
    clean,
    lower_determiner,
    same_question,
    sentence_spans,
)
from tacit.question_engine.triggers import TriggerIndex
from tacit.question_engine.types import Suggestion

ROOT = Path(__file__).resolve().parents[2]

# the sentence boundary as first written: lookbehinds tried at every character
_PLAIN_SENTENCE_END = re.compile(
    r"(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bSt\.)(?<!\be\.g\.)(?<!\bi\.e\.)"
    r"(?<!\bvs\.)(?<!\bProf\.)(?<=[.!?])\s+|\s*\n\s*"
)
_PIECES = ["a", "Ab", " ", "  ", "\n", " \n ", ".", "!", "?", "Dr.", "e.g.", "i.e.", "Mrs."]
_PIECES += ["Prof.", "vs.", "St.", "Mr.", "Ms.", "xDr.", "\t", "\u2003", "\u00a0", "\r"]


def _plain_spans(text: str) -> list[tuple[int, str]]:
    spans: list[tuple[int, str]] = []
    start = 0
    for boundary in _PLAIN_SENTENCE_END.finditer(text):
        if boundary.start() > start:
            spans.append((start, text[start : boundary.start()]))
        start = boundary.end()
    if start < len(text):
        spans.append((start, text[start:]))
    return spans


def test_sentences_split_where_the_plain_boundary_splits() -> None:
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 16)))
        assert sentence_spans(text) == _plain_spans(text), repr(text)


def test_titles_and_abbreviations_do_not_end_a_sentence() -> None:
    text = "Ask Dr. Patel first. Then e.g. the clerk!  Done\n\nNext one"
    assert [s for _, s in sentence_spans(text)] == [
        "Ask Dr. Patel first.",
        "Then e.g. the clerk!",
        "Done",
        "Next one",
    ]


def _random_print(rng: random.Random) -> tuple[frozenset[str], frozenset[str]]:
    full = frozenset(rng.sample("abcdefghij", rng.randint(0, 5)))
    return full, frozenset(s for s in full if s in "abcdef" and rng.random() < 0.7)


def test_the_fingerprint_index_finds_what_a_scan_of_every_question_finds() -> None:
    rng = random.Random(3)
    for _ in range(200):
        index, kept = FingerprintIndex(), []
        for _ in range(rng.randint(0, 30)):
            fingerprint = _random_print(rng)
            assert index.has_same(fingerprint) == any(
                same_question(fingerprint, other) for other in kept
            )
            if rng.random() < 0.6:
                index.add(fingerprint)
                kept.append(fingerprint)


def test_a_segment_picks_in_the_same_order_as_a_max_over_the_rest() -> None:
    rng = random.Random(5)
    for low in (0.1, -0.5):
        for _ in range(100):
            pool = sorted(
                [(round(rng.uniform(low, 1.0), 1), rng.choice("abc")) for _ in range(25)],
                key=lambda item: -item[0],
            )
            counts: dict[str, int] = defaultdict(int)

            def decayed(item: tuple[float, str]) -> float:
                return item[0] * 0.55 ** counts[item[1]]  # noqa: B023 (read at each pick)

            fast = []
            for item in best_first(pool, decayed):
                fast.append(item)
                counts[item[1]] += 1
            counts.clear()
            plain, remaining = [], list(pool)
            while remaining:
                best = max(remaining, key=decayed)
                remaining.remove(best)
                plain.append(best)
                counts[best[1]] += 1
            assert fast == plain


def _plain_trigger_sentences(
    cues: list[Cue], lowered: str, starts: list[int]
) -> dict[int, list[int]]:
    """Each trigger looked up on its own: the sentence of every place it starts."""
    found = {}
    for number, cue in enumerate(cues):
        where = set()
        for trigger in cue.triggers:
            position = lowered.find(trigger)
            while position >= 0:
                where.add(bisect_right(starts, position) - 1)
                position = lowered.find(trigger, position + 1)
        if where:
            found[number] = sorted(where)
    return found


def test_a_cue_runs_on_the_sentences_a_lookup_of_each_trigger_finds() -> None:
    rng = random.Random(11)
    pattern = re.compile("x")
    words = ["by", "by ", "b", "in ", " in", "rout", "route", "routing", "on", "o", ".", "?"]
    cues = [
        Cue(
            f"c{n}",
            "f",
            "edge_case",
            pattern,
            ("q",),
            0.5,
            frozenset(),
            7,
            False,
            False,
            tuple(rng.sample(words, rng.randint(1, 4))),
            "test",
        )
        for n in range(12)
    ]
    index = TriggerIndex(cues)
    pieces = [*words, " ", "x", "Routing", "\n", ". ", "k"]
    for _ in range(3_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))).strip()
        starts = [offset for offset, _ in sentence_spans(text)]
        lowered = text.lower()
        assert index.sentences(lowered, starts) == _plain_trigger_sentences(cues, lowered, starts)


def test_the_bank_triggers_select_the_sentences_a_plain_lookup_selects() -> None:
    cues = list(load_bank().cues)
    index = TriggerIndex(cues)
    for path in sorted((ROOT / "bench" / "eval").glob("narratives_*.toml")):
        for narrative in tomllib.loads(path.read_text(encoding="utf-8"))["narrative"]:
            text = " ".join(narrative["text"].split())
            starts = [offset for offset, _ in sentence_spans(text)]
            lowered = text.lower()
            assert index.sentences(lowered, starts) == _plain_trigger_sentences(
                cues, lowered, starts
            )


def _dev_sentences() -> list[str]:
    sentences = []
    for path in sorted((ROOT / "bench" / "eval").glob("narratives_*.toml")):
        for narrative in tomllib.loads(path.read_text(encoding="utf-8"))["narrative"]:
            sentences += [s for _, s in sentence_spans(" ".join(narrative["text"].split()))]
    return sentences


def test_a_gate_never_skips_a_sentence_its_cue_matches() -> None:
    sentences = _dev_sentences()
    sentences += ["Our ſystem team checks it", "KNOWS Legal", "the IT desk has it", "Zoë knows"]
    gated = 0
    for cue in load_bank().cues:
        gate = gate_for(cue.pattern)
        if gate is None:
            continue
        gated += 1
        for sentence in sentences:
            if cue.pattern.search(sentence):
                assert gate.admits(sentence), (cue.id, sentence)
    assert gated >= 20  # most cues have a gate, the trigger-less ones among them


def test_gates_of_hand_made_patterns_are_sound() -> None:
    patterns = [
        r"\b(?:the |our )?(?:[a-z]+ )?(?:team|desk)\b(?=\s+(?:has|is))",
        r"(?<=[a-z] )(?P<who>[A-Z][a-z]+)\s+(?:knows|can tell)\b",
        r"e-?mail(?:s)?|in(?:box)+",
        r"(?i)\bsla\b|over\s+(?:\d+|ten)\s+days?",
        r"x{2,}y|(?:ab)*c",
    ]
    rng = random.Random(2)
    pieces = ["team", "Team", " ", "has", "is", "Ann", "knows", "can tell", "e-mail", "email"]
    pieces += ["inbox", "SLA", "sla", "over", "ten", "days", "xx", "y", "ab", "c", "ſ", "K", "a"]
    for source in patterns:
        pattern = re.compile(source)
        gate = gate_for(pattern)
        for _ in range(3_000):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 9)))
            if pattern.search(text):
                assert gate is None or gate.admits(text), (source, text)
    assert gate_for(re.compile(r"[A-Z][a-z]+")) is None  # nothing literal to test


def test_a_leading_determiner_is_lowered_as_the_plain_regex_lowers_it() -> None:
    plain = re.compile(r"^(?:The|A|An|Our|Their|My|This|That) ")
    rng = random.Random(9)
    pieces = ["The", "the", "A", "An", "Our", "That", "Thatch", " ", "  ", "\t", "clerk", "X"]
    for _ in range(5_000):
        phrase = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))
        expected = plain.sub(lambda m: m.group(0).lower(), phrase)
        assert lower_determiner(phrase) == expected, repr(phrase)


def test_a_clause_is_found_where_the_plain_search_finds_one() -> None:
    rng = random.Random(13)
    pieces = ["If", "if", " ", "  ", "when", "WHO", "who", "who've", "whom", "Whose", "people"]
    pieces += ["though", "x", "'s", "\u0130", "whoever", ",", "unless"]
    for _ in range(5_000):
        value = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert _clause(value) == (_CLAUSE.search(value) is not None), repr(value)


def test_clean_text_is_what_the_plain_cleaning_gives() -> None:
    rng = random.Random(17)
    pieces = ["a", " ", "  ", "\t", "\n", "\r", "\x00", "\x1b[31m", "\x85", "\u202e", "\u2066"]
    pieces += ["\u00a0", "\u2003", "\u200b", "é", "\u061c", "\x7f", "\f", "\v", "b c"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert clean(text) == _SPACES.sub(" ", strip_unsafe(text)).strip(), repr(text)


def test_same_thing_indexed_by_stem_finds_what_a_scan_finds() -> None:
    rng = random.Random(19)
    for _ in range(300):
        asked: list[tuple[str, frozenset[str]]] = []
        index: dict[tuple[str, str], list[frozenset[str]]] = defaultdict(list)
        for _ in range(rng.randint(0, 25)):
            category = rng.choice("ab")
            named = frozenset(rng.sample("pqrstu", rng.randint(0, 4)))
            plain = bool(named) and any(
                category == other and len(named & stems) / len(named | stems) >= 0.8
                for other, stems in asked
                if stems
            )
            assert _same_thing(category, named, index) == plain
            asked.append((category, named))
            for item in named:
                index[category, item].append(named)


def _ranking_order(pool: list[tuple[int, Suggestion]], fast: bool, seed: int) -> list[str]:
    rng = random.Random(seed)
    counts: list[dict[Any, int]] = [defaultdict(int), defaultdict(int), defaultdict(int)]
    picks = _best_first(list(pool), *counts) if fast else None
    remaining, order = list(pool), []
    while True:
        if picks is not None:
            best = next(picks, None)
        else:
            best = max(remaining, key=lambda i: _decayed(i, *counts)) if remaining else None
            if best is not None:
                remaining.remove(best)
        if best is None:
            return order
        order.append(best[1].text)
        if rng.random() < 0.7:  # near-duplicates are skipped without counting
            counts[0][best[1].category] += 1
            counts[1][best[0]] += 1
            counts[2][best[1].quote] += 1


def test_the_session_ranking_breaks_near_ties_as_the_plain_loop_does() -> None:
    # scores equal or a rounding apart once decayed (0.6 * 0.75 against 0.45), or a
    # position apart (a millionth): the per-category heaps must not reorder them
    for seed in range(600):
        rng = random.Random(seed)
        choices = [0.6, 0.45, 0.3, 0.45 * 0.7 / 0.75, 0.6 * 0.75]
        scores = [rng.choice(choices) - rng.randint(0, 3) / 1_000_000 for _ in range(60)]
        items = [
            (rng.randrange(5), Suggestion(f"q{n}", rng.choice("abc"), rng.choice("xyz "), "o", s))
            for n, s in enumerate(scores)
        ]
        pool = sorted(items, key=lambda item: -item[1].score)
        assert _ranking_order(pool, True, seed) == _ranking_order(pool, False, seed)
