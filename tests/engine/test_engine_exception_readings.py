"""Exception readings from a sentence's main action: a procedure's step ("The clerk files
the forms") is asked what happens when it can't be done the usual way and who decides
then, the taxonomy's exception. Sentences are invented for these tests."""

from __future__ import annotations

import pytest
from support.engine_session import ranked_questions

from tacit.question_engine.offline import OfflineEngine
from tacit.question_engine.slots import Lexicon
from tacit.question_engine.turn_phrases import readings

ask = ranked_questions


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("The night porter logs every parcel in the book.", "the night porter logs every parcel"),
        ("The clerk files the forms.", "the clerk files the forms"),
        ("Each kennel is cleaned before the next dog arrives.", "each kennel is cleaned before"),
    ],
)
def test_a_procedure_step_is_asked_when_it_cannot_be_done(
    engine: OfflineEngine, text: str, step: str
) -> None:
    asked = [q for q in ask(engine, text) if step in q.text.lower()]
    assert asked and asked[0].category == "exception"
    assert "can't be done the usual way" in asked[0].text


@pytest.mark.parametrize(
    "text",
    [
        "The weather is bad in winter.",  # a state, no step
        "The popular rooms are booked solid.",  # a passive state, not a step
        "The reorder points were set years ago and nobody knows why.",  # a plural noun
        "The kids love it.",
    ],
)
def test_a_state_is_no_procedure_step(engine: OfflineEngine, text: str) -> None:
    assert not [q for q in ask(engine, text) if "can't be done the usual way" in q.text]


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("The practice lead reviews open complaints every fortnight.", "open complaints"),
        ("Every Monday I look at the missed pickups and decide.", "the missed pickups"),
        ("Once a month the owner goes through the refund log.", "the refund log"),
    ],
)
def test_something_looked_at_on_a_cadence_is_asked_as_a_report(
    engine: OfflineEngine, text: str, thing: str
) -> None:
    asked = [q for q in ask(engine, text) if "at each review" in q.text]
    assert asked and asked[0].category == "reporting"
    assert f"in {thing} at each review" in asked[0].text


@pytest.mark.parametrize(
    "text",
    [
        "We check the ID every time, no exceptions.",  # every time is no cadence
        "I look at it every week or so.",  # nothing named to look at
        "She reviews for the auditors every quarter.",  # a preposition is no thing
    ],
)
def test_no_review_question_without_a_cadence_and_a_thing(engine: OfflineEngine, text: str) -> None:
    assert not [q for q in ask(engine, text) if "at each review" in q.text]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Smoking is not permitted on the premises.", "smoking is not permitted on the premises"),
        (
            "Listed buildings cannot be altered without consent from the council.",
            "listed buildings cannot be altered without consent from the council",
        ),
        ("Parcels over 30 kilos are not accepted.", "parcels over 30 kilos are not accepted"),
    ],
)
def test_what_a_rule_forbids_is_asked_who_may_allow_it(
    engine: OfflineEngine, text: str, rule: str
) -> None:
    asked = [q for q in ask(engine, text) if f'"{rule}" ever been set aside' in q.text]
    assert asked and asked[0].category == "exception"


@pytest.mark.parametrize(
    "text",
    [
        "The form cannot be found anywhere.",  # impossible, not forbidden
        "The customer cannot be reached by phone.",
        "We are not allowed to park there.",  # a pronoun subject: no rule of the workflow
        "It can't be helped, honestly.",
    ],
)
def test_what_cannot_happen_is_no_prohibition(engine: OfflineEngine, text: str) -> None:
    assert not [q for q in ask(engine, text) if "ever been set aside" in q.text]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Crates with a bad smell we send back to the farm.", "exception"),
        ("A bad smell and we cancel the delivery on the spot.", "exception"),
        ("Most of our customers want a decent warranty on the boiler.", "implicit_rule"),
    ],
)
def test_a_judged_word_that_sets_the_norm_aside_is_an_exception(
    engine: OfflineEngine, text: str, category: str
) -> None:
    judged = [
        q
        for q in ask(engine, text)
        if q.text.startswith(("What makes something", "What do you mean by", "How do you tell"))
    ]
    assert judged and judged[0].category == category


def test_a_judged_word_before_a_pronoun_names_no_thing(engine: OfflineEngine) -> None:
    asked = ask(engine, "If the finish is really poor we send it back.")
    assert not [q for q in asked if '"poor we' in q.text]


@pytest.mark.parametrize(
    "text",
    ["Zofia negotiates the renewals with the big clients.", "Zofia has the final say on refunds."],
)
def test_a_name_doing_what_only_people_do_is_asked_who_covers(
    engine: OfflineEngine, text: str
) -> None:
    covers = [q for q in ask(engine, text) if q.text.startswith("When Zofia is out")]
    assert covers and covers[0].category == "adoption"


def test_a_system_with_the_final_say_is_no_person(engine: OfflineEngine) -> None:
    assert not [
        q for q in ask(engine, "Stripe has the final say on disputes.") if "Stripe is out" in q.text
    ]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Usually the nearest van takes the job, but burst pipes jump the queue.", "exception"),
        ("We normally ship on Mondays, but big orders go out the same day.", "exception"),
        ("We normally ship on Mondays from the back door of the warehouse.", "edge_case"),
    ],
)
def test_a_hedge_followed_by_its_departure_is_an_exception(
    engine: OfflineEngine, text: str, category: str
) -> None:
    hedged = [
        q for q in ask(engine, text) if q.text.startswith(("You said usually", "You said normally"))
    ]
    assert hedged and hedged[0].category == category


def test_a_refusal_is_no_procedure_step(engine: OfflineEngine) -> None:
    asked = ask(engine, "The gardeners won't touch the hedges in nesting season.")
    assert not [q for q in asked if "can't be done the usual way" in q.text]


def test_a_thing_in_a_sentence_that_sets_the_usual_way_aside_is_asked_as_an_exception(
    engine: OfflineEngine,
) -> None:
    asked = ask(
        engine, "Honestly we don't deliver to the islands in winter, the ferry is too dear."
    )
    set_aside = [q for q in asked if "handled differently from usual" in q.text]
    assert set_aside and all(q.category == "exception" for q in set_aside)


def test_a_thing_in_a_sentence_with_a_limit_is_asked_for_its_hard_cases(
    engine: OfflineEngine,
) -> None:
    asked = ask(engine, "I usually spend about forty minutes on the bus to get to the gym.")
    hard = [q for q in asked if q.text.startswith("What is the hardest case with")]
    assert hard and all(q.category == "edge_case" for q in hard)


def test_a_person_or_a_count_is_no_hard_case() -> None:
    asked = [f.text for f in readings("I send the analyst about ten files a week.", Lexicon.load())]
    assert not [q for q in asked if "hardest case with the analyst" in q]
    assert not [q for q in asked if q.endswith(("the ten — can you give an example?",))]
    assert not [q for q in asked if "with the ten" in q]
