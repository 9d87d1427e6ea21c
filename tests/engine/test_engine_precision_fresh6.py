"""Wrong questions of the classes seen in every precision round (bench/eval/README.md,
sixth round), each checked on sentences invented for it. Class B here: a slot that is no
whole constituent — it ends on a word that needs more, stops inside a phrase, is a
correction or a noun read as a verb — or a quote that drops what governs it."""

from __future__ import annotations

from support.engine_session import ranked_questions

from tacit.question_engine.offline import OfflineEngine
from tacit.question_engine.slot_validity import SlotVerdict, slot_verdict


def ask(engine: OfflineEngine, *segments: str) -> str:
    return "\n".join(q.text for q in ranked_questions(engine, *segments))


# --- a slot never ends on a word that needs more after it ------------------------------


def test_a_slot_never_ends_on_a_conjunction_and_a_pronoun(engine: OfflineEngine) -> None:
    asked = ask(engine, "Anything with asbestos, I forward it to Harlow Removals and they quote.")
    assert "Harlow Removals and they" not in asked


def test_a_slot_never_ends_on_until(engine: OfflineEngine) -> None:
    asked = ask(
        engine, "Rejected casks are not sent to requesting bottlers until a panel has passed them."
    )
    assert "bottlers until" not in asked


def test_a_slot_never_ends_on_a_number_cut_from_its_unit(engine: OfflineEngine) -> None:
    asked = ask(engine, "The full crates go to the county depot for three weeks before sorting.")
    assert "hand-off to the county depot for three" not in asked


def test_a_correction_is_no_list_of_things_to_weigh() -> None:
    sentence = "We weigh each sack at the gate, not on the docket, because dockets run light."
    thing = "each sack at the gate, not on the docket"
    start = sentence.index(thing)
    verdict = slot_verdict(thing, sentence, start, start + len(thing), verb_slot=False)
    assert verdict is SlotVerdict.NONE


def test_a_cadence_word_is_no_thing_reviewed(engine: OfflineEngine) -> None:
    asked = ask(engine, "Each tile sample is fired, photographed and checked weekly for a month.")
    assert "in weekly" not in asked


def test_a_noun_after_an_article_is_no_verb(engine: OfflineEngine) -> None:
    asked = ask(engine, "The chase desk is whoever sits nearest the phone that afternoon.")
    assert "should the agent chase" not in asked


def test_a_rate_is_not_cut_to_a_distance(engine: OfflineEngine) -> None:
    asked = ask(engine, "Above 40 kilometres per hour the tower cranes stop lifting.")
    assert "exactly 40 kilometres," not in asked
    assert "exactly 40 kilometres per hour," in asked


def test_a_deadline_after_a_negation_is_still_quoted(engine: OfflineEngine) -> None:
    asked = ask(engine, "A camper whose deposit has not cleared by the Friday loses the pitch.")
    assert '"by the Friday"' in asked


def test_an_ellipsis_after_its_subject_still_closes_a_quote(engine: OfflineEngine) -> None:
    asked = ask(engine, "I usually check how tidy the kitchen is.")
    assert '"check how tidy the kitchen is"' in asked


# --- a quote keeps what governs it -------------------------------------------------------


def test_a_quote_never_drops_the_negation_over_it(engine: OfflineEngine) -> None:
    asked = ask(engine, "We don't try to pour concrete in the rain unless the slab is covered.")
    assert '"pour concrete in the rain"' not in asked


def test_a_quote_never_drops_the_otherwise_that_closes_it(engine: OfflineEngine) -> None:
    asked = ask(engine, "Late fees are waived for students unless the bursar decides otherwise.")
    assert '"unless the bursar decides"' not in asked
