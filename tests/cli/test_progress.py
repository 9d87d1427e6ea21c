"""Long commands show a progress line on a terminal and stay quiet when piped."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tacit.models.domain import Rule, Segment, Session
from tacit.models.repository import Store

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], *, stderr_on_terminal: bool) -> tuple[int, str, str]:
    """Run the CLI; stderr either on a pseudo-terminal or a pipe. Returns (code, out, err)."""
    command = [sys.executable, "-m", "tacit.cli.main", *args]
    env = {**os.environ, "COLUMNS": "100"}
    if not stderr_on_terminal:
        done = subprocess.run(
            command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
        )
        return done.returncode, done.stdout, done.stderr
    leader, follower = pty.openpty()
    # stdout to a file, not a pipe: a big stdout must not block the child
    with tempfile.TemporaryFile() as out_file:
        try:
            child = subprocess.Popen(
                command,
                stdout=out_file,
                stderr=follower,
                stdin=subprocess.DEVNULL,
                cwd=ROOT,
                env=env,
            )
            os.close(follower)
            received = b""
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # the child closed its end
                    break
                if not chunk:
                    break
                received += chunk
            code = child.wait(timeout=120)
        finally:
            os.close(leader)
        out_file.seek(0)
        out = out_file.read().decode()
    return code, out, received.decode(errors="replace")


@pytest.fixture
def export_file(tmp_path: Path) -> Path:
    store = Store(tmp_path / "source.json")
    records: list[Session | Segment | Rule] = []
    for number in range(20):
        session = Session(title=f"Call {number}")
        records.append(session)
        records += [
            Segment(session_id=session.id, speaker="operator", text=f"Line {n} of call {number}.")
            for n in range(20)
        ]
        rule = Rule(session_id=session.id, statement=f"Rule {number}", category="implicit_rule")
        rule.accept("operator")
        rule.accept("engineer")
        records.append(rule)
    store.save_many(records)
    store.close()
    target = tmp_path / "calls.json"
    code, _, err = run(
        ["--db", str(tmp_path / "source.json"), "export", "--include-drafts", "-o", str(target)],
        stderr_on_terminal=False,
    )
    assert code == 0, err
    return target


def test_import_on_a_terminal_shows_what_it_is_doing_then_erases_it(
    export_file: Path, tmp_path: Path
) -> None:
    code, _, err = run(
        ["--db", str(tmp_path / "into.json"), "import", str(export_file)], stderr_on_terminal=True
    )
    assert code == 0, err
    assert "reading and checking calls.json" in err
    assert re.search(r"merging records… [0-9]+/4[0-9][0-9]", err), err  # 20 calls, 420 records
    assert "\r\x1b[K" in err  # rewritten in place, erased before the result line
    assert err.rstrip().splitlines()[-1].split("\x1b[K")[-1].startswith("tacit: imported")


def test_import_piped_prints_only_the_result(export_file: Path, tmp_path: Path) -> None:
    code, _, err = run(
        ["--db", str(tmp_path / "into.json"), "import", str(export_file)], stderr_on_terminal=False
    )
    assert code == 0, err
    assert err.splitlines() == [err.strip()] and err.startswith("tacit: imported")
    assert "\r" not in err and "\x1b" not in err


@pytest.mark.parametrize("on_terminal", [True, False])
def test_suggest_on_a_long_transcript(tmp_path: Path, on_terminal: bool) -> None:
    transcript = tmp_path / "call.txt"
    transcript.write_text(
        "\n\n".join(f"We route ticket {n} by zip code unless Janet says so." for n in range(60)),
        encoding="utf-8",
    )
    code, out, err = run(["suggest", str(transcript)], stderr_on_terminal=on_terminal)
    assert code == 0, err
    assert "zip code" in out  # the questions still go to stdout, untouched
    if on_terminal:
        assert "analysing segments… " in err and "/60" in err
    else:
        assert err == ""


def test_export_of_a_database_shows_progress_only_on_a_terminal(
    export_file: Path, tmp_path: Path
) -> None:
    db = tmp_path / "source.json"
    code, out, err = run(["--db", str(db), "export", "--include-drafts"], stderr_on_terminal=True)
    assert code == 0 and out.startswith("{")
    assert "reading the database" in err and "writing 20 rules as json" in err
    code, out, err = run(["--db", str(db), "export", "--include-drafts"], stderr_on_terminal=False)
    assert code == 0 and out.startswith("{") and err == ""
