"""What people stress, asked about as an interviewer would: a word of judgment used as a
measure, a feeling, a named problem, what they put first; and probes that name a thing,
never a verb, a modal or a contraction. Sentences are invented for these tests."""

from __future__ import annotations

import pytest

from tacit.question_engine.offline import OfflineEngine
from tacit.question_engine.probe import salient_term
from tacit.question_engine.session import EngineSession


@pytest.fixture(scope="module")
def engine() -> OfflineEngine:
    return OfflineEngine()


def asked(engine: OfflineEngine, *segments: str) -> str:
    session = EngineSession(engine)
    for segment in segments:
        session.add_segment(segment)
    return "\n".join(q.text for q in session.ranked())


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
