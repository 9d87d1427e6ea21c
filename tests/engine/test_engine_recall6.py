"""Readings of sentence shape that name what a good engineer would ask about, where the
engine asked nothing or a catch-all: an output that reaches a reader is asked what the reader
decides from it, whatever the shape of the sentence that says so (passive, "reports X to",
"sends Y a list", "a list ... for Y", "Y receives a summary"). Sentences invented for these
tests; none comes from an evaluation split."""

from __future__ import annotations

import pytest
from support.engine_session import ranked_questions

from tacit.question_engine.offline import OfflineEngine
from tacit.question_engine.types import Suggestion


def reporting(engine: OfflineEngine, *segments: str) -> list[Suggestion]:
    return [q for q in ranked_questions(engine, *segments) if q.category == "reporting"]


@pytest.mark.parametrize(
    ("sentence", "reader"),
    [
        # passive, with a subject too long for a single output noun
        (
            "Late deliveries and damaged pallets are reported to the regional director monthly.",
            "regional director",
        ),
        # active, the object said between the verb and its reader
        ("The yard lead reports stock losses and near misses to the insurer.", "insurer"),
        ("The head gardener reports the season's losses to the trustees.", "trustees"),
        # the reader said as an indirect object, bare or with a determiner
        (
            "Every Friday the practice manager sends the partners a list of unbilled hours.",
            "partners",
        ),
        ("After each regatta the club secretary sends members a summary of results.", "members"),
        # an output made for someone
        (
            "Each morning the night porter prints a list of late checkouts for the duty manager.",
            "duty manager",
        ),
        # the reader as the subject
        (
            "The parish council receives a quarterly summary of footpath complaints.",
            "parish council",
        ),
        # a long "of ..." between the output and where it goes
        (
            "A weekly summary of refunds, write-offs and disputes goes to the finance director.",
            "finance director",
        ),
    ],
)
def test_an_output_that_reaches_a_reader_asks_what_the_reader_decides(
    engine: OfflineEngine, sentence: str, reader: str
) -> None:
    asked = reporting(engine, sentence)
    named = [q.text for q in asked if reader in q.text]
    assert named, [q.text for q in asked]
    assert any("decide" in text for text in named), named


@pytest.mark.parametrize(
    "sentence",
    [
        # a person's line manager, not a report
        "Dana reports to the operations director.",
        # a fault reported to a desk is a hand-off, not an output someone reads
        "Tenants report leaks to the help desk by phone.",
        # something sent that nobody reads to decide anything
        "We send the customer a refund within five days.",
        "The clerk sends the driver a text when the load is ready.",
    ],
)
def test_what_is_not_an_output_for_a_reader_gets_no_reader_question(
    engine: OfflineEngine, sentence: str
) -> None:
    asked = reporting(engine, sentence)
    assert not any("decide from" in q.text for q in asked), [q.text for q in asked]


def test_a_plural_reader_gets_a_verb_that_agrees(engine: OfflineEngine) -> None:
    asked = reporting(engine, "The head gardener reports the season's losses to the trustees.")
    texts = [q.text for q in asked if "trustees" in q.text]
    assert texts and not any("does the trustees" in t for t in texts), texts


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        # spelled-out numbers are limits like digits, hyphenated compounds included
        ("Batches that score below sixty-five percent are sent back to the mill.", "sixty-five"),
        ("Claims must be lodged within fourteen days of the damage.", "fourteen days"),
        ("Groups of more than eleven walkers need a second leader.", "eleven walkers"),
        ("Tenants who are over thirty-one days late get a formal letter.", "thirty-one days"),
    ],
)
def test_a_limit_in_words_is_asked_like_a_limit_in_digits(
    engine: OfflineEngine, sentence: str, named: str
) -> None:
    asked = [q.text for q in ranked_questions(engine, sentence) if q.category == "edge_case"]
    assert any(named in text for text in asked), asked


def test_more_than_one_is_no_limit(engine: OfflineEngine) -> None:
    asked = ranked_questions(engine, "If more than one person books the same van, I decide.")
    assert not any("limit of one" in q.text or "exactly one" in q.text for q in asked)


@pytest.mark.parametrize(
    "sentence",
    ["Schools get fifteen percent off the hire.", "Members get a 10% discount on Sundays."],
)
def test_a_discount_is_no_limit(engine: OfflineEngine, sentence: str) -> None:
    asked = ranked_questions(engine, sentence)
    assert not any("right at" in q.text or "exactly" in q.text for q in asked), asked


def handoffs(engine: OfflineEngine, sentence: str) -> list[str]:
    return [q.text for q in ranked_questions(engine, sentence) if q.category == "handoff"]


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        # work passed to a party whose name ends in a role or an organisation's unit
        ("Any leak found on the round is reported to the night control room.", "control room"),
        ("Once the survey is done, a work order is raised for the grounds crew.", "grounds crew"),
        ("Readings outside the band are referred to the duty engineer.", "duty engineer"),
        ("Disputed invoices are passed to the credit controller.", "credit controller"),
    ],
)
def test_work_passed_to_a_party_asks_how_it_arrives(
    engine: OfflineEngine, sentence: str, party: str
) -> None:
    asked = handoffs(engine, sentence)
    assert any(party in text for text in asked), asked


@pytest.mark.parametrize(
    "sentence",
    [
        "Renewal letters are sent to the address on file.",
        "The results are passed to the next stage automatically.",
    ],
)
def test_a_place_or_a_step_is_no_party_to_hand_to(engine: OfflineEngine, sentence: str) -> None:
    asked = handoffs(engine, sentence)
    assert not any("how do you know the" in text for text in asked), asked


def test_what_is_reported_is_never_a_prepositional_phrase(engine: OfflineEngine) -> None:
    asked = ranked_questions(engine, "Any leak found on the round is reported to the night desk.")
    assert not any("the on the" in q.text or "from the on " in q.text for q in asked), asked


def edge_cases(engine: OfflineEngine, sentence: str) -> list[str]:
    return [q.text for q in ranked_questions(engine, sentence) if q.category == "edge_case"]


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        # a check against a reference: what when they don't match, and how often
        ("The packer checks each crate against the pick list.", "pick list"),
        ("Ward clerks compare every wristband with the admission record.", "admission record"),
        # a precondition that must hold before the step
        (
            "The rigger must make sure the load is slung and the area is clear before lifting.",
            "the area is clear",
        ),
        ("Staff ensure that the freezer log is signed before the shift ends.", "freezer log"),
        # a payment taken from an instrument that can fail
        ("Membership fees are collected by direct debit each January.", "direct debit"),
        ("Replacement parts are charged to the customer's account card.", "account card"),
    ],
)
def test_a_step_that_can_fail_on_what_it_depends_on_asks_what_then(
    engine: OfflineEngine, sentence: str, named: str
) -> None:
    asked = edge_cases(engine, sentence)
    assert any(named in text for text in asked), asked


@pytest.mark.parametrize(
    "sentence",
    [
        "We check with the client before booking.",
        "Please make sure you arrive before nine.",
        "He pays by the hour.",
    ],
)
def test_no_mismatch_precondition_or_payment_question_without_its_shape(
    engine: OfflineEngine, sentence: str
) -> None:
    asked = edge_cases(engine, sentence)
    assert not any(
        "doesn't match" in t or "can't be confirmed" in t or "fails or is refused" in t
        for t in asked
    ), asked


def test_a_quoted_step_is_never_cut_inside_a_decimal_number(engine: OfflineEngine) -> None:
    asked = ranked_questions(engine, "The depot accepts pallets with a height under 1.8 metres.")
    assert not any('under 1"' in q.text for q in asked), [q.text for q in asked]


@pytest.mark.parametrize(
    ("sentence", "medium"),
    [
        ("Drivers log each drop on a tablet in the cab.", "tablet"),
        ("Site visits go on the shared calendar.", "shared calendar"),
        ("Signed consent forms are kept in a folder in the office.", "folder"),
        ("Key loans are written in the logbook at reception.", "logbook"),
    ],
)
def test_work_kept_on_a_personal_medium_asks_where_it_should_live(
    engine: OfflineEngine, sentence: str, medium: str
) -> None:
    asked = [
        q.text for q in ranked_questions(engine, sentence) if q.category == "operational_decision"
    ]
    assert any(medium in text for text in asked), asked


def exceptions(engine: OfflineEngine, sentence: str) -> list[str]:
    return [q.text for q in ranked_questions(engine, sentence) if q.category == "exception"]


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        # a class named by a quality, treated its own way
        ("Anything fragile, like glass or ceramics, goes in the padded crates.", "fragile"),
        ("Anything urgent we phone through instead of emailing.", "urgent"),
        # a class named in an if-clause, with its alternative
        ("If it's a pensioner or a student we knock a fiver off.", "student"),
    ],
)
def test_a_class_treated_its_own_way_asks_what_counts_and_who_decides(
    engine: OfflineEngine, sentence: str, named: str
) -> None:
    asked = exceptions(engine, sentence)
    assert any(named in text and "decides" in text for text in asked), asked


@pytest.mark.parametrize(
    "sentence",
    [
        "Anything else goes by second-class post.",
        "Anything over twenty kilos needs two people.",
        "If it's a Monday or a Tuesday we close early.",
        "Anything we can't fix gets sent back.",
    ],
)
def test_no_class_question_without_a_class(engine: OfflineEngine, sentence: str) -> None:
    asked = exceptions(engine, sentence)
    assert not any("What counts as" in t or "Who counts as" in t for t in asked), asked


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        # a weekday said as a habit (plural) is a cadence like "every Friday"
        ("On Friday afternoons the office manager goes through the overtime sheet.", "overtime"),
        ("Tuesdays I look through the complaints log with Marek.", "complaints log"),
    ],
)
def test_something_looked_at_on_a_weekly_habit_is_asked_as_a_report(
    engine: OfflineEngine, sentence: str, named: str
) -> None:
    asked = reporting(engine, sentence)
    assert any(named in q.text for q in asked), [q.text for q in asked]


def test_one_weekday_is_no_cadence(engine: OfflineEngine) -> None:
    asked = reporting(engine, "On Friday the auditor looks through the overtime sheet.")
    assert not any("at each review" in q.text for q in asked), [q.text for q in asked]


def test_a_weekday_habit_is_no_deadline(engine: OfflineEngine) -> None:
    asked = ranked_questions(
        engine, "On Friday afternoons the office manager goes through the rota."
    )
    assert not any('misses "on Friday"' in q.text for q in asked), [q.text for q in asked]


@pytest.mark.parametrize(
    ("sentence", "actor", "named"),
    [
        # a role's permission ("may") is a judgment: on what basis, and who when they're away
        (
            "The duty pharmacist may authorise an emergency dose instead.",
            "pharmacist",
            "emergency dose",
        ),
        ("The site foreman may approve a short extension in bad weather.", "foreman", "extension"),
    ],
)
def test_what_a_role_may_do_asks_on_what_basis(
    engine: OfflineEngine, sentence: str, actor: str, named: str
) -> None:
    asked = exceptions(engine, sentence)
    assert any(actor in t and named in t and "basis" in t for t in asked), asked


@pytest.mark.parametrize(
    "sentence",
    [
        "The report may take a day to arrive.",
        "The driver may be late on Mondays.",
        "Customers may pay by card.",
    ],
)
def test_no_permission_question_without_a_role_granted_one(
    engine: OfflineEngine, sentence: str
) -> None:
    asked = exceptions(engine, sentence)
    assert not any("On what basis does" in t for t in asked), asked


def test_a_thing_never_ends_on_a_modal(engine: OfflineEngine) -> None:
    asked = ranked_questions(engine, "The night nurse may give a second blanket instead.")
    assert not any(" may handled" in q.text for q in asked), [q.text for q in asked]
