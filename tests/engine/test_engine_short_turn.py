"""A short interview turn gets follow-ups on its own key phrases (invented utterances).

What the user notices: on one or two sentences the top five name what the speaker
talked about (what a phrase means, an example, why, what happens when), in grammatical
questions addressed to them, never parroting fillers.
"""

from __future__ import annotations

import re

import pytest
from support.engine_session import ranked_questions

from tacit.question_engine.offline import OfflineEngine
from tacit.question_engine.short_turn import SHORT_TURN_WORDS, salient_stems
from tacit.question_engine.text import stem, words

FOLLOW_UP_STARTS = ("You said you ", "What happens when ", "What matters most to you about ")
FILLERS = re.compile(r"\b(?:um|uh|you know|basically|kind of|sort of|yeah)\b|, like,", re.I)


def top5(engine: OfflineEngine, text: str) -> list[str]:
    return [s.text for s in ranked_questions(engine, text)[:5]]


def named(questions: list[str]) -> set[str]:
    return {stem(w) for q in questions for w in words(q)}


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("I usually avoid the steep mountain trails when my knees are sore.", "mountain trails"),
        ("Um, you know, I basically just check the weather app before I go out.", "weather app"),
        (
            "Honestly the flat has to be within walking distance of the station for me.",
            "walking distance",
        ),
        ("We kind of just pick whatever campsite has hot showers and some shade.", "campsite"),
        (
            "I never book a table online because the booking sites lose my reservations.",
            "booking sites",
        ),
        (
            "My landlord fixes the heating quickly, but the hot water breaks every winter.",
            "hot water",
        ),
    ],
)
def test_a_short_turn_is_asked_about_its_key_phrase(
    engine: OfflineEngine, text: str, phrase: str
) -> None:
    questions = top5(engine, text)
    assert any(phrase in q for q in questions), questions


@pytest.mark.parametrize(
    "text",
    [
        "Um, you know, I basically just check the weather app before I go out, like, every time.",
        "Yeah, like, I kind of go with whatever the cheapest dentist near the station is.",
        "Honestly I sort of trust my sister's picks more than the online ratings, you know.",
    ],
)
def test_follow_ups_never_parrot_fillers(engine: OfflineEngine, text: str) -> None:
    for question in top5(engine, text):
        if question.startswith(FOLLOW_UP_STARTS):
            assert not FILLERS.search(question), question


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "When my usual barber is fully booked, I just walk into the shop next door.",
            "What happens when your usual barber is fully booked — what do you do then?",
        ),
        (
            "If my train is cancelled I work from home and my manager is fine with it.",
            "What happens when your train is cancelled — what do you do then?",
        ),
    ],
)
def test_a_condition_is_asked_back_in_the_listeners_person(
    engine: OfflineEngine, text: str, asked: str
) -> None:
    assert asked in top5(engine, text)


def test_what_the_speaker_does_is_asked_why_in_their_words(engine: OfflineEngine) -> None:
    text = "I pick the gym with the longest opening hours, because my shifts change every week."
    asked = [q for q in top5(engine, text) if q.startswith("You said you ")]
    assert asked == [
        "You said you pick the gym with the longest opening hours — why is that, and can you "
        "give an example?"
    ]


def test_the_most_salient_words_are_named_in_the_top_five(engine: OfflineEngine) -> None:
    """The engine dominates naming the turn's words: its three most salient ones, each
    said as a thing or a clause, are all named by some top-5 question."""
    for text in (
        "I like the quiet beaches on the east coast, and the parking there is free.",
        "We check the ferry timetable first because the ferry only runs twice a day.",
        "I pick the gym with the longest opening hours, because my shifts change every week.",
    ):
        questions = top5(engine, text)
        assert set(salient_stems(text)[:3]) <= named(questions), (text, questions)


def test_a_name_is_not_glued_to_the_thing_before_it(engine: OfflineEngine) -> None:
    text = "On weekends Priya packs the orders for the market stall before we open."
    for question in top5(engine, text):
        assert "weekends Priya" not in question
        assert "about packs" not in question


@pytest.mark.parametrize(
    "text",
    [
        "That was a good idea, honestly, and it worked out well for us in the end.",
        "Good morning, thanks so much for having me here today.",
    ],
)
def test_a_way_of_speaking_gets_no_follow_up(engine: OfflineEngine, text: str) -> None:
    assert not [q for q in top5(engine, text) if q.startswith(FOLLOW_UP_STARTS)]


def test_a_long_segment_gets_no_short_turn_follow_ups(engine: OfflineEngine) -> None:
    sentence = "I compare the rent and the commute for every flat on the shortlist. "
    text = sentence * (SHORT_TURN_WORDS // len(sentence.split()) + 1)
    assert len(text.split()) > SHORT_TURN_WORDS
    questions = [s.text for s in ranked_questions(engine, text)]
    assert not [q for q in questions if q.startswith(FOLLOW_UP_STARTS)]


def test_follow_ups_are_deterministic_and_plain_text(engine: OfflineEngine) -> None:
    text = "I\x1b[31m pick the clinic with the shortest wait\x07 and free parking."
    first = top5(engine, text)
    assert first == top5(engine, text)
    for question in first:
        assert question.isprintable(), question


def test_a_follow_ups_quote_is_the_sentence_as_said(engine: OfflineEngine) -> None:
    text = "Um, you know, I basically pick the campsite by how clean the showers are."
    asked = [s for s in ranked_questions(engine, text) if s.text.startswith(FOLLOW_UP_STARTS)]
    assert asked and all(s.quote == text for s in asked)
    assert not any(FILLERS.search(s.text) for s in asked)


def test_an_adjective_is_never_asked_about_as_a_thing(engine: OfflineEngine) -> None:
    text = "Every Friday we send a summary of late jobs to the regional manager."
    for question in top5(engine, text):
        assert "about the late " not in question and "about the late —" not in question
