"""The `tacit` command line: the app by default, and headless subcommands.

Every failure the user can cause ends in one line on stderr and a non-zero exit:
2 for bad arguments or bad input files, 3 for a damaged database, 1 otherwise.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from tacit.cli.errors import CommandError, UsageError, fail
from tacit.models.db_lock import DatabaseError
from tacit.models.exit_codes import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_USAGE

if TYPE_CHECKING:
    import argparse

APP_DEFAULTS = {
    "db": None,
    "recover": False,
    "model": None,
    "api_base": None,
    "offline": False,
    "config": None,
    "session": None,
    "demo": False,
    "role": "engineer",
}
"""What the parser gives when only the app's start-up forms are used (a test holds the
two to the same values)."""


def start_args(argv: Sequence[str]) -> SimpleNamespace | None:
    """The arguments of `tacit` and `tacit --session ID`, the forms a user starts the app
    with, read without argparse; None for anything else (the parser reads it)."""
    args = list(argv)
    if not args:
        return SimpleNamespace(**APP_DEFAULTS)
    if len(args) == 2 and args[0] == "--session" and not args[1].startswith("-"):
        return SimpleNamespace(**{**APP_DEFAULTS, "session": args[1]})
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The full parser (see `tacit.cli.arguments.build_parser`)."""
    from tacit.cli.arguments import build_parser as build

    return build(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `tacit` console script."""
    try:
        args: argparse.Namespace | SimpleNamespace | None = start_args(
            sys.argv[1:] if argv is None else argv
        )
        if args is None:
            from tacit.cli.arguments import parse_args

            args = parse_args(argv)
        handler = getattr(args, "handler", None)
        if handler is not None:
            code: int = handler(args)
            sys.stdout.flush()  # a closed pipe shows here, not in Python's exit
            return code
        # The app's start-up creates some 60,000 objects that live as long as it does;
        # collecting cycles meanwhile re-scans them again and again (~20 M instructions).
        # Collection is off from here to the app's first frame (run_app freezes what
        # start-up made first), and back on in any case once run_app returns.
        gc.disable()
        try:
            from tacit.cli.commands.run_app import run_app

            return run_app(args)
        finally:
            gc.enable()
    except UsageError as error:
        from tacit.models.safe_text import one_line

        print(f"tacit: {one_line(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except CommandError as error:
        return fail(error)
    except DatabaseError as error:  # e.g. DatabaseLocked or a full disk in the middle of a write
        return fail(CommandError(str(error)))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return _reader_gone()


def _reader_gone() -> int:
    """`tacit suggest call.txt | head`: the reader closed the pipe. Stop as a shell
    tool does, quietly, and keep Python's own flush at exit from failing again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_BROKEN_PIPE


if __name__ == "__main__":
    sys.exit(main())
