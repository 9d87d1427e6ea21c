"""Slots a reviewer rejects as fragments or misreadings: a clause where a noun belongs, a
phrase cut off mid-way, a trailing adverb, a named report read as a meeting, a department
read as an audit trail, a role read as a routing rule. Sentences are invented for these tests."""

from __future__ import annotations

from support.engine_session import ranked_questions

from tacit.question_engine.offline import OfflineEngine


def asked(engine: OfflineEngine, *segments: str) -> str:
    return "\n".join(q.text for q in ranked_questions(engine, *segments))


def test_a_clause_after_confirms_is_not_a_thing_to_confirm(engine: OfflineEngine) -> None:
    questions = asked(engine, "Nothing ships until Ravi confirms the pallets are labelled.")
    assert "labelled can't be confirmed" not in questions


def test_a_condition_a_little_over_the_word_limit_is_asked_whole(engine: OfflineEngine) -> None:
    questions = asked(
        engine, "If the parcel came from a courier skipping the signature step, I call the depot."
    )
    assert "a courier skipping —" not in questions
    assert "a courier skipping the —" not in questions


def test_a_long_judgment_phrase_is_not_cut_mid_noun(engine: OfflineEngine) -> None:
    questions = asked(
        engine,
        "The duty manager decides whether to swap in a frozen batch from an approved bakery "
        "such as Crumb & Co.",
    )
    assert "swap in a frozen —" not in questions
    assert "swap in a —" not in questions


def test_manual_work_is_quoted_whole_not_cut_before_its_noun(engine: OfflineEngine) -> None:
    questions = asked(
        engine, "If the scanner fails, tickets are copied by hand and checked by a second clerk."
    )
    assert '"by hand and checked by a second"' not in questions


def test_a_trailing_first_is_not_part_of_the_handoff_target(engine: OfflineEngine) -> None:
    questions = asked(engine, "Anything fragile goes to the packing bench first.")
    assert "the packing bench first" not in questions


def test_a_named_review_report_is_not_asked_about_as_a_meeting(engine: OfflineEngine) -> None:
    questions = asked(engine, "A monthly Stock Review report is sent to Purchasing.")
    assert "who is in it" not in questions


def test_internal_audit_the_department_is_not_an_audit_trail(engine: OfflineEngine) -> None:
    questions = asked(engine, "The exceptions list is shared with Internal Audit every quarter.")
    assert '"Audit"' not in questions


def test_a_role_after_by_is_not_a_routing_rule(engine: OfflineEngine) -> None:
    questions = asked(engine, "Each rejected pallet is signed off by the shift lead on duty.")
    assert "the shift rule" not in questions
    assert 'rule for "the shift"' not in questions


def test_a_routing_basis_with_its_own_article_gets_no_second_one(engine: OfflineEngine) -> None:
    questions = asked(engine, "Jobs are handed out based on the branch.")
    assert "the the" not in questions
    assert "branch" in questions


def test_a_handoff_target_stops_before_the_next_clause(engine: OfflineEngine) -> None:
    questions = asked(
        engine, "If a form is late, a reminder is sent to the member and lending rights are frozen."
    )
    assert "lending rights" not in questions.split("hand-off to")[-1].split(",")[0]
    assert "and lending" not in questions


def test_an_overdue_thing_is_asked_about_as_overdue(engine: OfflineEngine) -> None:
    questions = asked(engine, "If a permit is overdue, the site is closed.")
    assert "a permit is out of date" not in questions
    assert "a permit is overdue —" in questions


def test_a_titled_person_outside_a_clinic_has_no_patients(engine: OfflineEngine) -> None:
    questions = asked(engine, "Only Mr. Petrov can sign the release for the warehouse.")
    assert "Petrov" in questions
    assert "patients" not in questions


def test_one_working_day_is_not_asked_as_a_plural(engine: OfflineEngine) -> None:
    questions = asked(
        engine,
        "Standard refunds are issued by the front desk within one working day. If a refund is "
        "not approved within five working days, it is cancelled.",
    )
    assert "day pass " not in questions
    assert "the one working day" not in questions


def test_a_breakdown_in_a_report_is_not_a_routing_rule(engine: OfflineEngine) -> None:
    questions = asked(
        engine, "Every Monday I send the ops digest with the number of late orders by region."
    )
    assert "not* go by region" not in questions
    assert "outside the region rule" not in questions
    routed = asked(engine, "Late orders are handled by region.")
    assert "region" in routed


def test_a_three_word_product_name_is_not_cut_to_two(engine: OfflineEngine) -> None:
    questions = asked(
        engine, "Each claim is submitted through Zendesk Talk Partner and must name a reason."
    )
    assert "Zendesk Talk is" not in questions
    assert "Zendesk Talk," not in questions
    assert "Zendesk Talk —" not in questions
    assert "Zendesk Talk Partner" in questions


def test_a_role_who_only_receives_something_is_not_asked_to_stand_in(
    engine: OfflineEngine,
) -> None:
    questions = asked(engine, "Every quarter I put together the refunds summary for the CFO.")
    assert "stands in for the CFO" not in questions
    questions = asked(engine, "If the figures look wrong, HR will talk to the line manager.")
    assert "stands in for the line manager" not in questions
    waiting = asked(engine, "Nothing is refunded until the shift manager signs the slip.")
    assert "stands in for the shift manager" in waiting


def test_a_person_who_only_confirms_a_fact_is_not_asked_what_they_decide(
    engine: OfflineEngine,
) -> None:
    questions = asked(engine, "Nothing is shipped until Priya confirms the crates are sealed.")
    assert "Priya decide" not in questions
    deciding = asked(engine, "Only Priya can decide whether a damaged crate is written off.")
    assert "Priya decide" in deciding
