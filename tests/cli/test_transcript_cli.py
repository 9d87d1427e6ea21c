"""Transcripts on the command line: `tacit suggest` reads them, `import-transcript` files them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacit.cli.main import main
from tacit.models.repository import Store

VTT = """WEBVTT

00:00:01.000 --> 00:00:06.000
<v Operator>We ship same day if the order is in by two. Anything over 40 kilos goes by freight.</v>

00:00:06.500 --> 00:00:09.000
<v Engineer>What about weekends?</v>

00:00:09.500 --> 00:00:15.000
<v Operator>Weekends Maria packs the urgent ones, the rest waits for Monday.</v>
"""


@pytest.fixture(autouse=True)
def no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TACIT_CONFIG", str(tmp_path / "absent-config.toml"))


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_suggest_reads_webvtt_and_asks_only_about_the_operator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "call.vtt"
    path.write_text(VTT, encoding="utf-8")
    code, out, err = run(["suggest", str(path), "--offline", "--json"], capsys)
    assert (code, err) == (0, "")
    questions = json.loads(out)
    assert questions
    for question in questions:
        said = question["text"] + question["quote"]
        assert "-->" not in said and "<v" not in said and "00:00" not in said
        assert "Operator" not in said and "Engineer" not in said and "weekends?" not in said


def test_suggest_takes_the_operator_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "call.txt"
    path.write_text(
        "[00:00:01] Sam: How do refunds work?\n"
        "[00:00:04] Maria: Anything over 500 dollars needs the controller's sign-off.\n",
        encoding="utf-8",
    )
    code, out, _ = run(["suggest", str(path), "--offline", "--json", "--operator", "Maria"], capsys)
    assert code == 0
    quotes = {q["quote"] for q in json.loads(out)} - {""}
    assert quotes and all("refunds work" not in q and "[00:" not in q for q in quotes)


@pytest.mark.parametrize(("name", "text"), [("bad.vtt", "hello"), ("bad.srt", "1")])
def test_a_bad_transcript_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for command in (["suggest", str(path)], ["import-transcript", str(path)]):
        code, out, err = run([*command, "--db", str(tmp_path / "t.json")], capsys)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and "Traceback" not in err


def test_import_transcript_files_the_call_as_segments_of_a_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "call.vtt"
    path.write_text(VTT, encoding="utf-8")
    db = tmp_path / "t.json"
    code, out, _ = run(["import-transcript", str(path), "--db", str(db)], capsys)
    assert code == 0 and "3 turns" in out
    store = Store(db)
    try:
        (session,) = store.sessions()
        segments = store.segments(session.id)
        assert [s.speaker for s in segments] == ["operator", "engineer", "operator"]
        assert all("<v" not in s.text and "-->" not in s.text for s in segments)
        code, _, _ = run(
            ["import-transcript", str(path), "--session", session.id, "--db", str(db)], capsys
        )
        assert code == 0
    finally:
        store.close()
    store = Store(db)
    try:
        assert len(store.segments(session.id)) == 6
    finally:
        store.close()


def test_import_transcript_into_an_unknown_session_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "call.vtt"
    path.write_text(VTT, encoding="utf-8")
    code, out, err = run(
        ["import-transcript", str(path), "--session", "nope", "--db", str(tmp_path / "t.json")],
        capsys,
    )
    assert code == 2 and out == "" and err.count("\n") == 1
