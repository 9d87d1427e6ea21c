"""A model's questions over real HTTP meet the offline engine's checks: what fails is dropped,
what is shown carries no markup or control characters, and the prompt carries the session."""

from __future__ import annotations

import re
from collections.abc import Callable

from support.fake_openai_server import UNRULY, UNRULY_NARRATIVE, UNRULY_SHOWN, FakeServer, user_text

from tacit.models.config import Config, LLMConfig
from tacit.models.taxonomy import CATEGORY_IDS
from tacit.question_engine.llm import LLMClient
from tacit.question_engine.llm_checks import model_question_problem
from tacit.question_engine.service import stream_suggestions
from tacit.question_engine.slots import Lexicon
from tacit.question_engine.types import CapturedRule, SessionContext, Suggestion

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
