"""`bench/eval_engine.py --model` scores any model and survives one that fails or babbles."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from support.fake_openai_server import FakeServer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench import eval_engine  # noqa: E402


def run(capsys: pytest.CaptureFixture[str], base: str, *extra: str) -> dict[str, object]:
    argv = ["--split", "dev", "--narratives", "2", "--model", "openai/fake", "--api-base", base]
    assert eval_engine.main([*argv, "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out.split("\n", 1)[1])["splits"]["dev"]  # type: ignore[no-any-return]


def test_a_working_model_is_scored_with_how_many_questions_survived(
    fake_server: FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    dev = run(capsys, fake_server.base("ok"))
    model = dev["model"]
    assert dev["narratives"] == 2 and model["failures"] == {}  # type: ignore[index]
    assert 0 < model["shown"] <= model["offered"]  # type: ignore[index]


def test_a_model_that_fails_times_out_or_babbles_is_reported_not_fatal(
    fake_server: FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_server.state.hang_seconds = 3.0
    for scenario, failure in (
        ("empty", "LLM gave no usable questions"),
        ("malformed", "LLM gave no usable questions"),
        ("e500", "LLM server error (500)"),
        ("hang", "LLM timed out after 1 s"),
    ):
        dev = run(capsys, fake_server.base(scenario), "--timeout", "1")
        assert dev["model"]["failures"] == {failure: 2}, scenario  # type: ignore[index]
        assert dev["recall@10"] == 0.0 and dev["model"]["shown"] == 0  # type: ignore[index]


def test_dropped_questions_are_counted_by_reason_without_their_words(
    fake_server: FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    dropped = run(capsys, fake_server.base("unruly"))["model"]["dropped"]  # type: ignore[index]
    assert dropped["carries markup"] == 6  # three per narrative
    assert not [r for r in dropped if "Quillpay" in r or "once the" in r]
