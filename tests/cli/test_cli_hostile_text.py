"""Hostile stored text never reaches a terminal or a Markdown file as control bytes."""

from __future__ import annotations

import re
from pathlib import Path

from tacit.models.domain import Decision, Example, Question, Rule, Segment, Session
from tacit.models.repository import Store

from .test_cli import tacit

EVIL = "x\x1b]52;c;SGVsbG8=\x07\x1b]0;pwned\x07\x1b[2J\x00\x9b1m\x85\u202eevil\u2066y"
# What must never appear in terminal output or Markdown: C0 except tab/newline, DEL, C1, bidi.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile_db(path: Path) -> Session:
    store = Store(path)
    session = Session(title=f"Title {EVIL}", workflow=f"wf {EVIL}", participants=[EVIL])
    segment = Segment(session_id=session.id, speaker="operator", text=f"said {EVIL}")
    rule = Rule(
        session_id=session.id,
        statement=f"Route {EVIL}",
        when=f"when {EVIL}",
        then=f"then {EVIL}",
        owner=f"owner {EVIL}",
        examples=[Example(scenario=f"example {EVIL}", outcome=f"out {EVIL}")],
    )
    rule.accept("operator", by=f"op {EVIL}")
    rule.accept("engineer", by=f"eng {EVIL}")
    decision = Decision(session_id=session.id, topic=f"topic {EVIL}", choice=f"c {EVIL}")
    question = Question(session_id=session.id, text=f"q {EVIL}", category="edge_case")
    question.status = "parked"
    question.owner = f"who {EVIL}"
    store.save_many([session, segment, rule, decision, question])
    store.close()
    return session


def test_sessions_list_has_no_control_characters(tmp_path: Path) -> None:
    db = tmp_path / "t.json"
    session = hostile_db(db)
    result = tacit("sessions", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert session.id in result.stdout and "evil" in result.stdout
    assert not UNSAFE.search(result.stdout), repr(result.stdout)
    assert result.stdout.count("\n") == 1


def test_markdown_export_has_no_control_characters(tmp_path: Path) -> None:
    db = tmp_path / "t.json"
    hostile_db(db)
    result = tacit("export", "--db", str(db), "--format", "md")
    assert result.returncode == 0, result.stderr
    assert "Route x" in result.stdout and "evil" in result.stdout
    assert not UNSAFE.search(result.stdout), repr(result.stdout)


def test_json_export_escapes_controls_and_keeps_the_text(tmp_path: Path) -> None:
    import json

    db = tmp_path / "t.json"
    hostile_db(db)
    result = tacit("export", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert not UNSAFE.search(result.stdout), repr(result.stdout)
    assert json.loads(result.stdout)["rules"][0]["statement"] == f"Route {EVIL}"


def test_errors_quote_hostile_arguments_without_control_characters(tmp_path: Path) -> None:
    db = tmp_path / "t.json"
    hostile_db(db)
    result = tacit("export", "--db", str(db), "--session", EVIL.replace("\x00", ""))
    assert result.returncode == 2
    assert not UNSAFE.search(result.stderr), repr(result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1
