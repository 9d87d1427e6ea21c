"""The command line's parser: the app's options and the headless subcommands.

Imported only when the arguments are more than the app's two start-up forms (`tacit`
and `tacit --session ID`, see `tacit.cli.main.start_args`): argparse and building the
parser cost about 10 M instructions, some 1% of the app's first frame.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from tacit.cli.commands.common import UsageError

# subcommand name -> module in tacit.cli.commands with register(subparsers, ...) and run(args)
SUBCOMMANDS = (
    "export",
    "import",
    "import-transcript",
    "check",
    "suggest",
    "sessions",
    "pair",
    "doctor",
)
_MODULES = {
    "export": "transfer",
    "import": "transfer",
    "sessions": "transfer",
    "import-transcript": "import_transcript",
}


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors in one line instead of usage plus message."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see: {self.prog} --help)")


def tacit_version() -> str:
    """The installed version of tacit."""
    from importlib.metadata import PackageNotFoundError, version  # ~45 ms: only when asked

    try:
        return version("tacit")
    except PackageNotFoundError:
        return "0+unknown"


class _VersionAction(argparse.Action):
    """--version, looked up only when given (keeps importlib.metadata off the start-up path)."""

    def __init__(
        self,
        option_strings: Sequence[str],
        dest: str = argparse.SUPPRESS,
        default: str = argparse.SUPPRESS,
        help: str | None = None,
    ) -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(f"tacit {tacit_version()}")
        parser.exit()


def _option_parsers(default: Any) -> list[argparse.ArgumentParser]:
    """The options every command takes: [database options, LLM and config options].

    The subcommands get copies whose defaults are SUPPRESS, so an option given
    only before the subcommand is kept, and one given after it wins.
    """

    def unless_given(value: object) -> object:
        return argparse.SUPPRESS if default is argparse.SUPPRESS else value

    common = _Parser(add_help=False, argument_default=default)
    common.add_argument(
        "--db", metavar="PATH", help="database file (default: TACIT_DB or the data dir)"
    )
    common.add_argument(
        "--recover",
        action="store_true",
        default=unless_given(False),
        help="if the database is damaged, move it aside with a timestamp and start fresh",
    )
    llm = _Parser(add_help=False, argument_default=default)
    llm.add_argument(
        "--model", metavar="M", help="LLM model as litellm spells it (e.g. ollama/llama3.1)"
    )
    llm.add_argument("--api-base", metavar="URL", help="LLM server or LiteLLM proxy URL")
    llm.add_argument(
        "--offline",
        action="store_true",
        default=unless_given(False),
        help="never use an LLM, even if configured",
    )
    llm.add_argument(
        "--config", metavar="FILE", help="config file (default: TACIT_CONFIG or the config dir)"
    )
    return [common, llm]


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser: app options, plus the subcommands when argv may name one.

    Starting the app (no subcommand, no --help) skips importing the subcommand
    modules, which keeps them off the start-up path. The common options are
    accepted before and after a subcommand; given in both places, the one
    after the subcommand wins.
    """
    common, llm = _option_parsers(None)
    parser = _Parser(
        prog="tacit",
        description="Capture the hidden rules of a workflow, live, as a pair.",
        parents=[common, llm],
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    parser.add_argument("--session", metavar="ID", help="open this session directly")
    parser.add_argument("--demo", action="store_true", help="open a ready-made sample session")
    parser.add_argument(
        "--role",
        choices=("engineer", "operator"),
        default="engineer",
        help="which view to open (default: engineer)",
    )
    if not _may_name_subcommand(sys.argv[1:] if argv is None else argv):
        return parser
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in SUBCOMMANDS:
        module: Any = importlib.import_module(f"tacit.cli.commands.{_MODULES.get(name, name)}")
        module.register(subparsers, name, _option_parsers(argparse.SUPPRESS))
    return parser


def _may_name_subcommand(args: Sequence[str]) -> bool:
    """Whether the arguments name a subcommand or ask for help (which lists them)."""
    return any(a in SUBCOMMANDS or a in ("-h", "--help") for a in args)


def _check_named_config(args: argparse.Namespace) -> None:
    """A config file the user named must be there: a typo is refused, never silently ignored
    (without --config a missing file means the defaults)."""
    given = getattr(args, "config", None)
    if not given:
        return
    from pathlib import Path

    path = Path(given).expanduser()
    if path.is_dir():
        raise UsageError(f"{given}: is a directory, not a config file")
    if not path.exists():
        raise UsageError(f"{given}: no such config file")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed arguments, or UsageError; a config file named with --config must exist."""
    args = build_parser(argv).parse_args(argv)
    _check_named_config(args)
    return args
