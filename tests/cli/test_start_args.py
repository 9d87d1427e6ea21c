"""The app's two start-up forms are read without argparse, to the same values as the parser."""

from __future__ import annotations

import pytest

from tacit.cli.main import build_parser, start_args


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
