"""The specific question about a thing, not a catch-all one: where a quiet segment's main
term or a short turn's phrase was said in a sentence whose shape says what is worth asking
(it is set aside, missing, passed on, kept in a head or on a laptop, bounded by a rule or a
number), the engine asks that, in that category, instead of "What would a newcomer need to
know about X" or "What matters most to you about X". Sentences invented for these tests."""

from __future__ import annotations

import re

import pytest
from support.engine_session import ranked_questions

from tacit.question_engine.offline import OfflineEngine
from tacit.question_engine.specific import names_people, specific_question
from tacit.question_engine.types import Suggestion

CATCH_ALL = ("What would a newcomer need to know about", "What matters most to you about")


def about(engine: OfflineEngine, thing: str, *segments: str) -> list[Suggestion]:
    return [q for q in ranked_questions(engine, *segments) if thing in q.text]


def test_a_thing_set_aside_asks_who_decides_as_an_exception(engine: OfflineEngine) -> None:
    asked = about(
        engine,
        "tomato seedlings",
        "Seedlings go out on the trolleys most mornings, but not the tomato seedlings, obviously.",
    )
    assert [q.category for q in asked] == ["exception"]
    assert "who decides" in asked[0].text
    assert not any(q.text.startswith(CATCH_ALL) for q in asked)


def test_knowledge_kept_in_a_head_asks_what_is_not_written_down(engine: OfflineEngine) -> None:
    asked = about(
        engine,
        "the function room",
        "I keep the seating plan for the function room in my head, honestly.",
    )
    assert (
        "implicit_rule",
        "What do you know about the function room that isn't written down anywhere — "
        "what would a new hire get wrong?",
    ) in [(q.category, q.text) for q in asked]
    assert not any(q.text.startswith(CATCH_ALL) for q in asked)


def test_the_head_of_in_my_head_is_no_topic(engine: OfflineEngine) -> None:
    asked = about(engine, "head", "Honestly the reorder points are all in my head.")
    assert not [q.text for q in asked if re.search(r"\b(?:the|your|about) head\b", q.text)]


def test_a_thing_kept_in_a_shoebox_asks_where_it_should_live(engine: OfflineEngine) -> None:
    asked = about(engine, "old invoices", "Old invoices sit in a shoebox under the desk.")
    assert asked and asked[0].category == "operational_decision"
    assert "Where should old invoices live so others can see and update them" in asked[0].text


def test_a_bound_asks_the_hardest_case_as_an_edge_case(engine: OfflineEngine) -> None:
    asked = about(
        engine,
        "timesheets",
        "Department heads sign the timesheets within a week.",
    )
    assert [q.category for q in asked] == ["edge_case"]
    assert "hardest case with the timesheets" in asked[0].text


def test_the_term_keeps_the_noun_it_modifies(engine: OfflineEngine) -> None:
    asked = "\n".join(
        q.text
        for q in ranked_questions(
            engine,
            "The wind closes the top lifts some days, so we move lessons down to the "
            "nursery slope and hope the nursery slope is not full.",
        )
    )
    assert "the nursery slope" in asked
    assert "the nursery to" not in asked and "the nursery —" not in asked


@pytest.mark.parametrize(
    ("named", "sentence"),
    [
        ("examiners", "The chair of examiners decides the grade after the interview."),
        ("the audiologist", "The audiologist books a follow-up within two weeks."),
        ("department", "Department heads sign the timesheets within a week."),
        ("Marta", "Marta keeps the rota on her laptop."),
    ],
)
def test_people_get_no_reading_of_how_they_are_handled(named: str, sentence: str) -> None:
    engine = OfflineEngine()
    assert names_people(named, sentence, engine.lexicon.roles, engine.lexicon.is_verb)


@pytest.mark.parametrize(
    ("named", "sentence", "category"),
    [
        ("the kennel list", "The kennel list is emailed to the parlour on Thursdays.", "reporting"),
        ("the spare keys", "At six the spare keys go back to the lodge.", "handoff"),
        ("the delivery note", "If the delivery note isn't in the crate, we ring.", "edge_case"),
        ("the big kilns", "We fire every batch twice, but never the big kilns.", "exception"),
        ("the wax", "The wax has to cool for two hours.", "edge_case"),
    ],
)
def test_each_shape_gets_its_category(named: str, sentence: str, category: str) -> None:
    reading = specific_question(named, sentence)
    assert reading is not None and reading[1] == category
    assert named in reading[0]


@pytest.mark.parametrize(
    ("named", "sentence"),
    [
        ("the photo", "If the serial number isn't on it, I ask them for the photo."),
        ("the wax", "The wax is poured into moulds."),
        ("the head", "I keep the par levels in my head."),
        ("the lodge", "Once the keys are counted we send them back to the lodge."),
    ],
)
def test_no_reading_where_the_shape_is_not_about_the_thing(named: str, sentence: str) -> None:
    assert specific_question(named, sentence) is None


# --- what "we" do under a condition: its case, not who "we" is -------------------------


def test_what_we_do_under_a_condition_asks_how_often_and_its_hardest_case(
    engine: OfflineEngine,
) -> None:
    asked = about(
        engine,
        "we send it to the staff room",
        "If a cake is more than a day old we send it to the staff room.",
    )
    assert [q.category for q in asked] == ["edge_case"]
    assert "how often does that happen" in asked[0].text
    assert not any(q.text.startswith('Who exactly is "we"') for q in asked)


def test_a_later_step_and_a_plain_step_still_ask_who_we_is(engine: OfflineEngine) -> None:
    later = about(
        engine,
        "we ship the trays",
        "If the order is over fifty loaves the baker signs it off before we ship the trays.",
    )
    plain = about(
        engine, "we check the tills", "Every night we check the tills against the receipts."
    )
    for asked in (later, plain):
        assert any(q.text.startswith('Who exactly is "we"') for q in asked)
        assert not any("how often does that happen" in q.text for q in asked)
