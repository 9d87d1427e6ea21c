"""Follow-ups on a short turn: ask about the phrases the speaker's few words are about.

In an interview a turn is often one or two sentences ("I like the beautiful views I get
during my hike"). Cues fire rarely on such turns, and a human interviewer follows up on
the turn's own words: what a phrase means, an example, why the speaker does what they
said, what happens when their condition holds. So a short turn gets a few grounded
follow-ups, chosen to cover its most salient words (said most, then said first), each
naming a clean phrase of the turn, never a filler ("um", "you know", "I think").
"""

from __future__ import annotations

from collections.abc import Callable

from tacit.question_engine.memory import SessionMemory
from tacit.question_engine.slots import Lexicon
from tacit.question_engine.text import same_question, stem, words
from tacit.question_engine.turn_phrases import readings
from tacit.question_engine.turn_words import FILLER_RUN, FollowUp, salient
from tacit.question_engine.types import Suggestion

SOURCE = "offline"
FOLLOW_UP_SCORE = 0.13  # after the cue questions and the probe: they fill what is left
FOLLOW_UP_DECAY = 0.9
SHORT_TURN_WORDS = 45  # a turn of at most this many words gets follow-ups
MIN_TURN_WORDS = 7
MAX_FOLLOW_UPS = 4
SALIENT_WORDS = 5  # the turn's most salient words the follow-ups try to name


def is_short_turn(text: str) -> bool:
    """Whether a segment is a short turn that gets follow-ups on its own phrases (fewer
    words than MIN_TURN_WORDS are a pleasantry or a fragment: nothing to follow up)."""
    return MIN_TURN_WORDS <= len(text.split()) <= SHORT_TURN_WORDS


def salient_stems(text: str) -> list[str]:
    """The turn's content stems, said most first, then said first (fillers left out)."""
    counts: dict[str, int] = {}
    for word in words(FILLER_RUN.sub(" ", text)):
        if salient(word):
            key = stem(word)
            counts[key] = counts.get(key, 0) + 1
    order = {key: index for index, key in enumerate(counts)}
    return sorted(counts, key=lambda key: (-counts[key], order[key]))


def follow_ups(
    text: str,
    covered: set[str],
    lexicon: Lexicon,
    accept: Callable[[FollowUp], bool] = lambda follow_up: True,
    most: int = MAX_FOLLOW_UPS,
) -> list[FollowUp]:
    """At most `most` follow-ups naming the turn's salient words not in `covered` (stems
    other questions already name), most salient first; a follow-up `accept` refuses (one
    the session already has) gives way to the next best."""
    targets = [s for s in salient_stems(text)[:SALIENT_WORDS] if s not in covered]
    weight = {s: SALIENT_WORDS - i for i, s in enumerate(targets)}
    pool = readings(text, lexicon) if targets else []
    chosen: list[FollowUp] = []
    left = set(targets)
    while left and pool and len(chosen) < most:
        best = max(pool, key=lambda f: (sum(weight[s] for s in f.named & left), -pool.index(f)))
        if not best.named & left:
            break
        pool.remove(best)
        if accept(best):
            chosen.append(best)
            left -= best.named
    return chosen


def short_turn_questions(
    text: str,
    memory: SessionMemory,
    result: list[Suggestion],
    limit: int,
    lexicon: Lexicon,
) -> list[Suggestion]:
    """A short turn's follow-ups as suggestions (none for a longer segment): as many as
    fit under `limit` with `result`, on the salient words those questions do not name,
    none the session already has."""
    room = limit - len(result)
    if room <= 0 or not is_short_turn(text):
        return []
    covered = {stem(w) for s in result for w in words(s.text)}
    asked = [memory.fingerprint(s.text) for s in result]

    # a sentence's edge is asked once (session.py): where it already is, the phrase's plain
    # question asks about it instead of an edge case the ranking would drop
    edged = {s.quote for s in result if s.category == "edge_case"}

    def fresh(follow_up: FollowUp) -> bool:
        question = follow_up.text
        fingerprint = memory.fingerprint(question)
        if follow_up.category == "edge_case" and follow_up.quote in edged:
            return False
        if memory.knows(question) or any(same_question(fingerprint, a) for a in asked):
            return False
        asked.append(fingerprint)
        if follow_up.category == "edge_case":
            edged.add(follow_up.quote)
        return True

    chosen = follow_ups(text, covered, lexicon, fresh, min(room, MAX_FOLLOW_UPS))
    return [
        Suggestion(f.text, f.category, f.quote, SOURCE, FOLLOW_UP_SCORE * FOLLOW_UP_DECAY**rank)
        for rank, f in enumerate(chosen)
    ]
