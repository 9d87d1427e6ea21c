"""The app's two start-up forms are read without argparse, to the same values as the parser."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from tacit.cli.main import build_parser, main, start_args


@pytest.mark.parametrize("argv", [[], ["--session", "ses_01ABC"], ["--session", "demo title"]])
def test_start_forms_give_what_the_parser_gives(argv: list[str]) -> None:
    quick = start_args(argv)
    assert quick is not None
    assert vars(quick) == vars(build_parser(argv).parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["--session"],
        ["--session", "-x"],
        ["--session=abc"],
        ["--sess", "abc"],
        ["--session", "abc", "--offline"],
        ["--demo"],
        ["--role", "operator"],
        ["sessions"],
        ["--help"],
        ["--version"],
    ],
)
def test_every_other_form_goes_to_the_parser(argv: list[str]) -> None:
    assert start_args(argv) is None


def test_garbage_collection_is_back_on_when_the_app_cannot_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """main() turns collection off while the app starts; a start that fails (here: no such
    session) leaves it on, as every other command finds it."""
    monkeypatch.setenv("TACIT_DB", str(tmp_path / "tacit.json"))
    monkeypatch.setenv("TACIT_CONFIG_DIR", str(tmp_path / "config"))
    assert gc.isenabled()
    assert main(["--session", "ses_01NOSUCHSESSION0000000000"]) != 0
    assert gc.isenabled()
    assert "tacit:" in capsys.readouterr().err
