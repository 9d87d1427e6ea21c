"""A model's questions over real HTTP meet the offline engine's checks: what fails is dropped,
what is shown carries no markup or control characters, and the prompt carries the session."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from support.fake_openai_server import UNRULY, UNRULY_NARRATIVE, UNRULY_SHOWN, FakeServer, user_text

from tacit.models.config import Config, LLMConfig
from tacit.models.taxonomy import CATEGORY_IDS
from tacit.question_engine.llm import LLMClient, LLMFailure
from tacit.question_engine.llm_checks import model_question_problem
from tacit.question_engine.llm_prompts import load_prompt, question_messages
from tacit.question_engine.service import stream_suggestions
from tacit.question_engine.slots import Lexicon
from tacit.question_engine.types import CapturedRule, SessionContext, Suggestion

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
Build = Callable[..., LLMConfig]
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


async def test_only_questions_that_pass_every_check_are_shown(llm_config: Build) -> None:
    client = LLMClient(llm_config("unruly"))
    events = [e async for e in client.stream_questions(UNRULY_NARRATIVE, SessionContext())]
    shown = [e.text for e in events if isinstance(e, Suggestion)]
    assert shown == list(UNRULY_SHOWN)
    assert client.report.offered == len(UNRULY) and client.report.shown == 2
    reasons = set(client.report.dropped)
    assert "carries markup" in reasons
    assert "is not one question ending with '?'" in reasons
    assert "names nothing the operator said" in reasons
    assert "does not ask anything (no question word)" in reasons
    assert any(r.startswith("treats Quillpay as a person") for r in reasons)
    assert any(r.startswith("quotes a fragment") for r in reasons)


async def test_what_the_app_shows_from_a_model_has_no_markup_or_control_characters(
    llm_config: Build,
) -> None:
    config = Config()
    config.llm = llm_config("unruly")
    events = [e async for e in stream_suggestions(UNRULY_NARRATIVE, SessionContext(), config)]
    from_model = [e for e in events if isinstance(e, Suggestion) and e.source != "offline"]
    assert [s.text for s in from_model] == list(UNRULY_SHOWN)
    for suggestion in from_model:
        for shown in (suggestion.text, suggestion.quote):
            assert not UNSAFE.search(shown) and "[" not in shown and "<" not in shown


async def test_the_request_carries_the_sessions_rules_and_uncovered_categories(
    llm_config: Build, fake_server: FakeServer
) -> None:
    config = Config()
    config.llm = llm_config("ok")
    context = SessionContext(
        segments=["Maria owns the angry-customer call-backs."],
        touched_categories={"exception", "edge_case"},
        rules=[CapturedRule("Angry customers get a call-back from Maria", has_owner=True)],
    )
    events = [e async for e in stream_suggestions(UNRULY_NARRATIVE, context, config)]
    offline = {e.category for e in events if isinstance(e, Suggestion) and e.source == "offline"}
    sent = user_text(fake_server.state.requests[-1].body)
    assert "- Angry customers get a call-back from Maria (lacks: exception," in sent
    uncovered = sent.split("Categories not yet covered in this session")[1].splitlines()[0]
    listed = {c for c in CATEGORY_IDS if c in uncovered}
    # what the pair touched is not listed; what neither they nor this call's offline
    # questions touched is (the model is asked to fill the gaps the offline engine left)
    assert listed == set(CATEGORY_IDS) - context.touched_categories - offline
    assert listed and not listed & {"exception", "edge_case"}


def test_a_name_is_a_person_only_with_the_offline_engines_evidence() -> None:
    lexicon = Lexicon.load()
    narrative = ["Orders sync from Brightline overnight. Tomasz signs off on returns."]
    with_evidence = "Who signs off on returns when Tomasz is out?"
    assert model_question_problem(with_evidence, narrative, lexicon) == ""
    system = "Who signs off on returns when Brightline is out?"
    assert model_question_problem(system, narrative, lexicon).startswith("treats Brightline")


def test_the_prompts_worked_example_is_from_the_dev_split_and_passes_every_check() -> None:
    from bench.eval_engine import EVAL_DIR, load_narratives

    narrative = load_prompt("example_narrative").strip()
    assert narrative in {n["text"].strip() for n in load_narratives(EVAL_DIR)}
    lexicon = Lexicon.load()
    for line in load_prompt("example_questions").splitlines():
        item = json.loads(line)
        assert model_question_problem(item["question"], [narrative], lexicon) == "", item
        assert item["quote"] in narrative
    messages = question_messages("We ship on Fridays.", SessionContext(), 5, False, False)
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert narrative in messages[1]["content"] and "We ship on Fridays." in messages[3]["content"]


async def test_a_model_that_copies_the_worked_example_shows_nothing(llm_config: Build) -> None:
    narrative = (
        "A customer sends a photo of the receipt and we book a technician. "
        "The service manager reads the weekly report."
    )
    client = LLMClient(llm_config("copycat"))
    with pytest.raises(LLMFailure, match="no usable questions"):
        _ = [e async for e in client.stream_questions(narrative, SessionContext())]
    assert client.report.dropped["copies the prompt's example"] >= 1
    assert client.report.shown == 0


@pytest.mark.parametrize(
    "question",
    [
        "What happens to QuickBooks's accounts when the nightly sync fails?",
        "Who picks up the invoices when Brightline was unavailable last month?",
        "Who covers for Brightline while the nightly sync is stopped?",
    ],
)
def test_every_person_phrase_needs_evidence_for_a_system_name(question: str) -> None:
    lexicon = Lexicon.load()
    narrative = ["Invoices sync from QuickBooks to Brightline nightly."]
    assert model_question_problem(question, narrative, lexicon).startswith("treats ")
