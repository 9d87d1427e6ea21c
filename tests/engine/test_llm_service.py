"""The engine service and `tacit suggest` with an LLM: merged, labelled, never in the way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from support.fake_openai_server import FakeServer

from tacit.cli.main import main
from tacit.models.config import Config, LLMConfig
from tacit.question_engine.drafting import draft_rule as offline_draft
from tacit.question_engine.service import UsageMeter, draft_rule, stream_suggestions
from tacit.question_engine.types import (
    EngineEvent,
    EngineNotice,
    EngineUsage,
    SessionContext,
    Suggestion,
)

ROOT = Path(__file__).resolve().parents[2]
SEGMENT = (
    "We route claims by zip code. Unless the account has a primary owner, "
    "it stays with her team. Janet handles the rest on Fridays."
)
Build = Callable[..., LLMConfig]


def with_llm(llm: LLMConfig) -> Config:
    config = Config()
    config.llm = llm
    return config


async def events_for(config: Config, meter: UsageMeter | None = None) -> list[EngineEvent]:
    return [e async for e in stream_suggestions(SEGMENT, SessionContext(), config, meter)]


async def test_offline_questions_come_first_then_the_llm_ones_labelled(llm_config: Build) -> None:
    events = await events_for(with_llm(llm_config("ok")))
    sources = [e.source for e in events if isinstance(e, Suggestion)]
    offline_count = sources.index("openai/fake-small")
    assert offline_count > 0 and set(sources[:offline_count]) == {"offline"}
    assert sources[offline_count:] == ["openai/fake-small"] * 3
    assert not any(isinstance(e, EngineNotice) for e in events)


async def test_an_llm_failure_leaves_the_offline_questions_and_one_notice(
    llm_config: Build,
) -> None:
    offline = await events_for(Config())
    events = await events_for(with_llm(llm_config("e500")))
    notices = [e.message for e in events if isinstance(e, EngineNotice)]
    assert notices == ["LLM server error (500); offline questions shown"]
    assert [e for e in events if isinstance(e, Suggestion)] == offline


async def test_usage_totals_add_up_over_the_session(llm_config: Build) -> None:
    meter = UsageMeter()
    config = with_llm(llm_config("ok", "openai/gpt-4o-mini"))
    first = [e for e in await events_for(config, meter) if isinstance(e, EngineUsage)]
    second = [e for e in await events_for(config, meter) if isinstance(e, EngineUsage)]
    assert first[0].prompt_tokens == 100 and second[0].prompt_tokens == 200
    assert first[0].cost_usd is not None and second[0].cost_usd is not None
    assert second[0].cost_usd == pytest.approx(2 * first[0].cost_usd)


async def test_llm_questions_repeating_known_ones_are_dropped(llm_config: Build) -> None:
    known = "What happens when we route claims by zip code does not hold, and who decides?"
    context = SessionContext(known_questions=[known])
    events = [e async for e in stream_suggestions(SEGMENT, context, with_llm(llm_config("ok")))]
    from_llm = [e.text for e in events if isinstance(e, Suggestion) and e.source != "offline"]
    assert known not in from_llm and len(from_llm) == 2


async def test_rule_drafts_come_from_the_llm_or_fall_back_offline(llm_config: Build) -> None:
    answer = "Claims route by zip code, unless the account has an owner"
    drafted = await draft_rule("Who decides?", answer, with_llm(llm_config("ok")))
    assert drafted.unless == [("the account has an owner", "keep it")]
    fallback = await draft_rule("Who decides?", answer, with_llm(llm_config("e429")))
    assert fallback == offline_draft("Who decides?", answer)


async def test_an_offline_draft_keeps_the_quoted_base_rule() -> None:
    question = "When do you *not* go by zip code?"
    answer = "If the account has a primary owner, it stays with that owner's team."
    quote = "We route by zip code."
    drafted = await draft_rule(question, answer, Config(), quote=quote, category="exception")
    assert drafted.then == "We route by zip code"
    assert drafted.unless == [
        ("the account has a primary owner", "it stays with that owner's team")
    ]
    assert drafted == offline_draft(question, answer, quote, "exception")


@pytest.fixture
def narrative(tmp_path: Path) -> Path:
    path = tmp_path / "narrative.txt"
    path.write_text(SEGMENT + "\n\nEscalations go to Finance by email.\n", encoding="utf-8")
    return path


def test_suggest_json_merges_both_sources(
    fake_server: FakeServer, narrative: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "suggest",
            str(narrative),
            "--json",
            "--model",
            "openai/fake-small",
            "--api-base",
            fake_server.base("ok"),
        ]
    )
    captured = capsys.readouterr()
    assert code == 0 and captured.err == ""
    items = json.loads(captured.out)
    assert {item["source"] for item in items} == {"offline", "openai/fake-small"}
    scores = [item["score"] for item in items]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("scenario", ["e401", "hang", "malformed"])
def test_suggest_falls_back_to_offline_with_one_line_and_exit_0(
    fake_server: FakeServer,
    narrative: Path,
    capsys: pytest.CaptureFixture[str],
    scenario: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[llm]\ntimeout = 0.5\nnum_retries = 0\n", encoding="utf-8")
    code = main(
        [
            "suggest",
            str(narrative),
            "--json",
            "--model",
            "openai/fake-small",
            "--api-base",
            fake_server.base(scenario),
            "--config",
            str(config),
        ]
    )
    captured = capsys.readouterr()
    assert code == 0
    assert len(captured.err.strip().splitlines()) == 1
    assert captured.err.endswith("; offline questions shown\n")
    assert {item["source"] for item in json.loads(captured.out)} == {"offline"}


GUARD = r"""
import json, socket, sys
attempts = []
def refuse(self, *args, **kwargs):
    attempts.append(repr(args))
    raise OSError("network use is forbidden in this test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = lambda *a, **k: refuse(None, *a)
from tacit.cli.main import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "litellm": "litellm" in sys.modules, "attempts": attempts}),
      file=sys.stderr)
"""


@pytest.mark.parametrize(
    "flags",
    [[], ["--model", "openai/gpt-4o-mini", "--api-base", "http://127.0.0.1:9/v1", "--offline"]],
    ids=["no-model", "offline-flag"],
)
def test_without_an_llm_litellm_is_never_imported_and_no_connection_opened(
    narrative: Path, flags: list[str]
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", GUARD, "suggest", str(narrative), "--json", *flags],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "OPENAI_API_KEY": "unused"},
    )
    report = json.loads(result.stderr.strip().splitlines()[-1])
    assert report == {"code": 0, "litellm": False, "attempts": []}
    assert {item["source"] for item in json.loads(result.stdout)} == {"offline"}


def test_the_app_modules_do_not_import_litellm_even_with_a_model_configured() -> None:
    code = (
        "import sys; import tacit.tui.app, tacit.tui.screens.capture, "
        "tacit.question_engine.service, tacit.question_engine.llm; "
        "print('litellm' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.stdout.strip() == "False", result.stderr


def test_a_missing_litellm_is_one_line_and_the_offline_questions(narrative: Path) -> None:
    code = (
        "import sys; sys.modules['litellm'] = None; from tacit.cli.main import main; "
        "sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "suggest",
            str(narrative),
            "--json",
            "--model",
            "openai/fake-small",
            "--api-base",
            "http://127.0.0.1:9/v1",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0
    assert result.stderr == (
        "tacit: litellm cannot be imported (litellm); offline questions shown\n"
    )
    assert {item["source"] for item in json.loads(result.stdout)} == {"offline"}


async def test_an_llm_draft_without_when_or_then_takes_them_from_the_offline_draft(
    llm_config: Build,
) -> None:
    question = "What counts as big accounts, exactly?"
    answer = "Anything over $50k a year in contracts."
    quote = "Janet handles the big accounts herself."
    config = with_llm(llm_config("thin"))
    drafted = await draft_rule(question, answer, config, quote=quote, category="implicit_rule")
    assert drafted.statement == answer  # the model's words stand
    assert drafted.then.startswith("Janet handles the big accounts herself")
    assert "$50k" in drafted.then
