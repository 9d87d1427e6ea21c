"""`tacit pair`: one-line errors, and the tmux setup it leaves behind with --no-attach."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.pair_tmux import Tmux, pair_server

from tacit.models.domain import Session
from tacit.models.repository import Store

__all__ = ["pair_server"]
from tacit.cli.main import main

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


def _session(db: Path, title: str = "Lead routing") -> Session:
    store = Store(db)
    session = Session(title=title)
    store.save(session)
    store.close()
    return session


def test_without_tmux_it_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _session(tmp_path / "tacit.json")
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))

    code = main(["pair", "--db", str(tmp_path / "tacit.json"), "--no-attach"])

    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1
    assert "tmux is not installed" in err


@needs_tmux
def test_without_a_session_it_starts_one_and_opens_both_views_on_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pair_server: Tmux
) -> None:
    db = tmp_path / "tacit.json"

    code = main(["pair", "--db", str(db), "--no-attach"])

    out = capsys.readouterr().out
    assert code == 0
    store = Store(db)
    sessions = store.sessions()
    store.close()
    assert len(sessions) == 1
    assert f"started a new session '{sessions[0].title}'" in out
    pair_server.wait_text("tacit:engineer", sessions[0].title)
    pair_server.wait_text("tacit:operator", "operator view")


@needs_tmux
def test_new_starts_a_titled_session_beside_the_old_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pair_server: Tmux
) -> None:
    db = tmp_path / "tacit.json"
    _session(db, "Last week's call")

    code = main(["pair", "--db", str(db), "--new", "Returns desk", "--no-attach"])

    assert code == 0
    assert "started a new session 'Returns desk'" in capsys.readouterr().out
    store = Store(db)
    titles = sorted(s.title for s in store.sessions())
    store.close()
    assert titles == ["Last week's call", "Returns desk"]
    pair_server.wait_text("tacit:engineer", "Returns desk")


@needs_tmux
@pytest.mark.parametrize("blank", ["", "  "])
def test_new_with_a_blank_title_fails_in_one_line_and_saves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pair_server: Tmux, blank: str
) -> None:
    db = tmp_path / "tacit.json"
    _session(db)

    assert main(["pair", "--db", str(db), "--new", blank, "--no-attach"]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "title" in err
    store = Store(db)
    assert [s.title for s in store.sessions()] == ["Lead routing"]
    store.close()


@needs_tmux
def test_unknown_session_and_join_without_a_pair_fail_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pair_server: Tmux
) -> None:
    db = tmp_path / "tacit.json"
    _session(db)
    assert main(["pair", "--db", str(db), "--session", "ses_nope", "--no-attach"]) == 2
    assert "no session matches 'ses_nope'" in capsys.readouterr().err
    assert main(["pair", "--join", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no pair is running" in err


@needs_tmux
def test_no_attach_sets_up_both_views_with_sharing_options(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    pair_server: Tmux,
) -> None:
    db = tmp_path / "tacit.json"
    _session(db, "Claims [b]triage[/b]")
    monkeypatch.setenv("COLORTERM", "truecolor")

    code = main(["pair", "--db", str(db), "--no-attach"])

    out = capsys.readouterr().out
    assert code == 0
    assert "Claims [b]triage[/b]" in out
    assert f"tacit pair --join --db {db}" in out
    windows = pair_server.run("list-windows", "-t", "tacit", "-F", "#{window_name}").split()
    assert windows == ["engineer", "operator"]
    assert pair_server.run("show-options", "-gv", "set-clipboard").strip() == "on"
    assert pair_server.run("show-options", "-gv", "window-size").strip() == "smallest"
    assert pair_server.run("show-options", "-sv", "escape-time").strip() == "10"
    assert "RGB" in pair_server.run("show-options", "-s", "terminal-features")
    pair_server.wait_text("tacit:operator", "operator view")
    pair_server.wait_text("tacit:engineer", "Questions")

    assert main(["doctor", "--db", str(db)]) == 0
    doctor = capsys.readouterr().out
    assert f"ok    pair: running on socket {pair_server.socket}" in doctor

    assert main(["pair", "--db", str(db), "--no-attach"]) == 0
    assert "already running" in capsys.readouterr().out
    assert main(["pair", "--join", "--db", str(db), "--no-attach"]) == 0
    assert "select-window -t :operator" in capsys.readouterr().out


@needs_tmux
def test_doctor_flags_a_pair_socket_with_wrong_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pair_server: Tmux
) -> None:
    db = tmp_path / "tacit.json"
    _session(db)
    assert main(["pair", "--db", str(db), "--no-attach"]) == 0
    pair_server.run("set-option", "-g", "window-size", "latest")
    pair_server.run("set-option", "-g", "set-clipboard", "external")
    capsys.readouterr()

    assert main(["doctor", "--db", str(db)]) == 1

    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("FAIL  pair"))
    assert "window-size is latest" in line and "set-clipboard is external" in line
    assert f"tmux -L {pair_server.socket} kill-server" in line
