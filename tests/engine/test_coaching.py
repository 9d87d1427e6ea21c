"""The interviewer coach names the classic mistakes and stays quiet on good questions."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from tacit.question_engine.coaching import coach, detect

ROOT = Path(__file__).resolve().parents[2]


def kinds(text: str, operator_said: tuple[str, ...] = ()) -> set[str]:
    return {hint.kind for hint in detect(text, operator_said)}


@pytest.mark.parametrize(
    "question",
    [
        "Don't you think the big accounts should go to Janet?",
        "Wouldn't it be better to route them all by zip code?",
        "Okay, so do you use tools like Salesforce or a spreadsheet for that?",
        "Isn't the supervisor the one who decides?",
    ],
)
def test_a_leading_question_gets_the_leading_hint_first(question: str) -> None:
    hint = coach(question)
    assert hint is not None and hint.kind == "leading", hint
    assert "\n" not in hint.text and len(hint.text) <= 33  # one line in the 80-column pane


@pytest.mark.parametrize(
    "question",
    [
        "How do you pick the technician, and what happens when she is out?",
        "Who approves the refund? And how long does that take?",
        "Have you ever skipped the check? If so, why?",
        "When do you not go by zip code, and who makes that call?",
    ],
)
def test_two_questions_in_one_are_double_barrelled(question: str) -> None:
    assert "double" in kinds(question)


@pytest.mark.parametrize(
    "question",
    [
        "Do you ever route a ticket by hand?",
        "So, is the approval done by the team lead?",
        "Have you had any problems with the night shift?",
    ],
)
def test_a_yes_no_probe_gets_the_closed_hint(question: str) -> None:
    assert kinds(question) == {"closed"}


@pytest.mark.parametrize(
    "question",
    [
        "How do you decide which technician gets the job?",
        "So you send it to Finance after the check, is that right?",
        "Could you walk me through what happens when a ticket comes in?",
        "Do you prefer email or a phone call for that?",
        "Is there anything else we should know?",
        "Tell me about the last time a job was escalated.",
        "OK, you first look at insurance, then at the distance.",
    ],
)
def test_good_questions_and_confirmations_get_no_hint(question: str) -> None:
    assert kinds(question) == set(), question


@pytest.mark.parametrize(
    "question",
    [
        "Would it help if the agent sent a Slack alert?",
        "What features would you want in the new dispatch screen?",
        "Would you use a dashboard for the escalations?",
    ],
)
def test_asking_for_a_solution_is_named(question: str) -> None:
    assert "solution" in kinds(question)


def test_jargon_is_named_only_when_the_operator_has_not_used_the_word() -> None:
    question = "What is the SLA when a job is late?"
    hint = coach(question, ["We call the customer back within a day."])
    assert hint is not None and hint.kind == "jargon" and '"SLA"' in hint.text
    assert coach(question, ["Our SLA says four hours for a priority job."]) is None
    assert coach("What happens to the sla?", []) is None  # acronyms match as written


def test_cues_are_data_not_code() -> None:
    cues = (ROOT / "prompts" / "coaching.toml").read_text(encoding="utf-8")
    for section in ("[hints]", "[closed]", "[leading]", "[double]", "[solution]", "[jargon]"):
        assert section in cues


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "eval_coaching", ROOT / "bench" / "eval_coaching.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_hints_on_the_held_out_sample_are_mostly_right() -> None:
    figures = _scorer().score_sample(ROOT / "bench" / "eval" / "coaching_heldout.csv")
    assert figures["questions"] == 50
    assert figures["precision_shown"] >= 0.65, figures
    assert figures["recall"] >= 0.5, figures


def test_confirmations_in_the_interviews_are_left_alone() -> None:
    scorer = _scorer()
    dataset = scorer.find_dataset()
    if dataset is None:
        pytest.skip("../shared/data/elicitation-followups-study1.csv is not beside the checkout")
    rates = scorer.hint_rate_by_type(dataset)
    assert rates["Confirmation"]["any"] <= 0.15, rates["Confirmation"]
    assert rates["Confirmation"].get("closed", 0) == 0
