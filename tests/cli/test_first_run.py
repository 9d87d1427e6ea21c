"""What a new user sees running the command line before any session exists.

Found following the README on a fresh install: `tacit sessions`, the first command a new
user tries to see what is there, failed (exit 1) with `no database at …/tacit.json`, which
reads as a broken install; `tacit export` and `tacit check` said the same with no hint.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _fresh(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TACIT_DB", "TACIT_CONFIG")}
    env.update(TACIT_DATA_DIR=str(tmp_path / "data"), TACIT_CONFIG_DIR=str(tmp_path / "cfg"))
    return subprocess.run(
        [sys.executable, "-m", "tacit.cli.main", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_sessions_on_a_fresh_install_says_there_are_none_yet(tmp_path: Path) -> None:
    result = _fresh(tmp_path, "sessions")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == ["tacit: no sessions yet (run tacit to start one)"]
    assert not (tmp_path / "data" / "tacit.json").exists(), "listing created a database"


def test_export_and_check_on_a_fresh_install_say_how_to_start(tmp_path: Path) -> None:
    for command in ("export", "check"):
        result = _fresh(tmp_path, command)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("tacit: no sessions yet"), lines
        assert "run tacit to start one" in lines[0]


def test_a_mistyped_db_is_still_an_error(tmp_path: Path) -> None:
    result = _fresh(tmp_path, "sessions", "--db", str(tmp_path / "typo.json"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"tacit: no database at {tmp_path / 'typo.json'}"
