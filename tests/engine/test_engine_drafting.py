"""Offline rule drafting fills statement / when / then / unless from the answer's own words."""

from __future__ import annotations

import pytest

from tacit.question_engine.drafting import draft_rule

Q = "When do you *not* assign by zip code — who decides?"


def test_x_unless_y_with_its_own_outcome() -> None:
    answer = (
        "We assign by zip code, unless the account has a primary owner, in which case "
        "it stays with that owner's team."
    )
    draft = draft_rule(Q, answer)
    assert draft.statement == answer
    assert draft.then == "We assign by zip code"
    assert draft.unless == [("the account has a primary owner", "it stays with that owner's team")]


def test_if_x_then_y() -> None:
    draft = draft_rule(Q, "If the invoice is over $10,000 then the controller approves it.")
    assert (draft.when, draft.then) == ("the invoice is over $10,000", "the controller approves it")
    assert draft.owner == "the controller"


def test_if_x_comma_y_keeps_numbers_whole() -> None:
    draft = draft_rule(Q, "If the invoice is over $10,000, the controller approves it.")
    assert draft.when == "the invoice is over $10,000"


def test_x_except_when_y() -> None:
    draft = draft_rule(Q, "We refund in full except when the item was used.")
    assert draft.then == "We refund in full"
    assert draft.unless == [("the item was used", "")]


def test_by_x_but_if_y_then_z() -> None:
    draft = draft_rule(
        Q,
        "By zip code, but if the account has a primary owner, it stays "
        "with her team even when she is out.",
    )
    assert draft.then == "By zip code"
    assert draft.unless == [
        ("the account has a primary owner", "it stays with her team even when she is out")
    ]


def test_by_x_but_y() -> None:
    draft = draft_rule(Q, "By zip code, but VIP accounts go to Janet.")
    assert draft.then == "By zip code"
    assert draft.unless == [("VIP accounts go to Janet", "")]


def test_y_if_x() -> None:
    draft = draft_rule(Q, "Escalate to the on-call engineer if the outage lasts over 30 minutes.")
    assert draft.then == "Escalate to the on-call engineer"
    assert draft.when == "the outage lasts over 30 minutes"


def test_when_x_then_y_unless_z() -> None:
    draft = draft_rule(Q, "When a claim comes in, we check the policy unless it is flagged.")
    assert (draft.when, draft.then) == ("a claim comes in", "we check the policy")
    assert draft.unless == [("it is flagged", "")]


def test_frequency_and_owner_are_found_when_said() -> None:
    draft = draft_rule(Q, "It happens maybe 5% of the time and Janet decides.")
    assert draft.frequency == "maybe 5% of the time"
    assert draft.owner == "Janet"


@pytest.mark.parametrize(
    "answer",
    [
        "Honestly we just look at it and see.",
        "Hard to say, it's complicated.",
    ],
)
def test_what_cannot_be_parsed_stays_in_the_statement_only(answer: str) -> None:
    draft = draft_rule(Q, answer)
    assert draft.statement == answer
    assert (draft.when, draft.then, draft.unless, draft.frequency, draft.owner) == (
        "",
        "",
        [],
        "",
        "",
    )


@pytest.mark.parametrize(
    "answer",
    [
        "We assign by zip code, unless the account has a primary owner.",
        "If the part is missing, we reschedule within 2 days.",
        "By region, but Janet keeps the Acme accounts.",
    ],
)
def test_fields_never_invent_words(answer: str) -> None:
    draft = draft_rule(Q, answer)
    pieces = [draft.when, draft.then, draft.frequency, draft.owner]
    pieces += [part for pair in draft.unless for part in pair]
    assert all(piece in answer for piece in pieces)


def test_a_bare_yes_drafts_the_quoted_rule_never_the_question() -> None:
    question = "Is the $500 limit a hard rule?"
    draft = draft_rule(question, "Yes.", quote="Anything over $500 needs a manager's OK.")
    assert draft.statement == "Anything over $500 needs a manager's OK."
    assert question not in draft.statement
    assert draft_rule(question, "Yes.").statement == ""


ZIP_QUOTE = "We route by zip code, and we try to balance load across the technicians."


def test_an_answered_exception_question_keeps_the_base_rule_from_the_quote() -> None:
    answer = (
        "Mostly. Janet looks at the big accounts by hand: if the account has a primary "
        "owner it stays with that owner's team, even when she is out."
    )
    draft = draft_rule(Q, answer, quote=ZIP_QUOTE, category="exception")
    assert draft.when == ""
    assert draft.then == "We route by zip code, and we try to balance load across the technicians"
    assert draft.unless == [
        ("the account has a primary owner", "it stays with that owner's team, even when she is out")
    ]
    assert draft.statement == (
        "We route by zip code, and we try to balance load across the technicians unless the "
        "account has a primary owner, in which case it stays with that owner's team, even "
        "when she is out."
    )


def test_the_essays_answer_becomes_an_unless_clause_with_its_own_outcome() -> None:
    answer = (
        "well, Janet's territory needs to stay with Janet's accounts even when she's out, "
        "because of the relationships."
    )
    draft = draft_rule(
        "When do you *not* go by zip code — and who makes that call?",
        answer,
        quote="By zip code, and try to balance load.",
        category="exception",
    )
    assert draft.then == "By zip code, and try to balance load"
    assert draft.unless == [
        (
            "Janet's territory",
            "needs to stay with Janet's accounts even when she's out, because of the relationships",
        )
    ]
    assert draft.statement.startswith("By zip code, and try to balance load, but Janet's")


def test_a_question_probing_always_counts_as_about_an_exception() -> None:
    draft = draft_rule(
        "So the zip code decides the team. Is that always how it goes?",
        "When the account has a primary owner, it stays with her team.",
        quote="We assign jobs by zip code.",
        category="implicit_rule",
    )
    assert draft.then == "We assign jobs by zip code"
    assert draft.unless == [("the account has a primary owner", "it stays with her team")]


def test_an_answer_that_restates_the_rule_with_its_exception_stands_alone() -> None:
    answer = "By zip code, unless the account has a primary owner."
    draft = draft_rule(Q, answer, quote="We route by zip code.", category="exception")
    assert (draft.statement, draft.then) == (answer, "By zip code")
    assert draft.unless == [("the account has a primary owner", "")]


def test_an_answer_to_another_kind_of_question_is_the_rule_itself() -> None:
    draft = draft_rule(
        "Who covers Janet's work when she is out?",
        "If Janet is out, Maria covers her accounts.",
        quote="Janet keeps the key accounts.",
        category="adoption",
    )
    assert (draft.when, draft.then, draft.unless) == (
        "Janet is out",
        "Maria covers her accounts",
        [],
    )


def test_an_unanswered_question_is_drafted_from_its_quote() -> None:
    question = "How often does a technician call in sick, and what does the agent do then?"
    quote = "If a technician calls in sick, Janet reassigns the morning jobs."
    draft = draft_rule(question, "", quote=quote, category="edge_case")
    assert draft.statement == quote
    assert (draft.when, draft.then) == (
        "a technician calls in sick",
        "Janet reassigns the morning jobs",
    )
    plain = draft_rule(question, "", quote="Well, every Friday we send a summary of late jobs.")
    assert plain.statement == "Every Friday we send a summary of late jobs."
    assert plain.then == "every Friday we send a summary of late jobs"


def test_even_when_is_part_of_the_outcome_not_a_condition() -> None:
    draft = draft_rule("", "", quote="Janet's accounts stay with her even when she is out.")
    assert (draft.when, draft.then) == ("", "Janet's accounts stay with her even when she is out")


def test_empty_answer_drafts_nothing() -> None:
    draft = draft_rule(Q, "  ")
    assert draft.statement == "" and draft.then == "" and draft.unless == []


def test_control_characters_are_dropped() -> None:
    assert "\x1b" not in draft_rule(Q, "We call\x1b[2J them unless it's late.").statement


def test_x_comma_except_y() -> None:
    draft = draft_rule(Q, "We refund everything, except gift cards.")
    assert draft.then == "We refund everything"
    assert draft.unless == [("gift cards", "")]


def test_an_exception_in_its_own_sentence_joins_the_rule() -> None:
    draft = draft_rule(Q, "We assign by zip code. Except VIP accounts, which go to Janet.")
    assert draft.then == ""  # "We assign by zip code" has no rule shape of its own
    assert draft.unless == [("VIP accounts", "go to Janet")]
    draft = draft_rule(
        Q,
        "If it's urgent, the dispatcher calls. Unless it's after 6pm, then "
        "it waits for the morning.",
    )
    assert (draft.when, draft.then) == ("it's urgent", "the dispatcher calls")
    assert draft.unless == [("it's after 6pm", "it waits for the morning")]


BIG_ACCOUNTS_Q = (
    "What counts as big accounts, exactly — is there a list or a line the agent could use?"
)


def test_an_answered_implicit_rule_question_completes_the_quoted_rule() -> None:
    answer = "Anything over $50k a year in contracts."
    draft = draft_rule(
        BIG_ACCOUNTS_Q,
        answer,
        quote="Janet handles the big accounts herself.",
        category="implicit_rule",
    )
    assert draft.then.startswith("Janet handles the big accounts herself")
    assert "Anything over $50k a year in contracts" in draft.then
    assert draft.statement == (
        "Janet handles the big accounts herself: Anything over $50k a year in contracts."
    )
    assert BIG_ACCOUNTS_Q not in draft.statement


def test_an_implicit_rule_answer_keeps_the_quoted_condition() -> None:
    draft = draft_rule(
        "How does Janet choose which of those jobs move first?",
        "Well, the closest technician with free slots gets them.",
        quote="If a technician calls in sick, Janet reassigns the morning jobs.",
        category="implicit_rule",
    )
    assert draft.when == "a technician calls in sick"
    assert draft.then == (
        "Janet reassigns the morning jobs: the closest technician with free slots gets them"
    )


def test_an_answer_naming_only_an_exception_keeps_the_quoted_rule() -> None:
    draft = draft_rule(
        BIG_ACCOUNTS_Q,
        "Except government accounts.",
        quote="Janet handles the big accounts herself.",
        category="implicit_rule",
    )
    assert draft.then == "Janet handles the big accounts herself"
    assert draft.unless == [("government accounts", "")]


EDGE_Q = "What happens right at 200 euros, or when the amount is missing?"
EDGE_QUOTE = "If the order is over 200 euros, Maria has to approve it."


def test_an_answered_edge_case_question_keeps_the_rule_it_is_the_edge_of() -> None:
    answer = "If Maria is on holiday, Tom approves."
    draft = draft_rule(EDGE_Q, answer, quote=EDGE_QUOTE, category="edge_case")
    assert (draft.when, draft.then) == ("the order is over 200 euros", "Maria has to approve it")
    assert draft.unless == [("Maria is on holiday", "Tom approves")]


def test_what_the_answer_says_beyond_its_exception_stays_in_the_statement() -> None:
    answer = (
        "At exactly 200 no approval is needed. If Maria is on holiday, Tom approves. "
        "Tom only does refunds under 1000."
    )
    draft = draft_rule(EDGE_Q, answer, quote=EDGE_QUOTE, category="edge_case")
    assert draft.unless == [("Maria is on holiday", "Tom approves")]
    assert draft.statement.startswith("If the order is over 200 euros, Maria has to approve it")
    assert "At exactly 200 no approval is needed." in draft.statement
    assert draft.statement.endswith("Tom only does refunds under 1000.")


def test_a_limit_said_with_but_only_keeps_when_then_and_its_outcome_next_sentence() -> None:
    """Found on a pair call at 80x24: the draft read 'Then: Tom approves when Maria is away;
    unless only up to 20000 euros, then (empty)', and the operator's next sentence, what
    happens above the limit, was lost."""
    draft = draft_rule(
        "Who approves when Maria is away — is there a delegate, or does it wait?",
        "Tom approves when Maria is away, but only up to 20000 euros. "
        "Above that it waits for Maria.",
        quote="Invoices over 5000 euros need approval from Maria.",
        category="exception",
    )
    assert (draft.when, draft.then) == ("Maria is away", "Tom approves")
    assert draft.unless == [("over 20000 euros", "it waits for Maria")]


@pytest.mark.parametrize(
    ("answer", "unless"),
    [
        ("We refund by card, but only below 50 euros.", [("50 euros or more", "")]),
        (
            "Tom signs, but only under 10 items. Otherwise Ana signs.",
            [("10 items or more", "Ana signs")],
        ),
        ("We ship the same day, but not on Sundays.", [("not on Sundays", "")]),
    ],
)
def test_but_only_limits_become_the_exception_beyond_them(
    answer: str, unless: list[tuple[str, str]]
) -> None:
    assert draft_rule(Q, answer).unless == unless


QUOTE = "Every refund over 200 euros is signed off by Tomas before it is paid."


@pytest.mark.parametrize(
    ("question", "condition"),
    [
        (
            "When Tomas is out, who covers their work — and what waits until they are back?",
            "Tomas is out",
        ),
        ("If the payment system is down, what do you do instead?", "the payment system is down"),
        (
            "What happens when the receipt is missing — and who can override it?",
            "the receipt is missing",
        ),
    ],
)
def test_an_outcome_answering_a_question_about_a_situation_is_that_situations_exception(
    question: str, condition: str
) -> None:
    """A question that names a situation ("When Tomas is out, …"), answered with what
    happens then, drafts the quoted rule with that situation as its unless-clause: the
    answer is never left as a bare tail of the statement."""
    answer = "The refund waits in the approvals tray until he is back"
    draft = draft_rule(question, answer, QUOTE, "adoption")
    assert draft.then.startswith("Every refund over 200 euros is signed off by Tomas")
    outcome = "the refund waits in the approvals tray until he is back"  # reads on mid-sentence
    assert draft.unless == [(condition, outcome)]
    assert f"unless {condition}, in which case {outcome}." in draft.statement
    assert draft.statement.count("approvals tray") == 1


def test_a_question_opening_with_when_do_names_no_situation() -> None:
    """ "When do you …?" asks for the situation; the answer is that situation."""
    draft = draft_rule(
        "When do you skip the sign-off?", "Only when the customer is a charity", QUOTE, "exception"
    )
    assert all("do you" not in condition for condition, _outcome in draft.unless)
    assert "the customer is a charity" in draft.statement
