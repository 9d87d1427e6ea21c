"""Shared fixtures: every test runs with its own data and config directories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

# Fixtures shared across layers: the loopback LLM server and its key; the check that
# no process started by the suite outlives it.
pytest_plugins = ["support.llm_fixtures", "support.process_guard"]


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point TACIT_DATA_DIR / TACIT_CONFIG_DIR at a temp dir; never touch the user's files."""
    home = tmp_path / "tacit-home"
    home.mkdir()
    monkeypatch.setenv("TACIT_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("TACIT_CONFIG_DIR", str(home / "config"))
    monkeypatch.delenv("TACIT_DB", raising=False)
    monkeypatch.delenv("TACIT_CONFIG", raising=False)
    yield home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database path in a fresh temp directory (the file does not exist yet)."""
    return tmp_path / "tacit.json"
