"""Which speaker is the operator: the config file says it once, the flag wins for one call;
bad transcript files are one line and exit 2 with nothing saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacit.cli.main import main
from tacit.models.repository import Store

CALL = """WEBVTT

00:00:01.000 --> 00:00:06.000
<v Maria>Refunds over 500 euros wait for Tom to sign off, unless the customer is a key account.

00:00:06.500 --> 00:00:09.000
<v Tom>And when I am away, who signs?

00:00:09.500 --> 00:00:15.000
<v Maria>Then the refund waits, and nobody knows how often that happens.
"""


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def call(tmp_path: Path) -> Path:
    path = tmp_path / "call.vtt"
    path.write_text(CALL, encoding="utf-8")
    return path


def _config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, operator: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'[transcript]\noperator = "{operator}"\n', encoding="utf-8")
    monkeypatch.setenv("TACIT_CONFIG", str(path))


def _speakers(db: Path) -> list[tuple[str, str]]:
    store = Store(db)
    try:
        (session,) = store.sessions()
        return [(s.speaker, s.text.split()[0]) for s in store.segments(session.id)]
    finally:
        store.close()


def test_the_config_names_the_operator(
    tmp_path: Path, call: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _config(tmp_path, monkeypatch, "tom")  # Tom asks; without the config Maria would be taken
    db = tmp_path / "t.json"
    code, out, err = run(["import-transcript", str(call), "--db", str(db)], capsys)
    assert code == 0 and err == "" and "operator: Tom" in out
    assert _speakers(db) == [("engineer", "Refunds"), ("operator", "And"), ("engineer", "Then")]
    code, out, _ = run(["suggest", str(call), "--offline", "--json"], capsys)
    assert code == 0 and "Refunds over 500" not in out  # Maria's lines are context now


def test_the_flag_wins_over_the_config(
    tmp_path: Path, call: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _config(tmp_path, monkeypatch, "Tom")
    db = tmp_path / "t.json"
    code, out, _ = run(
        ["import-transcript", str(call), "--operator", "maria", "--db", str(db)], capsys
    )
    assert code == 0 and "operator: Maria" in out
    assert [role for role, _ in _speakers(db)] == ["operator", "engineer", "operator"]


def test_a_configured_name_not_in_the_call_falls_back_and_says_so(
    tmp_path: Path, call: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _config(tmp_path, monkeypatch, "Janet")
    db = tmp_path / "t.json"
    code, out, err = run(["import-transcript", str(call), "--db", str(db)], capsys)
    assert code == 0 and "operator: Maria" in out
    assert err == (
        "tacit: no speaker called 'Janet' (config transcript.operator); "
        "taking Maria as the operator\n"
    )


def test_an_unknown_operator_flag_lists_the_speakers_and_saves_nothing(
    tmp_path: Path, call: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TACIT_CONFIG", str(tmp_path / "absent.toml"))
    db = tmp_path / "t.json"
    code, out, err = run(
        ["import-transcript", str(call), "--operator", "Janet", "--db", str(db)], capsys
    )
    assert (code, out) == (2, "")
    assert err == "tacit: no speaker called 'Janet' (speakers: Maria, Tom)\n"
    assert not db.exists()


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("empty.vtt", b"", "empty file"),
        ("blank.txt", b"\n  \n", "empty file"),
        ("binary.srt", bytes(range(256)), "not UTF-8 text"),
        ("garbage.txt", b"hello there\nnothing here\n", "not a transcript"),
        ("nocues.vtt", b"WEBVTT\n\njust words\n", "not WebVTT"),
    ],
)
def test_a_bad_transcript_file_is_one_line_and_the_session_keeps_what_it_had(
    tmp_path: Path,
    call: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    content: bytes,
    says: str,
) -> None:
    monkeypatch.setenv("TACIT_CONFIG", str(tmp_path / "absent.toml"))
    db = tmp_path / "t.json"
    assert run(["import-transcript", str(call), "--db", str(db)], capsys)[0] == 0
    before = _speakers(db)
    store = Store(db)
    session_id = store.sessions()[0].id
    store.close()
    bad = tmp_path / name
    bad.write_bytes(content)
    code, out, err = run(
        ["import-transcript", str(bad), "--session", session_id, "--db", str(db)], capsys
    )
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and says in err and "Traceback" not in err
    assert _speakers(db) == before


def test_a_directory_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TACIT_CONFIG", str(tmp_path / "absent.toml"))
    code, out, err = run(
        ["import-transcript", str(tmp_path), "--db", str(tmp_path / "t.json")], capsys
    )
    assert (code, out) == (2, "")
    assert err == f"tacit: {tmp_path}: is a directory, not a text file\n"
    assert not (tmp_path / "t.json").exists()
