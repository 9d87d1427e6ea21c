"""Start-up in a real terminal: what the first frame leaves for later still happens.

The store watch, the engine and the session's records load after the first frame;
a segment typed the moment the capture screen appears must still be stored and
get its questions, exactly as when typed later.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.pair_tmux import TACIT, Tmux, tmux
from support.waiting import wait_until

from tacit.models.domain import Session
from tacit.models.repository import Store

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
__all__ = ["tmux"]


def test_a_segment_typed_as_the_screen_appears_is_stored_with_its_questions(
    tmux: Tmux, tmp_path: Path
) -> None:
    db = tmp_path / "tacit.json"
    session = Session(title="Quick start")
    Store(db).save(session)
    tmux.start("app", [*TACIT, "--session", session.id, "--db", str(db), "--offline"], 80, 24)
    tmux.wait_text("app", "Narrative")  # the first frame: type at once
    tmux.type("app", "We route by zip code unless the account is key.")
    tmux.keys("app", "Enter")

    def questions_for_the_segment() -> bool:
        store = Store(db)
        segments = store.segments(session.id)
        asked = {q.segment_id for q in store.questions() if q.session_id == session.id}
        return len(segments) == 1 and segments[0].id in asked

    wait_until(questions_for_the_segment, "the segment and its questions in the database")
    tmux.wait_text("app", "zip code")
