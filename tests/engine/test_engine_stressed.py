"""What people stress, asked about as an interviewer would: a word of judgment used as a
measure, a feeling, a named problem, what they put first; and probes that name a thing,
never a verb, a modal or a contraction. Sentences are invented for these tests."""

from __future__ import annotations

import pytest
from support.engine_session import ranked_questions

from tacit.question_engine.offline import OfflineEngine
from tacit.question_engine.probe import salient_term


def asked(engine: OfflineEngine, *segments: str) -> str:
    return "\n".join(q.text for q in ranked_questions(engine, *segments))


def test_a_word_of_judgment_used_as_a_measure_is_asked_what_it_means(
    engine: OfflineEngine,
) -> None:
    text = "We only take suppliers with good delivery records, the rest go on a waiting list."
    assert 'What do you mean by "good delivery records"' in asked(engine, text)


def test_well_done_words_are_asked_what_they_mean(engine: OfflineEngine) -> None:
    text = "I pick a depot only if it is well connected to the motorway and open late."
    assert 'What do you mean by "well connected"' in asked(engine, text)


def test_a_minimal_amount_is_asked_what_it_means(engine: OfflineEngine) -> None:
    text = "The planners prefer a minimal number of transfers on every route they build."
    assert 'What do you mean by "minimal number of transfers"' in asked(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "That was a good idea from the night shift, so we kept doing it that way.",
        "It was a good day for the crew and the drivers had a good time at the depot.",
        "We had good friends at the depot who covered for us when the trucks were late.",
        "A good number of the parcels arrive without a label from the central warehouse.",
        "They had good Monday mornings when the stock had arrived on the Friday night.",
    ],
)
def test_idioms_and_fragments_are_not_asked_what_they_mean(
    engine: OfflineEngine, text: str
) -> None:
    questions = asked(engine, text)
    assert "What do you mean by" not in questions


def test_a_feeling_is_asked_what_causes_it(engine: OfflineEngine) -> None:
    text = "I only feel safe signing off a batch when the second tester has seen it."
    assert "What makes you feel safe — can you give an example?" in asked(engine, text)


def test_a_feeling_someone_else_has_is_not_asked_as_yours(engine: OfflineEngine) -> None:
    text = "The drivers feel rushed when dispatch sends three jobs in a row on a Friday."
    assert "What makes you feel" not in asked(engine, text)


def test_a_problem_feeling_asks_for_an_example(engine: OfflineEngine) -> None:
    text = "The month-end reconciliation is really frustrating because the bank file is late."
    assert "What makes it frustrating — can you give an example" in asked(engine, text)


def test_a_named_problem_asks_for_an_example(engine: OfflineEngine) -> None:
    text = "We tried three carriers last year, but parking at the depot was a real problem."
    assert "Can you give an example of when parking at the depot was a problem" in asked(
        engine, text
    )


def test_a_problem_named_by_a_pronoun_is_not_asked_about(engine: OfflineEngine) -> None:
    text = "We changed the rota twice last winter and it was a problem for the night shift."
    assert "example of when it was" not in asked(engine, text)


def test_what_is_put_first_is_asked_how_much_it_weighs(engine: OfflineEngine) -> None:
    text = "For new tenants I think income is the most important, then references and pets."
    assert "How much does income weigh against everything else" in asked(engine, text)


def test_a_plural_first_thing_takes_do(engine: OfflineEngine) -> None:
    text = "When we pick a courier, I believe prices are a big factor for the finance team."
    questions = asked(engine, text)
    assert "How much do prices weigh against everything else" in questions
    assert "How much does prices" not in questions


def test_a_clause_put_first_is_not_asked_about(engine: OfflineEngine) -> None:
    text = "What matters to me is that the food is fresh, and this is the most important."
    assert "How much does this weigh" not in asked(engine, text)


@pytest.mark.parametrize(
    ("text", "not_the_term"),
    [
        ("I was looking for a cheaper van hire and I was looking at three depots.", "looking"),
        ("I don't book the crane unless the site is ready, and I don't book it Mondays.", "don't"),
        ("I've called the depot, I've called the driver and the pallet might arrive.", "I've"),
        ("The main thing about the main depot is that the main gate closes at six.", "main"),
    ],
)
def test_a_probe_names_a_thing_not_a_verb_modal_or_contraction(
    text: str, not_the_term: str
) -> None:
    term, _ = salient_term(text)
    assert term and not_the_term not in term.split()


def test_a_probe_still_names_the_repeated_thing(engine: OfflineEngine) -> None:
    term, _ = salient_term(
        "The pallets come in at seven, the pallets are counted, then the pallets go to racking."
    )
    assert term == "pallets"


def test_a_probe_among_single_mentions_names_the_thing_said_first() -> None:
    term, _ = salient_term(
        "Procurement has been slow this quarter. They reply within days, and the "
        "paperwork goes through a portal we never open."
    )
    assert term == "procurement"  # a capital that only starts the sentence is no name


def test_an_ing_word_said_as_a_verb_is_no_session_topic(engine: OfflineEngine) -> None:
    questions = asked(
        engine,
        "I was looking at the depots, the vans and the routes, then looking at the costs.",
        "We kept looking at the depots and the vans, and the routes changed every week.",
    )
    assert "looking" not in questions.split("So what matters most here is")[-1].split("—")[0]


def test_a_judgment_with_a_test_behind_it_is_asked_how_to_tell(engine: OfflineEngine) -> None:
    text = "We only book hotels near the venue that turn out to be safe for the late shifts."
    assert "How do you tell whether something is safe" in asked(engine, text)


def test_to_be_safe_is_an_idiom_not_a_judgment(engine: OfflineEngine) -> None:
    text = "Just to be safe, the dispatcher calls the site twice before a crane arrives."
    assert "How do you tell whether something is safe" not in asked(engine, text)


def test_a_balance_between_two_things_asks_which_wins(engine: OfflineEngine) -> None:
    text = "Choosing a caterer is a balance between the price and the menu, most of the time."
    assert "When the price and the menu pull different ways, which one wins" in asked(engine, text)


def test_where_a_person_goes_is_no_hand_off(engine: OfflineEngine) -> None:
    text = "On Fridays I either go to the market or I go to the wholesaler in town for stock."
    assert "hand-off to" not in asked(engine, text)


def test_where_a_case_goes_is_still_a_hand_off(engine: OfflineEngine) -> None:
    text = "Refunds over two hundred pounds go to the finance team for a second check."
    assert "hand-off to the finance team" in asked(engine, text)


def test_what_is_put_first_may_be_a_noun_with_its_complement(engine: OfflineEngine) -> None:
    text = "For takeaway orders, the time to deliver is the biggest factor for our customers."
    assert "How much does the time to deliver weigh" in asked(engine, text)


def test_great_used_as_a_measure_is_asked_what_it_means(engine: OfflineEngine) -> None:
    text = "We only list a venue on the site when it has a great kitchen and a big hall."
    assert 'What do you mean by "great kitchen"' in asked(engine, text)


def test_a_check_named_after_a_conjunction_is_not_glued_to_it(engine: OfflineEngine) -> None:
    text = "I open the portal and check invoices for the suppliers that sent one this week."
    assert "portal and check" not in asked(engine, text)


def test_one_criterion_looked_at_asks_what_else_is(engine: OfflineEngine) -> None:
    text = "Before a booking is confirmed, we check the deposit and then the dates are held."
    assert "Besides the deposit, what else do you look at before you decide" in asked(engine, text)


def test_a_pronoun_looked_at_is_not_a_criterion(engine: OfflineEngine) -> None:
    text = "When a claim arrives I look at it, then I check whether the policy is still live."
    assert "Besides it," not in asked(engine, text)
    assert "Besides whether" not in asked(engine, text)


def test_a_big_factor_is_not_asked_what_counts_as_one(engine: OfflineEngine) -> None:
    text = "For the buyers, delivery time is a big factor and a major factor in renewals too."
    questions = asked(engine, text)
    assert "big factor" not in questions and "major factor" not in questions


def test_where_a_person_does_not_go_is_no_hand_off(engine: OfflineEngine) -> None:
    text = "I don't go to a lot of new suppliers, and we never go to the auction houses."
    assert "hand-off to" not in asked(engine, text)


def test_an_adjective_said_often_is_no_session_topic(engine: OfflineEngine) -> None:
    segments = [
        "The night route is scary, the bridge is scary and the depot yard is scary too.",
        "Drivers say the loading bay is scary at night, so they park out on the road.",
        "We moved the late deliveries earlier, which the drivers liked a lot more.",
    ]
    assert "view on scary" not in asked(engine, *segments)


def test_what_someone_looks_for_is_a_search_not_a_criterion(engine: OfflineEngine) -> None:
    text = "On Mondays I look for cheap flights to Lisbon and then book the hotel after."
    assert "Besides cheap flights" not in asked(engine, text)


def test_a_problem_named_after_an_aside_asks_for_an_example(engine: OfflineEngine) -> None:
    text = "Honestly the returns process was a real nightmare for us last winter."
    assert "Can you give an example of when the returns process was a problem" in asked(
        engine, text
    )
