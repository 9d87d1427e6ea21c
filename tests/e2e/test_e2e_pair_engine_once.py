"""End to end in tmux: what the operator says before the engineer's view opens gets questions
when it opens, and two engineer views on one session record each segment's questions once
(the race itself is pinned down by tests/tui/test_pair_engine_once.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.pair_tmux import TACIT, Tmux, tmux
from support.waiting import wait_until

from tacit.models.domain import Question, Session
from tacit.models.repository import Store

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
__all__ = ["tmux"]

EARLY = "We route tickets by zip code; Janet takes the big accounts."
LATER = "Refunds over 500 dollars need Finance to sign off; Maria approves the rest."


def _asked(db: Path, session: Session, text: str) -> list[Question]:
    store = Store(db)
    said = [s.id for s in store.segments(session.id) if s.text == text]
    return [q for q in store.questions(session.id) if q.segment_id in said]


def test_operator_said_before_the_engineer_opened_and_two_engineer_views(
    tmux: Tmux, tmp_path: Path
) -> None:
    db = tmp_path / "tacit.json"
    session = Session(title="Dispatch call")
    Store(db).save(session)
    view = [*TACIT, "--session", session.id, "--db", str(db), "--offline"]
    tmux.start("call", [*view, "--role", "operator"], 80, 24)
    operator = "call:0"
    tmux.wait_text(operator, "operator view")
    tmux.keys(operator, EARLY, "Enter")
    wait_until(lambda: Store(db).segments(session.id), "the operator's segment saved")
    assert _asked(db, session, EARLY) == []  # nobody runs the engine yet

    tmux.window("call:", "engineer", view)
    wait_until(lambda: _asked(db, session, EARLY), "questions once the engineer's view opens")
    tmux.wait_text("call:engineer", "Janet")
    tmux.window("call:", "second", view)
    tmux.wait_text("call:second", "operator ● connected")
    tmux.keys(operator, LATER, "Enter")
    wait_until(lambda: _asked(db, session, LATER), "questions for the later segment")
    for window in ("call:engineer", "call:second"):  # both idle: every run finished
        tmux.wait_for(window, lambda shown: "○ idle" in shown, "the engine idle")
    wait_until(
        lambda: all("Finance" in tmux.screen(w) for w in ("call:engineer", "call:second")),
        "both views showing the later segment",
    )
    questions = Store(db).questions(session.id)
    texts = [q.text.casefold() for q in questions]
    assert len(texts) == len(set(texts)), "a question was recorded twice"
    assert len(_asked(db, session, EARLY)) + len(_asked(db, session, LATER)) == len(questions)
