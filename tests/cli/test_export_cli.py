"""`tacit export --format X`, `--split DIR` and `tacit import DIR` on the demo session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacit.cli.demo import create_demo
from tacit.models.export_formats import FORMAT_NAMES
from tacit.models.repository import Store

from .test_cli import one_line_error, tacit


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "db.json"
    store = Store(path)
    create_demo(store)
    store.close()
    return path


def test_help_lists_every_registered_format() -> None:
    result = tacit("export", "--help")
    for name in FORMAT_NAMES:
        assert name in result.stdout


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_each_format_exports_the_demo_session(demo_db: Path, name: str) -> None:
    result = tacit("export", "--db", str(demo_db), "--format", name)
    assert result.returncode == 0, result.stderr
    if name == "tests":
        compile(result.stdout, "test_rules.py", "exec")
        assert result.stdout.count("def test_rul_") == 2  # a base example and an exception's
    else:
        assert "New jobs go to the team that covers the job" in result.stdout
    if name in ("json", "guidelines"):
        json.loads(result.stdout)


def test_split_then_import_the_directory(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "rules"
    result = tacit("export", "--db", str(demo_db), "--split", str(out))
    assert result.returncode == 0, result.stderr
    assert "files to" in result.stderr and (out / "index.json").is_file()
    fresh = tmp_path / "fresh.json"
    result = tacit("import", "--db", str(fresh), str(out))
    assert result.returncode == 0, result.stderr
    assert "added" in result.stderr and "1 rules" in result.stderr


def test_split_refuses_another_format(demo_db: Path, tmp_path: Path) -> None:
    result = tacit("export", "--db", str(demo_db), "--split", str(tmp_path), "--format", "md")
    assert "--split writes JSON" in one_line_error(result)


def test_a_second_one_session_export_reads_the_cache_and_says_the_same(
    demo_db: Path, tmp_path: Path
) -> None:
    session = Store(demo_db).sessions()[0].id
    first = tacit("export", "--db", str(demo_db), "--session", session, "--format", "policy")
    assert (demo_db.parent / f"{demo_db.name}.sessions" / f"{session}.json").is_file()
    second = tacit("export", "--db", str(demo_db), "--session", session, "--format", "policy")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout and "New jobs go to the team" in second.stdout
