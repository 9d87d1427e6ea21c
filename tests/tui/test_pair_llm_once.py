"""With an LLM configured, two engineer views of one session pay for a segment once: the
view that claims the segment asks the model, the other waits and shows what it recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.fake_openai_server import FakeServer, user_text
from support.waiting import wait_for

from tacit.cli.commands.run_app import engine_factory
from tacit.models.config import Config, LLMConfig
from tacit.models.domain import Segment, Session
from tacit.models.repository import Store
from tacit.tui.app import TacitApp
from tacit.tui.screens.capture import CaptureScreen

MODEL = "openai/fake-small"
SAID = "If the tech is late we call the customer. Ines decides after two hours."


@pytest.fixture(autouse=True)
def litellm_imported() -> None:
    """Import litellm once up front, so its import does not eat the polling deadlines."""
    from tacit.question_engine.llm import load_litellm

    load_litellm()


def _engineer(db: Path, session: Session, server: FakeServer) -> TacitApp:
    config = Config()
    config.llm = LLMConfig(model=MODEL, api_base=server.base("gated"), timeout=30.0, num_retries=0)
    return TacitApp(
        Store(db), config, open_engine=engine_factory(config), role="engineer", session=session
    )


def _asking_about(server: FakeServer, text: str) -> int:
    with server.state.lock:
        return sum(1 for r in server.state.requests if text in user_text(r.body))


async def test_two_engineer_views_ask_the_llm_about_a_segment_once(
    tmp_path: Path, fake_server: FakeServer
) -> None:
    db = tmp_path / "tacit.json"
    session = Session(title="Dispatch", workflow="dispatch")
    Store(db).save(session)
    first, second = _engineer(db, session, fake_server), _engineer(db, session, fake_server)
    async with first.run_test(size=(100, 30)) as one, second.run_test(size=(100, 30)) as two:
        screens = [first.screen, second.screen]
        assert all(isinstance(s, CaptureScreen) for s in screens)
        capture = [s for s in screens if isinstance(s, CaptureScreen)]
        await wait_for([one, two], lambda: all(s.loaded for s in capture), "both views loaded")
        said = Segment(session_id=session.id, speaker="operator", text=SAID)
        Store(db).save(said)  # the operator's view typed it
        # one view holds the model's answer back (gated) while the other has seen the segment
        await wait_for(
            [one, two],
            lambda: (
                _asking_about(fake_server, SAID) >= 2
                or any(s.waiting_for_claim == said.id for s in capture)
            ),
            "the second view waiting for the first one's questions",
        )
        fake_server.state.gate.set()

        def settled() -> bool:
            return all(not s.status.busy and not s.suggesting and s.state.idle for s in capture)

        await wait_for([one, two], settled, "both engines idle")
        stored = {q.id for q in Store(db).questions(session.id)}
        from_model = [q for q in Store(db).questions(session.id) if q.source == MODEL]
        await wait_for(
            [one, two],
            lambda: all(set(s.question_list.records) == stored for s in capture),
            "both panes showing the stored questions",
        )
    assert _asking_about(fake_server, SAID) == 1
    assert from_model, "the model's questions were recorded"
