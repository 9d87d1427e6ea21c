"""Fast input in a real terminal: bursts, pastes and fast form input store exactly what was typed.

`tmux send-keys "a." Enter "b." Enter` arrives in one read; before the fix
each Enter submitted the whole burst (three identical glued segments), the
six-segment burst lost segments, pastes glued lines, and Tab after a fast title
let the workflow leak into the title. Each test checks `tacit export`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from support.pair_tmux import TACIT, Tmux, tmux
from support.waiting import wait_until

from tacit.models.domain import Session
from tacit.models.repository import Store

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
__all__ = ["tmux"]

THREE = ["Zero gap Z1 alpha.", "Zero gap Z2 beta.", "Zero gap Z3 gamma."]
SIX = [
    "Six S1 we dispatch by zip.",
    "Six S2 unless the account is key.",
    "Six S3 then it stays with the owner.",
    "Six S4 if the tech is late we call the customer.",
    "Six S5 after two hours we escalate.",
    "Six S6 Janet decides the rest.",
]


def _exported_texts(db: Path) -> list[str]:
    done = subprocess.run(
        [*TACIT, "export", "--db", str(db)], capture_output=True, text=True, check=True, timeout=60
    )
    document = json.loads(done.stdout)
    segments = document["segments"]
    records = list(segments.values()) if isinstance(segments, dict) else segments
    ordered = sorted(records, key=lambda s: (s["at"], s["id"]))
    return [s["text"] for s in ordered]


def _open_session(tmux: Tmux, tmp_path: Path) -> tuple[Path, Session]:
    db = tmp_path / "tacit.json"
    store = Store(db)
    session = Session(title="Burst call")
    store.save(session)
    store.close()
    tmux.start("app", [*TACIT, "--session", session.id, "--db", str(db), "--offline"], 80, 24)
    tmux.wait_text("app", "Narrative")
    return db, session


def _saved(db: Path, session: Session, count: int) -> None:
    wait_until(lambda: len(Store(db).segments(session.id)) >= count, f"{count} segments saved")


def test_bursts_of_lines_become_exactly_those_segments_in_order(tmux: Tmux, tmp_path: Path) -> None:
    db, session = _open_session(tmux, tmp_path)
    keys: list[str] = []
    for line in THREE:
        keys += [line, "Enter"]
    tmux.keys("app", *keys)
    _saved(db, session, 3)
    keys = []
    for line in SIX:
        keys += [line, "Enter"]
    tmux.keys("app", *keys)
    _saved(db, session, 9)
    tmux.wait_text("app", "Six S6 Janet decides")  # the narrative's line (wrapped at 80)
    assert _exported_texts(db) == THREE + SIX


def test_plain_and_bracketed_multi_line_pastes_give_one_segment_per_line(
    tmux: Tmux, tmp_path: Path
) -> None:
    db, session = _open_session(tmux, tmp_path)
    plain = ["Paste P1 the customer.", "Paste P2 calls back.", "Paste P3 we log it."]
    _load_buffer(tmux, "plain", "\n".join(plain) + "\n")
    tmux.run("paste-buffer", "-b", "plain", "-t", "app")
    _saved(db, session, 3)
    bracketed = ["Bracket B1 the customer.", "Bracket B2 is told.", "Bracket B3 half"]
    _load_buffer(tmux, "bracketed", "\n".join(bracketed))
    tmux.run("paste-buffer", "-p", "-b", "bracketed", "-t", "app")
    _saved(db, session, 5)
    tmux.wait_text("app", "Bracket B3 half")  # text after the last line break stays typed
    tmux.type("app", " typed on.")
    tmux.keys("app", "Enter")
    _saved(db, session, 6)
    assert _exported_texts(db) == [*plain, *bracketed[:2], "Bracket B3 half typed on."]


def test_ctrl_q_right_after_a_burst_keeps_every_line_and_the_half_typed_text(
    tmux: Tmux, tmp_path: Path
) -> None:
    db, _ = _open_session(tmux, tmp_path)
    tmux.keys("app", "Said one.", "Enter", "Said two.", "Enter", "half typed at quit", "C-q")
    wait_until(lambda: "Narrative" not in tmux.screen("app"), "the app to quit")
    assert _exported_texts(db) == ["Said one.", "Said two.", "half typed at quit"]


def test_ctrl_t_and_the_focus_key_keep_their_place_in_a_burst(tmux: Tmux, tmp_path: Path) -> None:
    """Ctrl+T after typed text switches the speaker after that text; after Tab to a pane,
    "i" and the letters right behind it type into the input (no pane key runs)."""
    db, session = _open_session(tmux, tmp_path)
    tmux.keys("app", "Said first.", "Enter", "C-t", "Why first?", "Enter", "C-t")
    tmux.keys("app", "Tab", "i", "dare you pry", "Enter")
    _saved(db, session, 3)
    tmux.wait_text("app", "dare you pry")
    said = [(s.speaker, s.text) for s in Store(db).segments(session.id)]
    assert said == [
        ("operator", "Said first."),
        ("engineer", "Why first?"),
        ("operator", "dare you pry"),
    ]


def test_new_session_form_typed_fast_keeps_title_and_workflow_apart(
    tmux: Tmux, tmp_path: Path
) -> None:
    db = tmp_path / "tacit.json"
    tmux.start("app", [*TACIT, "--db", str(db), "--offline"], 80, 24)
    tmux.wait_text("app", "New session")
    tmux.keys("app", "Dispatch routing with Dana", "Tab", "dispatch", "Enter", "First words.")
    tmux.keys("app", "Enter")
    tmux.wait_text("app", "First words.")
    [session] = Store(db).sessions()
    assert (session.title, session.workflow) == ("Dispatch routing with Dana", "dispatch")
    _saved(db, session, 1)
    assert _exported_texts(db) == ["First words."]


def _load_buffer(tmux: Tmux, name: str, text: str) -> None:
    env_tmux = ["tmux", "-L", tmux.socket, "load-buffer", "-b", name, "-"]
    subprocess.run(env_tmux, input=text, text=True, check=True, timeout=10)


@pytest.mark.parametrize("role", ["engineer", "operator"])
def test_keys_typed_before_the_app_has_drawn_are_kept_in_order(
    tmux: Tmux, tmp_path: Path, role: str
) -> None:
    """The call has started when the app is launched: what is typed at once waits in the
    terminal until the app reads it. Keys read before the capture screen had focus were
    dropped; and the terminal, not yet in raw mode, turns Enter into a newline (ctrl+j), which
    glued two lines into one in the operator's view (its keys are read after focus)."""
    db = tmp_path / "tacit.json"
    store = Store(db)
    session = Session(title="Early call")
    store.save(session)
    store.close()
    command = [*TACIT, "--session", session.id, "--db", str(db), "--offline", "--role", role]
    tmux.start("app", command, 80, 24)
    # sent while Python is still starting: long before the first frame
    tmux.keys("app", "Early E1 the call started.", "Enter", "Early E2 before it drew.", "Enter")
    tmux.keys("app", "Early E3 half")
    tmux.wait_text("app", "Narrative")
    _saved(db, session, 2)
    tmux.keys("app", " typed.", "Enter")
    _saved(db, session, 3)
    assert _exported_texts(db) == [
        "Early E1 the call started.",
        "Early E2 before it drew.",
        "Early E3 half typed.",
    ]
