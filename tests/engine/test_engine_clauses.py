"""Rules read from a sentence's shape: a class of cases under an obligation or entitlement,
a consequence with a trailing condition; and a top that spreads over sentences, each of
which states its own rule. Sentences are invented for these tests."""

from __future__ import annotations

import pytest
from support.engine_session import ranked_questions

from tacit.question_engine.offline import OfflineEngine

ask = ranked_questions


def test_a_class_under_an_obligation_is_asked_about_its_edge(engine: OfflineEngine) -> None:
    asked = ask(engine, "Members over seventy may ask for a home visit.")
    edge = [q for q in asked if '"Members over seventy may ask for a home visit"' in q.text]
    assert edge and edge[0].category == "edge_case"


def test_a_trailing_condition_is_quoted_with_its_consequence(engine: OfflineEngine) -> None:
    asked = ask(engine, "Returns are only accepted if the tag is still attached.")
    quoted = [
        q for q in asked if '"returns are only accepted if the tag is still attached"' in q.text
    ]
    assert quoted and quoted[0].category == "edge_case"


@pytest.mark.parametrize(
    ("text", "never"),
    [
        ("Sam must sign every contract over the limit.", '"Sam must'),  # a person, not a class
        ("We may get to it later if there's time.", '"we may'),  # a pronoun subject
        ("Okay so what happens is the van leaves at six if the driver is in.", '"okay so'),
        ("Honestly it depends if they have time.", '"honestly it depends if'),
    ],
)
def test_no_rule_is_read_from_a_person_a_pronoun_or_a_filler(
    engine: OfflineEngine, text: str, never: str
) -> None:
    assert not [q.text for q in ask(engine, text) if never in q.text.lower() or never in q.text]


def test_the_top_asks_about_each_sentence_before_a_second_question_on_one(
    engine: OfflineEngine,
) -> None:
    sentences = [
        "The night supervisor checks the pallets before they leave the yard.",
        "Orders come in through Shopify.",
        "Refunds are only issued for orders under 90 days old.",
    ]
    asked = ask(engine, " ".join(sentences))
    assert {q.quote for q in asked[:3]} == set(sentences)


def test_a_class_narrowed_by_a_modifier_is_asked_about_its_edge(engine: OfflineEngine) -> None:
    asked = ask(engine, "Patients needing oxygen travel in a crewed ambulance.")
    assert any('"Patients needing oxygen travel in a crewed ambulance"' in q.text for q in asked)


def test_a_numbered_time_window_is_asked_what_happens_at_its_end(engine: OfflineEngine) -> None:
    asked = ask(engine, "We hold the date for a two-week period and then release it.")
    window = [q for q in asked if "the end of the two-week period" in q.text]
    assert window and window[0].category == "edge_case"


def test_a_deadline_keeps_its_time_of_day(engine: OfflineEngine) -> None:
    asked = ask(engine, "Anything in by Monday noon goes out on Wednesday.")
    assert any('"by Monday noon"' in q.text for q in asked)


def test_a_named_party_doing_part_of_the_work_is_asked_about_the_hand_off(
    engine: OfflineEngine,
) -> None:
    asked = ask(engine, "Claims are checked by Aviva before we pay.")
    party = [q for q in asked if q.text.startswith("What does Aviva need from you")]
    assert party and party[0].category == "handoff"


def test_a_person_or_a_weekday_is_no_party_or_system(engine: OfflineEngine) -> None:
    asked = "\n".join(q.text for q in ask(engine, "Invoices are paid by Tom on Fridays."))
    assert "What does Tom need from you" not in asked
    assert "Fridays is down" not in asked


def test_what_a_decision_goes_by_is_asked_how_it_settles_it(engine: OfflineEngine) -> None:
    asked = ask(engine, "We go by breed and coat, a doodle takes three hours.")
    basis = [q for q in asked if q.text.startswith("When you go by breed and coat")]
    assert basis and basis[0].category == "implicit_rule"
    assert not [q for q in ask(engine, "We look at it together on Monday.") if "go by it" in q.text]


def test_a_role_named_x_of_y_is_asked_who_approves_in_its_absence(engine: OfflineEngine) -> None:
    asked = ask(engine, "The head of department approves any reserve above the high estimate.")
    assert any("when the head of department is away" in q.text for q in asked)


def test_a_blackout_window_is_asked_what_may_still_go_through(engine: OfflineEngine) -> None:
    asked = ask(engine, "Nothing is shipped during the stocktake.")
    window = [q for q in asked if "until after the stocktake" in q.text]
    assert window and window[0].category == "exception"


def test_a_condition_about_what_is_on_is_read_but_not_a_two_word_aside(
    engine: OfflineEngine,
) -> None:
    asked = ask(engine, "I adjust the order if there's a football match on.")
    assert any('"I adjust the order if there\'s a football match on"' in q.text for q in asked)
    assert not [q for q in ask(engine, "We may get to it later if there's time.") if '"' in q.text]


def test_looking_at_some_cases_is_no_basis_of_a_decision(engine: OfflineEngine) -> None:
    asked = ask(engine, "Most claims go through; I just look at the odd ones by hand.")
    assert not [q for q in asked if q.text.startswith("When you go by")]
