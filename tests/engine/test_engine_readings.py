"""Readings of the whole process: named systems that can be down, outputs and who reads
them, hand-offs to roles, classes of cases, hedged thresholds, where data lives."""

from __future__ import annotations

from support.engine_session import ranked_questions

from tacit.question_engine.offline import OfflineEngine
from tacit.question_engine.session import EngineSession
from tacit.question_engine.types import SessionContext, Suggestion

ask = ranked_questions


def find(questions: list[Suggestion], category: str, *words: str) -> Suggestion | None:
    for question in questions:
        lowered = question.text.lower()
        if question.category == category and all(w.lower() in lowered for w in words):
            return question
    return None


def test_a_named_report_sent_to_someone_asks_what_they_decide_from_it(
    engine: OfflineEngine,
) -> None:
    questions = ask(engine, "Every Friday I send the occupancy sheet to the harbour master.")
    found = find(questions, "reporting", "harbour master", "occupancy sheet")
    assert found is not None, [q.text for q in questions]
    assert "decide" in found.text


def test_a_report_that_goes_to_a_reader_asks_what_they_decide(engine: OfflineEngine) -> None:
    questions = ask(engine, "The licence position report is sent to the CFO.")
    assert find(questions, "reporting", "CFO", "decide") is not None, [q.text for q in questions]


def test_a_named_system_the_work_is_recorded_in_is_asked_about_being_down(
    engine: OfflineEngine,
) -> None:
    questions = ask(engine, "The controller creates a job in Maximo for every burst.")
    found = find(questions, "operational_decision", "Maximo is down")
    assert found is not None, [q.text for q in questions]


def test_a_capitalised_system_is_never_asked_about_as_a_person(engine: OfflineEngine) -> None:
    questions = ask(engine, "Invoices go out from Xero, and we log every payment in Sage.")
    texts = " ".join(q.text for q in questions)
    assert "Sage is down" in texts
    for name in ("Sage", "Xero"):
        assert f"when {name} is out" not in texts
        assert f"{name}'s work" not in texts


def test_a_person_or_month_after_in_is_not_a_system(engine: OfflineEngine) -> None:
    questions = ask(engine, "We log the visits in June, and Bilal records them in Meera's file.")
    texts = " ".join(q.text for q in questions)
    assert "June is down" not in texts
    assert "Meera is down" not in texts


def test_a_hedged_threshold_in_words_asks_about_its_boundary(engine: OfflineEngine) -> None:
    questions = ask(engine, "Cargo bikes take anything over like fifteen kilos.")
    assert find(questions, "edge_case", "fifteen kilos") is not None, [q.text for q in questions]


def test_a_hand_off_by_referral_asks_what_goes_with_it(engine: OfflineEngine) -> None:
    questions = ask(engine, "A score above 20 percent is referred to the academic integrity panel.")
    assert find(questions, "handoff", "integrity panel", "goes with it") is not None


def test_data_kept_on_a_laptop_asks_where_it_lives(engine: OfflineEngine) -> None:
    questions = ask(engine, "Bernadette keeps the waiting list in a spreadsheet on her laptop.")
    assert find(questions, "operational_decision", "laptop", "lost") is not None


def test_health_data_asks_where_it_is_kept_and_for_how_long(engine: OfflineEngine) -> None:
    questions = ask(engine, "Dietary requirements are recorded on the guest sheet.")
    assert find(questions, "operational_decision", "dietary requirements", "how long")


def test_the_session_top_never_asks_the_same_thing_twice_in_one_category(
    engine: OfflineEngine,
) -> None:
    session = EngineSession(engine)
    for text in (
        "Works are checked against the Art Loss Register before acceptance.",
        "Each record is also logged in the Art Loss Register by the specialist.",
    ):
        session.add_segment(text)
    about_register = [
        q for q in session.ranked() if q.category == "operational_decision" and "Register" in q.text
    ]
    assert len(about_register) <= 1, [q.text for q in about_register]


def test_stateless_suggest_still_finds_the_new_readings(engine: OfflineEngine) -> None:
    found = engine.suggest("We do the payments in Sage every Friday.", SessionContext())
    assert any("Sage is down" in q.text for q in found), [q.text for q in found]


def test_a_classification_into_kinds_asks_how_to_tell_them_apart(engine: OfflineEngine) -> None:
    questions = ask(
        engine, "The controller classifies each report as a burst, a visible leak or low pressure."
    )
    found = find(questions, "implicit_rule", "tell", "visible leak")
    assert found is not None, [q.text for q in questions]


def test_named_criteria_ask_what_is_in_them(engine: OfflineEngine) -> None:
    questions = ask(engine, "The call handler checks eligibility using the mobility criteria.")
    assert find(questions, "implicit_rule", "what exactly is in the mobility criteria")


def test_a_role_that_may_excuse_gets_an_exception_question(engine: OfflineEngine) -> None:
    questions = ask(
        engine, "A second request goes to the jury manager, who may excuse the person entirely."
    )
    found = find(questions, "exception", "on what basis does the jury manager excuse")
    assert found is not None, [q.text for q in questions]


def test_a_person_who_has_to_agree_is_asked_who_agrees_when_away(engine: OfflineEngine) -> None:
    questions = ask(engine, "If it's the third repair we replace it, but Oluwaseun has to agree.")
    assert find(questions, "exception", "Oluwaseun is away") is not None


def test_figures_reported_to_a_reader_ask_what_they_decide(engine: OfflineEngine) -> None:
    questions = ask(
        engine, "Late cancellations are logged and reported to the commissioning manager."
    )
    assert find(questions, "reporting", "commissioning manager", "late cancellations")


def test_an_acronym_reader_keeps_its_capitals(engine: OfflineEngine) -> None:
    questions = ask(engine, "The licence position report is sent to the CFO.")
    assert not any("the cfo" in q.text for q in questions)


def test_a_class_treated_differently_is_an_exception_else_a_definition(
    engine: OfflineEngine,
) -> None:
    special = ask(engine, "Our bigger accounts get their blend roasted even before they order.")
    plain = ask(engine, "Bigger accounts are invoiced monthly.")
    assert find(special, "exception", "what counts as bigger accounts")
    assert find(plain, "implicit_rule", "what counts as bigger accounts")


def test_a_passive_check_asks_what_is_looked_at(engine: OfflineEngine) -> None:
    questions = ask(engine, "Incoming samples are screened before they are logged.")
    assert find(questions, "implicit_rule", "incoming samples are screened", "looked at")


def test_a_named_check_asks_what_it_looks_at(engine: OfflineEngine) -> None:
    questions = ask(engine, "The office runs the similarity check on every thesis.")
    assert find(questions, "implicit_rule", "similarity check look at") is not None


def test_a_person_the_work_waits_on_is_asked_about_being_out(engine: OfflineEngine) -> None:
    questions = ask(engine, "Nothing ships until Meera signs the release form.")
    found = find(questions, "adoption", "Meera is out")
    assert found is not None, [q.text for q in questions]


def test_a_month_the_work_waits_for_is_not_a_person(engine: OfflineEngine) -> None:
    questions = ask(engine, "We wait for March to close the books.")
    assert not any("March is out" in q.text for q in questions)


def test_named_events_ask_how_often_they_happen(engine: OfflineEngine) -> None:
    questions = ask(engine, "No-shows get charged half after the second time.")
    assert find(questions, "edge_case", "how often", "no-shows") is not None


def test_a_reader_never_swallows_how_often(engine: OfflineEngine) -> None:
    questions = ask(engine, "A change success report goes to the CTO monthly.")
    assert find(questions, "reporting", "What does the CTO decide")


def test_a_batch_cadence_asks_about_the_urgent_case_in_between(engine: OfflineEngine) -> None:
    questions = ask(engine, "The committee meets on Tuesdays to approve the loans.")
    assert find(questions, "edge_case", "Tuesdays", "urgent") is not None


def test_a_weekday_that_is_no_batch_gets_no_cadence_question(engine: OfflineEngine) -> None:
    questions = ask(engine, "Weddings on Saturdays need the full package.")
    assert not any("in between" in q.text for q in questions)


def test_an_appeal_to_a_role_asks_on_what_basis_it_is_decided(engine: OfflineEngine) -> None:
    questions = ask(engine, "The resident may appeal to the parking manager.")
    assert find(questions, "exception", "parking manager decide an appeal") is not None


def test_a_name_with_a_role_or_a_holiday_is_a_person(engine: OfflineEngine) -> None:
    for text, name in (
        ("Refunds wait for Halvard, our finance manager, every time.", "Halvard"),
        ("When it is Ottilie's holiday, the refunds pile up.", "Ottilie"),
    ):
        questions = ask(engine, text)
        assert any(name in q.text and q.category == "adoption" for q in questions), text


def test_a_system_before_and_i_is_not_a_person(engine: OfflineEngine) -> None:
    questions = ask(engine, "So jobs drop into Onfleet and I look at who is nearest.")
    texts = " ".join(q.text for q in questions)
    assert "Onfleet is out" not in texts and "Onfleet's work" not in texts


def test_something_out_of_date_asks_who_notices(engine: OfflineEngine) -> None:
    questions = ask(engine, "If the prescription has expired, we call the surgery.")
    assert find(questions, "edge_case", "the prescription has expired") is not None
    questions = ask(engine, "Staff check the expiry date on every unit.")
    assert find(questions, "edge_case", "expiry date") is not None


def test_a_second_check_asks_who_does_it(engine: OfflineEngine) -> None:
    questions = ask(engine, "Every change gets a double-check before payroll runs.")
    assert find(questions, "implicit_rule", "who does the double-check") is not None
