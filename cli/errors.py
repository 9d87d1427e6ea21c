"""The command line's two failures and how one is reported: one line on stderr, an exit code.

Kept apart from `commands.common` (which opens the store and so imports the domain, the
store and the config) so that `tacit.cli.main` can catch them without importing any of
that before it knows which command runs.
"""

from __future__ import annotations

import sys

from tacit.models.exit_codes import EXIT_FAILURE
from tacit.models.safe_text import one_line


class UsageError(Exception):
    """Bad command-line input; the message is the one line shown."""


class CommandError(Exception):
    """A failure to report in one line, with the exit code to use."""

    def __init__(self, message: str, code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.code = code


def fail(error: CommandError) -> int:
    """Print the one-line error and return its exit code."""
    print(f"tacit: {one_line(str(error))}", file=sys.stderr)
    return error.code
