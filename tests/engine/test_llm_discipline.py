"""The LLM path gets the offline engine's discipline: session rules and gaps in the prompt,
the same wrong-question checks on what comes back."""

from __future__ import annotations

from tacit.question_engine.llm_parse import to_suggestion
from tacit.question_engine.llm_prompts import question_messages
from tacit.question_engine.slots import Lexicon
from tacit.question_engine.types import CapturedRule, SessionContext

NARRATIVE = ["Tickets come in through Freshdesk. If the customer is angry, Maria calls them back."]


def test_prompt_carries_captured_rules_and_the_categories_not_yet_covered() -> None:
    context = SessionContext(
        touched_categories={"exception", "handoff"},
        rules=[CapturedRule("Refunds over 50 dollars need Maria's sign-off", has_owner=True)],
    )
    user = question_messages(NARRATIVE[0], context, 5, False, False)[-1]["content"]
    assert "Refunds over 50 dollars need Maria's sign-off" in user
    assert "lacks: exception, frequency and impact, example" in user
    uncovered = user.split("Categories not yet covered in this session")[1].splitlines()[0]
    assert "reporting" in uncovered and "adoption" in uncovered
    assert "exception" not in uncovered and "handoff" not in uncovered


def item(question: str) -> dict[str, str]:
    return {"question": question, "category": "adoption", "quote": "Tickets come in"}


def test_model_questions_the_offline_rules_call_wrong_are_dropped() -> None:
    lexicon = Lexicon.load()
    wrong = [
        "Who covers Freshdesk's work when Freshdesk is out?",
        'Is "if the customer is angry" a hard rule or a preference?',
        "What happens at [00:00:20] Operator: tickets?",
        "Who approves when once Maria is away?",
    ]
    for question in wrong:
        assert to_suggestion(item(question), NARRATIVE, "m", 0, lexicon) is None, question
    fine = to_suggestion(item("Who calls back when Maria is out?"), NARRATIVE, "m", 0, lexicon)
    assert fine is not None
