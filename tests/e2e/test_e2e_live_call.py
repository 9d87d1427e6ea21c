"""The live call in a real terminal at 80x24: new questions stay in view, and the pair
sees one state (a rule the operator sends back is marked in the engineer's list)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.pair_tmux import TACIT, Tmux, tmux

from tacit.models.domain import Question, Rule, Segment, Session
from tacit.models.repository import Store

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
__all__ = ["tmux"]

QUOTE = "By zip code, and try to balance load."


def _seed(db: Path) -> Session:
    store = Store(db)
    session = Session(title="Dispatch with Janet")
    segment = Segment(session_id=session.id, speaker="operator", text=QUOTE)
    questions = [
        Question(
            session_id=session.id,
            text=text,
            category="exception",
            quote=QUOTE,
            segment_id=segment.id,
            score=1.0 - n / 10,
        )
        for n, text in enumerate(
            [
                "When do you not go by zip code, and who makes that call?",
                "How often is load unbalanced, and what do you do then?",
                "Who covers a dispatcher's zone when they are out?",
            ]
        )
    ]
    rule = Rule(session_id=session.id, statement="Route each job by zip code")
    rule.accept("engineer")
    store.save_many([session, segment, *questions, rule])
    store.close()
    return session


def _tacit(tmp_path: Path, *args: str) -> list[str]:
    env = [f"TACIT_DATA_DIR={tmp_path}", f"TACIT_CONFIG_DIR={tmp_path}"]
    return ["env", *env, *TACIT, "--db", str(tmp_path / "tacit.json"), *args]


def test_new_questions_and_a_sent_back_rule_at_80x24(tmux: Tmux, tmp_path: Path) -> None:
    session = _seed(tmp_path / "tacit.json")
    tmux.start("call", _tacit(tmp_path, "--session", session.id), width=80, height=24)
    engineer = "call:0"
    tmux.wait_text(engineer, "Who covers a dispatcher")
    # the engineer reads down the questions, then the operator keeps talking
    tmux.keys(engineer, "Tab")
    tmux.wait_for(engineer, lambda s: "a Asked" in s.splitlines()[-1], "the question keys")
    tmux.keys(engineer, "Down", "Down")
    tmux.wait_text(engineer, "suggested [except] Who covers")  # the third, folded out
    tmux.keys(engineer, "BTab")  # back to the narrative input (its keys show in the footer)
    tmux.wait_for(engineer, lambda s: "^e Export" in s.splitlines()[-1], "the input's keys")
    tmux.type(engineer, "Janet keeps the key accounts, unless she is out for a week.")
    tmux.keys(engineer, "Enter")
    tmux.wait_for(
        engineer, lambda s: "new ↑" in s.splitlines()[0], "the 'N new ↑' marker in the title"
    )
    tmux.wait_text(engineer, "suggested [except] Who covers")  # the reader kept their place
    # the operator, in their own view on the same database, sends the rule back
    tmux.window("call", "operator", _tacit(tmp_path, "--session", session.id, "--role", "operator"))
    operator = "call:operator"
    tmux.run("resize-window", "-t", operator, "-x", "80", "-y", "24", check=False)
    tmux.wait_text(operator, "Waiting for you (1)")
    tmux.keys(operator, "F3")
    tmux.wait_for(operator, lambda s: "Send back" in s.splitlines()[-1], "the rule keys")
    tmux.keys(operator, "b")
    tmux.wait_text(operator, "Send back to the engineer")
    tmux.type(operator, "Janet's accounts stay with her team")
    tmux.keys(operator, "Enter")
    tmux.wait_text(operator, "Waiting for you (1)")
    # the only rule is highlighted in the engineer's list: the mark shows the comment itself
    tmux.wait_text(engineer, "↩ operator: Janet's accounts")
