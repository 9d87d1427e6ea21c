"""An api_base with user:password@ is refused in one clear line, never echoing the password."""

from __future__ import annotations

import argparse
from collections.abc import Callable

import pytest
from support.fake_openai_server import FakeServer

from tacit.cli.commands.doctor import FAIL, check_llm
from tacit.models.config import LLMConfig
from tacit.question_engine.llm import LLMClient, LLMFailure
from tacit.question_engine.types import SessionContext

SECRET = "s3cr3t-PASSWORD"


def with_credentials(base: str) -> str:
    scheme, rest = base.split("://", 1)
    return f"{scheme}://alice:{SECRET}@{rest}"


async def test_the_client_refuses_credentials_in_the_url(
    llm_config: Callable[..., LLMConfig], fake_server: FakeServer
) -> None:
    config = llm_config()
    config.api_base = with_credentials(config.api_base)
    with pytest.raises(LLMFailure) as raised:
        async for _ in LLMClient(config).stream_questions("The tech is late.", SessionContext()):
            pass
    message = str(raised.value)
    assert "user name or password" in message and SECRET not in message
    assert "500" not in message


def test_doctor_fails_on_credentials_in_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TACIT_CONFIG", "/nonexistent/tacit-config.toml")
    args = argparse.Namespace(
        config=None,
        model="openai/fake",
        api_base=f"http://bob:{SECRET}@127.0.0.1:9/v1",
        offline=False,
    )
    checks = check_llm(args, {"OPENAI_API_KEY": "x"})
    failing = [c.line() for c in checks if c.status == FAIL]
    assert failing and "user name or password" in failing[0]
    assert all(SECRET not in c.line() for c in checks)
