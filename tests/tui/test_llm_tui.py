"""Pilot: the Questions pane fills while the LLM streams, and typing never waits for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.capture import capture_ready, make_app, type_segment
from support.fake_openai_server import FakeServer
from support.waiting import wait_for

from tacit.models.config import Config, LLMConfig
from tacit.models.domain import Session

MODEL = "openai/fake-small"


@pytest.fixture(autouse=True)
def litellm_imported() -> None:
    """Import litellm up front (once per process) so its 3-4 s import, which runs in a
    thread in the app, does not eat the polling deadlines of these tests."""
    from tacit.question_engine.llm import load_litellm

    load_litellm()


def slow_llm_config(server: FakeServer) -> Config:
    config = Config()
    config.llm = LLMConfig(model=MODEL, api_base=server.base("slow"), timeout=10.0, num_retries=0)
    return config


def llm_questions(screen: object) -> list[str]:
    records = screen.question_list.records.values()  # type: ignore[attr-defined]
    return [q.text for q in records if q.source == MODEL]


async def test_questions_pane_fills_while_streaming_and_typing_stays_responsive(
    db_path: Path, fake_server: FakeServer
) -> None:
    config = Config()
    config.llm = LLMConfig(
        model=MODEL,
        api_base=fake_server.base("gated"),
        timeout=30.0,
        num_retries=0,
        max_suggestions=4,
    )
    session = Session(title="Dispatch", workflow="claims")
    app, store = make_app(db_path, session, config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_ready(pilot)
        await type_segment(
            pilot,
            "We route claims by zip code. Janet takes the big ones. "
            "Refunds over 500 dollars go to Finance. Owners keep "
            "their accounts.",
        )
        # the first LLM question shows while the server holds the rest of the stream back
        await wait_for(pilot, lambda: len(llm_questions(screen)) == 1, "first LLM question")
        assert screen.question_list.option_count > 1  # the offline ones are there too
        assert screen.status.busy
        # typing goes straight into the input while the stream is still open
        screen.narrative.input.focus()
        await pilot.press(*"Any exceptions?")
        assert screen.narrative.input.value == "Any exceptions?"
        assert fake_server.state.completed == [] and len(llm_questions(screen)) == 1
        # the rest arrives once the server goes on
        fake_server.state.gate.set()
        await wait_for(pilot, lambda: len(llm_questions(screen)) == 4, "all LLM questions")
        await wait_for(pilot, lambda: not screen.status.busy, "the engine to finish")
        assert screen.narrative.input.value == "Any exceptions?"
    stored = [q for q in store.questions(session.id) if q.source == MODEL]
    assert len(stored) == 4


async def test_a_new_segment_cancels_the_stream_in_flight(
    db_path: Path, fake_server: FakeServer
) -> None:
    session = Session(title="Dispatch", workflow="claims")
    app, _ = make_app(db_path, session, config=slow_llm_config(fake_server))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_ready(pilot)
        await type_segment(pilot, "We route claims by zip code. Janet takes the big ones.")
        await wait_for(pilot, lambda: len(llm_questions(screen)) >= 1, "first LLM question")
        await type_segment(pilot, "Refunds go to Finance. Owners keep their accounts.")
        # the first call's HTTP stream is closed: the server sees the hang-up
        await wait_for(pilot, lambda: "slow" in fake_server.state.disconnects, "hang-up")
        assert len(fake_server.state.requests) == 2
        await wait_for(pilot, lambda: not screen.status.busy, "the engine to finish")


async def test_cancelling_the_suggest_worker_closes_the_stream(
    db_path: Path, fake_server: FakeServer
) -> None:
    """Escape, pressed while typing, stops the suggestion run: the HTTP stream is closed."""
    session = Session(title="Dispatch", workflow="claims")
    app, _ = make_app(db_path, session, config=slow_llm_config(fake_server))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_ready(pilot)
        await type_segment(pilot, "We route claims by zip code. Janet takes the big ones.")
        await wait_for(pilot, lambda: len(llm_questions(screen)) >= 1, "first LLM question")
        await pilot.press("escape")
        await wait_for(pilot, lambda: fake_server.state.disconnects == ["slow"], "hang-up")
        await wait_for(pilot, lambda: not screen.status.busy, "the engine to stop")
        assert fake_server.state.completed == [] and len(fake_server.state.requests) == 1
        assert screen.status.notice == "suggestions stopped"


async def test_an_unreachable_llm_is_one_notice_and_offline_questions_stay(
    db_path: Path, fake_server: FakeServer
) -> None:
    config = Config()
    config.llm = LLMConfig(model=MODEL, api_base=fake_server.base("e500"), num_retries=0)
    session = Session(title="Dispatch", workflow="claims")
    app, _ = make_app(db_path, session, config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_ready(pilot)
        await type_segment(pilot, "We route claims by zip code. Janet takes the big ones.")
        await wait_for(
            pilot,
            lambda: not screen.status.busy and screen.question_list.option_count,
            "the engine to finish",
        )
        assert "LLM server error (500); offline questions shown" in str(screen.status.render())
        assert llm_questions(screen) == []


FIRST_FRAME = r"""
import asyncio, sys
from pathlib import Path
from support.capture import capture_ready, make_app
from tacit.models.config import Config, LLMConfig
from tacit.models.domain import Session

async def main() -> None:
    config = Config()
    config.llm = LLMConfig(model="openai/gpt-4o-mini", api_base="http://127.0.0.1:9/v1")
    app, _ = make_app(Path(sys.argv[1]), Session(title="Dispatch"), config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await capture_ready(pilot)
        print("litellm at first frame:", "litellm" in sys.modules)

asyncio.run(main())
"""


def test_the_app_reaches_its_first_frame_without_importing_litellm(db_path: Path) -> None:
    import subprocess
    import sys

    tests = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(db_path)],
        capture_output=True,
        text=True,
        cwd=tests.parent,
        timeout=120,
        env={
            "PYTHONPATH": str(tests),
            "PATH": "/usr/bin:/bin",
            "TACIT_CONFIG_DIR": str(db_path.parent / "config"),
            "TACIT_DATA_DIR": str(db_path.parent / "data"),
        },
    )
    assert "litellm at first frame: False" in result.stdout, result.stderr[-2000:]
