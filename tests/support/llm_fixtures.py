"""Fixtures for the LLM tests: a fake OpenAI-compatible server and a dummy key.

The root conftest loads these fixtures for every layer (pytest_plugins).
"""

from __future__ import annotations

import atexit
from collections.abc import Callable, Iterator

import pytest

from support.fake_openai_server import FakeServer
from tacit.models.config import LLMConfig

DUMMY_KEY = "sk-tacit-test-dummy-key"


_shared: list[FakeServer] = []


def shared_server() -> FakeServer:
    """One fake server per test process, started on first use, stopped at exit."""
    if not _shared:
        _shared.append(FakeServer().start())
        atexit.register(_shared[0].stop)
    return _shared[0]


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServer]:
    """The running fake server with a clean record, and a dummy OpenAI key in the env."""
    monkeypatch.setenv("OPENAI_API_KEY", DUMMY_KEY)
    server = shared_server()
    state = server.state
    with state.lock:
        state.requests.clear()
        state.disconnects.clear()
        state.completed.clear()
        state.gate.clear()
    yield server


@pytest.fixture
def llm_config(fake_server: FakeServer) -> Callable[..., LLMConfig]:
    """Build an LLMConfig pointing at one scenario of the fake server."""

    def build(
        scenario: str = "ok", model: str = "openai/fake-small", **overrides: object
    ) -> LLMConfig:
        config = LLMConfig(
            model=model, api_base=fake_server.base(scenario), timeout=5.0, num_retries=0
        )
        for key, value in overrides.items():
            setattr(config, key, value)
        return config

    return build
