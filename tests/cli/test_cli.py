"""The command line as a user and a build pipeline meet it: one-line errors, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tacit.models.domain import Rule, Session
from tacit.models.repository import Store

ROOT = Path(__file__).resolve().parents[2]


def tacit(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "tacit.cli.main", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tacit: ")
    return lines[0]


def accepted_rule_db(path: Path) -> Session:
    store = Store(path)
    session = Session(title="Dispatch")
    rule = Rule(session_id=session.id, statement="Route by zip code")
    rule.accept("operator")
    rule.accept("engineer")
    store.save_many([session, rule, Rule(session_id=session.id, statement="a draft")])
    store.close()
    return session


def test_help_and_version() -> None:
    help_text = tacit("--help")
    assert help_text.returncode == 0
    for command in ("export", "import", "suggest", "sessions"):
        assert command in help_text.stdout
    version = tacit("--version")
    assert version.returncode == 0 and version.stdout.startswith("tacit ")


@pytest.mark.parametrize(
    "args",
    [("--bogus",), ("export", "--format", "xml"), ("--role", "manager"), ("import",)],
)
def test_bad_arguments_give_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    result = tacit(*args)
    assert result.returncode == 2
    one_line_error(result)


def test_export_to_stdout_and_file(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    session = accepted_rule_db(db)
    result = tacit("export", "--db", str(db))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [r["statement"] for r in doc["rules"]] == ["Route by zip code"]
    out = tmp_path / "rules.md"
    result = tacit(
        "export",
        "--db",
        str(db),
        "--format",
        "md",
        "--session",
        session.id[:12],
        "--include-drafts",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert "a draft" in out.read_text()
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_export_honours_tacit_db_env(tmp_path: Path) -> None:
    db = tmp_path / "env.json"
    accepted_rule_db(db)
    result = tacit("export", env={"TACIT_DB": str(db)})
    assert result.returncode == 0
    assert json.loads(result.stdout)["rules"]


def test_unknown_paths_and_sessions(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    accepted_rule_db(db)
    assert "no database at" in one_line_error(tacit("export", "--db", str(tmp_path / "none.json")))
    assert "no session" in one_line_error(tacit("export", "--db", str(db), "--session", "nope"))
    not_a_dir = tmp_path / "file.txt"
    not_a_dir.write_text("x")
    line = one_line_error(tacit("export", "--db", str(db), "-o", str(not_a_dir / "out.json")))
    assert "no such directory" in line
    line = one_line_error(tacit("--db", str(not_a_dir / "db.json")))
    assert f"{not_a_dir} is not a directory" in line


def test_import_refuses_bad_file_with_exit_2_and_keeps_db(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    accepted_rule_db(db)
    before = db.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "tacit-export", "schema_version": 1, "sessions": "x"}')
    result = tacit("import", str(bad), "--db", str(db))
    assert result.returncode == 2
    assert "does not match the export schema" in one_line_error(result)
    assert db.read_bytes() == before
    result = tacit("import", str(tmp_path / "missing.json"), "--db", str(db))
    assert result.returncode == 2 and "no such file" in one_line_error(result)


def test_import_then_export_round_trips_through_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    accepted_rule_db(db)
    first = tmp_path / "first.json"
    assert tacit("export", "--db", str(db), "--include-drafts", "-o", str(first)).returncode == 0
    other = tmp_path / "other.json"
    imported = tacit("import", str(first), "--db", str(other))
    assert imported.returncode == 0 and "added" in imported.stderr
    again = tacit("import", str(first), "--db", str(other))
    assert "added nothing; updated nothing" in again.stderr
    second = tacit("export", "--db", str(other), "--include-drafts")
    assert second.stdout.encode() == first.read_bytes()


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b'{"sessions": {"a": ', "truncated"), (b"[]", "not a database")],
)
def test_damaged_database_is_kept_and_reported(tmp_path: Path, content: bytes, reason: str) -> None:
    db = tmp_path / "db.json"
    db.write_bytes(content)
    for args in (("export", "--db", str(db)), ("--db", str(db))):
        result = tacit(*args)
        assert result.returncode == 3
        line = one_line_error(result)
        assert reason in line and "--recover" in line
        assert db.read_bytes() == content


def test_recover_moves_the_damaged_file_aside(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    db.write_bytes(b'{"truncated": ')
    result = tacit("import", "--recover", "--db", str(db), str(tmp_path / "none.json"))
    assert result.returncode == 2  # the import file is missing: checked before the db is opened
    assert db.read_bytes() == b'{"truncated": '
    session_db_export = tmp_path / "e.json"
    accepted_rule_db(tmp_path / "src.json")
    tacit("export", "--db", str(tmp_path / "src.json"), "-o", str(session_db_export))
    result = tacit("import", "--recover", "--db", str(db), str(session_db_export))
    assert result.returncode == 0, result.stderr
    aside = list(tmp_path.glob("db.json.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b'{"truncated": '
    assert "moved the damaged database" in result.stderr
    assert json.loads(tacit("export", "--db", str(db)).stdout)["rules"]


def test_importing_a_transcript_as_an_export_points_to_import_transcript(tmp_path: Path) -> None:
    call = tmp_path / "call.vtt"
    call.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Dana>We route jobs by zip code.\n",
        encoding="utf-8",
    )
    result = tacit("--db", str(tmp_path / "t.json"), "import", str(call))
    line = one_line_error(result)
    assert result.returncode == 2
    assert "tacit import-transcript" in line and str(call) in line
    assert not (tmp_path / "t.json").exists()


def test_the_capture_app_without_a_terminal_says_so_and_exits(tmp_path: Path) -> None:
    db = tmp_path / "t.json"
    session = accepted_rule_db(db)
    before = db.read_bytes()
    result = tacit("--db", str(db), "--session", session.id)  # stdin /dev/null, output piped
    line = one_line_error(result)
    assert result.returncode == 2 and "terminal" in line
    assert result.stdout == "" and "\x1b" not in result.stderr
    assert db.read_bytes() == before
