"""Wrong questions of the classes seen in every precision round (bench/eval/README.md,
sixth round), each checked on sentences invented for it. Class B here: a slot that is no
whole constituent — it ends on a word that needs more, stops inside a phrase, is a
correction or a noun read as a verb — or a quote that drops what governs it."""

from __future__ import annotations

from support.engine_session import ranked_questions

from tacit.question_engine.answered import answered_by
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


# --- class A: the text already answers it ----------------------------------------------


def test_one_of_a_pool_is_not_asked_who_covers(engine: OfflineEngine) -> None:
    asked = ask(engine, "The night porter is whoever's on the list, usually Farid.")
    assert "When Farid is out" not in asked
    asked = ask(engine, "Night calls go to whoever is on call, at the moment that's Gideon.")
    assert "When Gideon is out" not in asked


def test_a_fallback_after_unless_answers_who_covers(engine: OfflineEngine) -> None:
    asked = ask(
        engine,
        "So the kiln gets loaded every evening, and Ottilie fires it unless she's on a"
        " break, then it's whoever has the key.",
    )
    assert "When Ottilie is out" not in asked


def test_an_exception_said_answers_a_way_around_only(engine: OfflineEngine) -> None:
    asked = ask(
        engine, "Keys are handed over only after the deposit has cleared, except to tenants."
    )
    assert "is there a way around it" not in asked
    asked = ask(engine, "Keys are handed over only after the deposit has cleared.")
    assert "is there a way around it" in asked


def test_work_entered_by_hand_is_not_asked_if_typed_by_hand(engine: OfflineEngine) -> None:
    asked = ask(
        engine, "Meter readings are written on the card and entered into the billing system."
    )
    assert "typed by hand or sent automatically" not in asked
    assert "When the billing system is down" in asked


def test_the_operators_own_absence_is_no_doubtful_condition(engine: OfflineEngine) -> None:
    asked = ask(engine, "If I'm on holiday, Dora answers the line and she only takes messages.")
    assert "can't tell whether I'm on holiday" not in asked


def test_a_stock_fact_may_still_be_doubtful(engine: OfflineEngine) -> None:
    asked = ask(engine, "If we don't have the part in stock, the supplier delivers next day.")
    assert "can't tell whether we don't have the part in stock" in asked


def test_hours_defined_by_the_clock_are_not_asked_what_counts(engine: OfflineEngine) -> None:
    asked = ask(
        engine, "Anything that arrives out of hours, so between 18:00 and 08:00, goes to Ward 4."
    )
    assert "What counts as out of hours" not in asked
    assert "borderline cases of out of hours" not in asked


def test_what_goes_along_and_what_follows_an_unless_are_closed_when_said() -> None:
    assert answered_by(
        "When it goes to the loss adjuster, what exactly goes with it — and how do you know?",
        "Claims go to the loss adjuster on form C2, with the photos and the receipt.",
    )
    assert answered_by(
        'You said "Arno bakes unless he\'s ill" — what happens right at that line, or when it'
        " can't be done, and who decides then?",
        "Arno bakes unless he's ill, then it's whoever has the key.",
    )
    assert not answered_by(
        'You said "Arno bakes unless he\'s ill" — what happens right at that line, or when it'
        " can't be done, and who decides then?",
        "Arno bakes unless he's ill.",
    )


def test_an_exception_to_a_sentence_that_says_its_exception_is_not_asked() -> None:
    sentence = "Bruno drives the gritter unless the roads are dry."
    assert answered_by(f'Who may make an exception to "{sentence[:-1]}", and on what grounds?', "")


# --- a slot read inside a compound, a relative "they", a role as a topic -----------------


def test_a_check_card_is_no_thing_checked(engine: OfflineEngine) -> None:
    asked = ask(engine, "Every kiln is checked by its potter using the kiln's weekly check card.")
    assert "looked for in card" not in asked


def test_a_party_named_is_not_cut_inside_its_phrase(engine: OfflineEngine) -> None:
    asked = ask(engine, "A monthly sample goes to the regional laboratory for mould counts.")
    assert "laboratory for mould," not in asked


def test_they_in_a_relative_clause_points_back(engine: OfflineEngine) -> None:
    asked = ask(engine, "Kayaks are launched in the order they check in, not by size.")
    assert 'Who exactly is "they"' not in asked


def test_a_role_is_no_topic_of_its_own(engine: OfflineEngine) -> None:
    asked = ask(engine, "A crane that fails any item does not lift until the crane engineer signs.")
    assert "know about the crane engineer" not in asked
    assert "about the crane engineer —" not in asked


def test_a_quote_never_stops_inside_a_list(engine: OfflineEngine) -> None:
    asked = ask(
        engine,
        "Each van is checked before the first drop."
        " The checklist covers tyres, lights, the tail lift and the fridge unit.",
    )
    assert 'For "the checklist covers tyres"' not in asked


# --- class E: no filler once a segment has questions of its own --------------------------


def test_a_segment_with_questions_of_its_own_gets_no_filler_probe(engine: OfflineEngine) -> None:
    asked = ask(
        engine,
        "Tank water is tested by the duty keeper at opening and then every three hours."
        " Readings are written on the log sheet and entered into the aquarium system."
        " If ammonia rises above 0.5 mg/l, the keeper informs the curator, who decides whether"
        " to move the fish. The filter room is entered only by staff who hold the permit.",
    )
    assert "What would a newcomer need to know" not in asked
    assert len(asked.splitlines()) >= 4  # its own questions stay


def test_how_long_a_repeated_step_goes_on_is_no_limit(engine: OfflineEngine) -> None:
    asked = ask(engine, "Each new wheel of cheese is brushed and turned daily for three months.")
    assert "exactly three months" not in asked
    asked = ask(engine, "Lockers unused for 60 days are emptied by the caretaker.")
    assert "exactly 60 days" in asked


def test_a_count_after_for_that_is_no_time_is_no_limit(engine: OfflineEngine) -> None:
    asked = ask(engine, "Each sample is screened for four pathogens before storage.")
    assert "exactly four pathogens" not in asked


def test_whoevers_is_no_quote_on_its_own(engine: OfflineEngine) -> None:
    asked = ask(engine, "The late shift is whoever's around, usually Kit.")
    assert '"whoever\'s"' not in asked


def test_a_party_said_not_to_get_it_is_not_asked_about(engine: OfflineEngine) -> None:
    asked = ask(
        engine,
        "Boat owners book haul-outs by phone."
        " Invoices go to the harbour office, not the yard foreman, because foremen lose them.",
    )
    assert "Who stands in for the yard foreman" not in asked
    assert "What reaches the yard foreman" not in asked
    assert "hand-off to the harbour office" in asked
