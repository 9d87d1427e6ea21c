"""Options work before or after the subcommand; the one after it wins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacit.cli.main import build_parser
from tacit.models.repository import Store

from .test_cli import accepted_rule_db, one_line_error, tacit

COMMANDS = ("export", "import", "sessions", "suggest", "doctor", "pair")
EVERY_COMMAND_OPTION = (
    ("--db", "X.json"),
    ("--config", "C.toml"),
    ("--model", "m"),
    ("--api-base", "http://127.0.0.1:9"),
    ("--offline",),
    ("--recover",),
)


def test_db_before_the_subcommand_is_used_for_import_and_export(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    source = tmp_path / "source.json"
    accepted_rule_db(source)
    exported = tmp_path / "all.json"
    assert tacit("--db", str(source), "export", "-o", str(exported)).returncode == 0
    other = tmp_path / "other.json"
    result = tacit("--db", str(other), "import", str(exported))
    assert result.returncode == 0, result.stderr
    store = Store(other)
    assert len(store.rules()) == 1
    store.close()
    assert not (isolated_dirs / "data").exists(), "the default database was touched"


def test_missing_db_directory_before_sessions_fails_in_one_line(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    (isolated_dirs / "data").mkdir()
    accepted_rule_db(isolated_dirs / "data" / "tacit.json")  # what a wrong fallback would list
    result = tacit("--db", str(tmp_path / "nowhere" / "t.json"), "sessions")
    line = one_line_error(result)
    assert "nowhere" in line
    assert result.stdout == ""


def test_option_after_the_subcommand_wins(tmp_path: Path) -> None:
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    accepted_rule_db(before)
    session = accepted_rule_db(after)
    result = tacit("--db", str(before), "sessions", "--db", str(after))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(session.id)
    exported = tacit("--db", str(after), "export", "--db", str(before))
    assert json.loads(exported.stdout)["sessions"][0]["id"] != session.id


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_takes_every_common_option_both_places(command: str) -> None:
    positional = ["FILE"] if command == "import" else []
    for option in EVERY_COMMAND_OPTION:
        dest = option[0].lstrip("-").replace("-", "_")
        expected = option[1] if len(option) > 1 else True
        for argv in ([*option, command, *positional], [command, *option, *positional]):
            args = build_parser(argv).parse_args(argv)
            assert getattr(args, dest) == expected, argv


def test_in_process_the_later_option_wins_and_earlier_ones_stay() -> None:
    argv = ["--db", "a.json", "--offline", "export", "--db", "b.json"]
    args = build_parser(argv).parse_args(argv)
    assert (args.db, args.offline, args.model) == ("b.json", True, None)


@pytest.mark.parametrize("command", [("suggest", "-"), ("export",), ("check",)])
def test_a_config_file_named_but_missing_is_refused_not_ignored(
    tmp_path: Path, isolated_dirs: Path, command: tuple[str, ...]
) -> None:
    db = tmp_path / "t.json"
    accepted_rule_db(db)
    typo = tmp_path / "confg.toml"
    result = tacit("--db", str(db), "--config", str(typo), *command)
    line = one_line_error(result)
    assert str(typo) in line and "no such" in line
    assert result.returncode == 2 and result.stdout == ""
