"""Exit codes of the `tacit` command, defined once for the command line and the app."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURE = 1
"""Anything else that went wrong (a failed write, a missing file the user did not name)."""
EXIT_USAGE = 2
"""Bad arguments or a bad input file; nothing was changed."""
EXIT_DAMAGED = 3
"""The database is damaged; it was left untouched (see --recover)."""
EXIT_HANGUP = 129
"""The terminal went away (SIGHUP: dropped SSH, closed pane); half-typed text was saved."""
EXIT_INTERRUPTED = 130
"""Ctrl+C on a headless command."""
EXIT_BROKEN_PIPE = 141
"""The reader of tacit's output went away (`tacit suggest call.txt | head`), as SIGPIPE
ends a shell tool."""
