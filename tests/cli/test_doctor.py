"""`tacit doctor` on a good setup and on a broken one."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tacit.cli.commands.doctor import FAIL, check_litellm
from tacit.cli.main import main
from tacit.models.domain import Session
from tacit.models.migrations import SCHEMA_VERSION
from tacit.models.repository import Store


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A clean environment: no tmux, no keys, a config path that does not exist."""
    for name in ("TMUX", "NO_COLOR", "TEXTUAL_COLOR_SYSTEM", "TACIT_DB", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TACIT_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLORTERM", "truecolor")
    return tmp_path


def _doctor(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = main(["doctor", *argv])
    return code, capsys.readouterr().out.splitlines()


def test_good_setup_passes(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = env / "tacit.json"
    Store(db).save(Session(title="Lead routing"))

    code, lines = _doctor(capsys, "--db", str(db))

    assert code == 0
    assert not [line for line in lines if line.startswith(FAIL)]
    assert any("Textual uses truecolor" in line for line in lines)
    assert any(line.startswith("ok    permissions") and "0600" in line for line in lines)
    assert any(f"schema {SCHEMA_VERSION}" in line and "1 sessions" in line for line in lines)
    assert any(line.startswith("ok    llm: offline") for line in lines)
    assert lines[-1] == "All good."


def test_broken_setup_fails_with_a_fix_on_each_failing_line(
    env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = env / "tacit.json"
    db.write_text("{not json")
    db.chmod(0o644)
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("COLORTERM")
    api_base = f"http://127.0.0.1:{_closed_port()}"

    code, lines = _doctor(
        capsys, "--db", str(db), "--model", "openai/gpt-4o", "--api-base", api_base
    )

    assert code == 1
    failing = {
        line.split(":")[0].split(None, 1)[1]: line for line in lines if line.startswith(FAIL)
    }
    assert set(failing) == {"colours", "permissions", "database", "llm key", "llm server"}
    assert all(" — fix: " in line for line in failing.values())
    assert "chmod 600" in failing["permissions"]
    assert "--recover" in failing["database"]
    assert "OPENAI_API_KEY" in failing["llm key"]
    assert db.read_text() == "{not json"


def test_key_is_reported_present_but_never_printed(
    env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "sk-test-do-not-print-4242"
    monkeypatch.setenv("MY_GATEWAY_KEY", secret)
    (env / "config.toml").write_text(
        '[llm]\nmodel = "openai/gpt-4o"\napi_key_env = "MY_GATEWAY_KEY"\n'
        f'api_base = "http://127.0.0.1:{_closed_port()}"\n'
    )
    monkeypatch.setenv("TACIT_CONFIG", str(env / "config.toml"))

    _, lines = _doctor(capsys, "--db", str(env / "tacit.json"))

    assert any(line.startswith("ok    llm key: MY_GATEWAY_KEY is set") for line in lines)
    assert secret not in "\n".join(lines)


def test_missing_database_is_not_created(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = env / "nested" / "tacit.json"
    code, lines = _doctor(capsys, "--db", str(db))
    assert code == 0
    assert any("does not exist yet" in line for line in lines)
    assert not db.parent.exists()


def test_a_bad_config_file_is_a_failure(
    env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (env / "config.toml").write_text("[llm\nmodel=")
    monkeypatch.setenv("TACIT_CONFIG", str(env / "config.toml"))
    code, lines = _doctor(capsys, "--db", str(env / "tacit.json"))
    assert code == 1
    assert any(line.startswith("FAIL  config:") for line in lines)


@pytest.mark.parametrize("bad", ["1.82.7", "1.82.8", "1.107.0", "1.107.4"])
def test_compromised_litellm_versions_fail(bad: str) -> None:
    check = check_litellm(True, get_version=lambda _name: bad)
    assert check.status == FAIL
    assert "compromised" in check.line()
    assert "pip install 'litellm==" in check.line()


def test_installed_litellm_is_the_pinned_one() -> None:
    check = check_litellm(False)
    assert check.status == "ok", check.line()


def test_doctor_as_a_real_process_exits_non_zero_on_a_broken_setup(env: Path) -> None:
    db = env / "tacit.json"
    db.write_text("[]")
    environ = {**os.environ, "TERM": "xterm-256color"}
    done = subprocess.run(
        [sys.executable, "-m", "tacit.cli.main", "doctor", "--db", str(db)],
        capture_output=True,
        text=True,
        env=environ,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert "FAIL  database:" in done.stdout


def test_missing_tmux_is_a_warning_with_the_install_hint(
    env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = env / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, lines = _doctor(capsys, "--db", str(env / "tacit.json"))
    assert code == 0
    assert "warn  tmux: not installed (tacit pair needs it) — fix: install tmux" in lines[1]
