"""`tacit suggest`: ranked questions for a narrative file or stdin, as JSON or a list."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tacit.cli.main import main

NARRATIVE = """We route service calls by zip code. Janet handles the Acme accounts herself.

Anything over $5,000 needs sign-off from the regional manager.

Every Friday we send the weekly report to the owner.
"""


@pytest.fixture(autouse=True)
def no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TACIT_CONFIG", str(tmp_path / "absent-config.toml"))


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_is_an_array_of_ranked_questions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "call.txt"
    path.write_text(NARRATIVE, encoding="utf-8")
    code, out, err = run(["suggest", str(path), "--offline", "--json"], capsys)
    assert (code, err) == (0, "")
    questions = json.loads(out)
    assert isinstance(questions, list) and len(questions) >= 4
    for question in questions:
        assert set(question) == {"text", "category", "quote", "source", "score"}
        assert question["source"] == "offline"
        assert question["quote"] == "" or question["quote"] in NARRATIVE
    assert questions[0]["text"] == "When do you *not* go by zip code — and who makes that call?"
    texts = [q["text"] for q in questions]
    assert any("Janet" in t for t in texts)
    assert any("the weekly report" in t for t in texts)
    assert len(texts) == len(set(texts))


def test_stdin_and_dash_read_the_same_narrative(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(NARRATIVE))
    code, out, _ = run(["suggest", "-", "--json"], capsys)
    assert code == 0 and json.loads(out)


def test_readable_list_shows_number_category_question_and_quote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "call.txt"
    path.write_text(NARRATIVE, encoding="utf-8")
    code, out, _ = run(["suggest", str(path), "--limit", "2"], capsys)
    assert code == 0
    lines = out.splitlines()
    # a terminal shows no emphasis: plain words, not literal asterisks (the JSON keeps them)
    assert lines[0] == " 1. [exception] When do you not go by zip code — and who makes that call?"
    assert lines[1] == '    "We route service calls by zip code."'
    assert sum(line[:3].strip().endswith(".") for line in lines) == 2


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("missing", "no such file"),
        ("empty", "no narrative text"),
        ("blank", "no narrative text"),
        ("binary", "not UTF-8 text"),
        ("directory", "is a directory"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setup: str, expected: str
) -> None:
    path = tmp_path / "input.txt"
    if setup == "empty":
        path.write_text("", encoding="utf-8")
    elif setup == "blank":
        path.write_text("\n   \n\t\n", encoding="utf-8")
    elif setup == "binary":
        path.write_bytes(b"\xff\xfe\x00garbage\x80")
    elif setup == "directory":
        path = tmp_path
    code, out, err = run(["suggest", str(path), "--json"], capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("tacit: ") and expected in err


def test_a_bad_bank_in_config_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = tmp_path / "bank.toml"
    bank.write_text(
        "[[cue]]\nid = 'x'\ncategory = 'nope'\npattern = 'a'\ntemplates = ['q']\n", encoding="utf-8"
    )
    config = tmp_path / "config.toml"
    config.write_text(f'[engine]\nbanks = ["{bank}"]\n', encoding="utf-8")
    narrative = tmp_path / "call.txt"
    narrative.write_text(NARRATIVE, encoding="utf-8")
    code, _, err = run(["suggest", str(narrative), "--config", str(config)], capsys)
    assert code == 2
    assert err.count("\n") == 1 and "bank.toml: line 1: cue #1: unknown category 'nope'" in err


def test_console_script_reads_a_pipe_without_a_traceback(tmp_path: Path) -> None:
    env = {"TACIT_CONFIG": str(tmp_path / "none.toml"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "tacit.cli.main", "suggest", "--json"],
        input=NARRATIVE,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["category"] == "exception"
    empty = subprocess.run(
        [sys.executable, "-m", "tacit.cli.main", "suggest", "-"],
        input="",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert empty.returncode == 2 and "Traceback" not in empty.stderr


def test_lines_makes_each_line_a_segment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        "We route by zip code.",
        "Janet handles Acme.",
        "Refunds over $500 need approval.",
        "The weekly report goes to Omar.",
        "It depends on the customer.",
        "Orders go into Salesforce.",
        "If the sync fails we retry.",
    ]
    path = tmp_path / "transcript.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, by_paragraph, _ = run(["suggest", str(path), "--json"], capsys)
    _, by_line, _ = run(["suggest", str(path), "--json", "--lines"], capsys)
    # one segment keeps its best ten for the session ranking (issue 11: no hard cap of 5),
    # plus at most one question summing up the session
    assert 5 < len(json.loads(by_paragraph)) <= 11
    assert len(json.loads(by_line)) > 5
    assert {q["quote"] for q in json.loads(by_line)} >= set(lines[:2])


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """`tacit suggest call.txt | head -3`: the reader closes the pipe before tacit has
    written; tacit stops quietly instead of printing a BrokenPipeError traceback."""
    path = tmp_path / "call.txt"
    path.write_text(NARRATIVE, encoding="utf-8")
    env = {"TACIT_CONFIG": str(tmp_path / "absent-config.toml"), "PATH": ""}
    process = subprocess.Popen(
        [sys.executable, "-m", "tacit", "suggest", str(path), "--offline"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the only reader is gone before tacit writes a line
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) != 0
    assert "Traceback" not in error and "BrokenPipeError" not in error
