"""Every command and every argument explains itself in --help."""

from __future__ import annotations

import argparse

from tacit.cli.main import build_parser


def _undocumented(parser: argparse.ArgumentParser, name: str) -> list[str]:
    missing = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helped = {choice.dest for choice in action._choices_actions if choice.help}
            for command, sub in action.choices.items():
                if command not in helped:
                    missing.append(f"{name} {command}")
                missing += _undocumented(sub, f"{name} {command}")
        elif not action.help or action.help == argparse.SUPPRESS:
            missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    return missing


def test_every_command_and_argument_has_help_text() -> None:
    assert _undocumented(build_parser(), "tacit") == []
