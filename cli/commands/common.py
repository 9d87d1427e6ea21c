"""Helpers every subcommand shares: opening the store and failing in one line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tacit.cli.errors import CommandError as CommandError
from tacit.cli.errors import UsageError as UsageError
from tacit.cli.errors import fail as fail
from tacit.models.config import Config, ConfigError, load_config
from tacit.models.damaged_sessions import damaged_sessions, describe
from tacit.models.db_write import move_aside
from tacit.models.domain import Session
from tacit.models.exit_codes import EXIT_DAMAGED, EXIT_FAILURE, EXIT_USAGE
from tacit.models.ids import short_id
from tacit.models.locations import default_db_path
from tacit.models.repository import Store
from tacit.models.safe_text import one_line
from tacit.models.storage import DatabaseDamaged, DatabaseError

if TYPE_CHECKING:
    from argparse import Namespace
    from types import SimpleNamespace


def db_path(args: Namespace | SimpleNamespace) -> Path:
    """The database path from --db, TACIT_DB or the default data dir."""
    given = getattr(args, "db", None)
    return Path(given).expanduser() if given else default_db_path()


def _say_waiting(notice: str) -> None:
    """Tell the user a write is waiting for another process's lock (stderr, one line)."""
    print(f"tacit: {one_line(notice)}", file=sys.stderr, flush=True)


NO_SESSIONS_YET = "no sessions yet (run tacit to start one)"


def no_sessions_yet(args: Namespace | SimpleNamespace) -> bool:
    """A fresh install: the default database does not exist yet (a --db or TACIT_DB that
    does not exist is a mistyped path instead, and stays an error)."""
    path = db_path(args)
    return path == default_db_path() and not path.exists()


def open_store(args: Namespace | SimpleNamespace, *, create: bool = True) -> Store:
    """Open the database, or raise CommandError; --recover moves a damaged file aside.

    The default data directory is created on first use; a directory given with
    --db or TACIT_DB must already exist. With create=False a missing file is an error.
    """
    path = db_path(args)
    if not create and no_sessions_yet(args):
        raise CommandError(NO_SESSIONS_YET, EXIT_FAILURE)
    if path == default_db_path() and create and not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, mode=0o700)
        except OSError as error:
            raise CommandError(f"cannot create {path.parent}: {error.strerror}") from None
    try:
        return Store(path, create=create, on_lock_wait=_say_waiting)
    except DatabaseDamaged as error:
        if not getattr(args, "recover", False):
            raise CommandError(
                f"{error} (run with --recover to move it aside and start fresh)", EXIT_DAMAGED
            ) from None
        moved = move_aside(error.path)
        print(f"tacit: moved the damaged database to {moved}", file=sys.stderr)
        try:
            return Store(path, create=True, on_lock_wait=_say_waiting)
        except DatabaseError as again:
            raise CommandError(str(again), EXIT_DAMAGED) from None
    except DatabaseError as error:
        raise CommandError(str(error), EXIT_FAILURE) from None
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror or error}", EXIT_FAILURE) from None


def config_from(args: Namespace | SimpleNamespace) -> Config:
    """The config file merged with --model, --api-base and --offline."""
    given = getattr(args, "config", None)
    try:
        config = load_config(Path(given).expanduser() if given else None)
    except ConfigError as error:
        raise CommandError(str(error), EXIT_USAGE) from None
    if getattr(args, "model", None):
        config.llm.model = args.model
    if getattr(args, "api_base", None):
        config.llm.api_base = args.api_base
    if getattr(args, "offline", False):
        config.llm.offline = True
    return config


def resolve_session(store: Store, key: str) -> Session:
    """The one session key names (full id, prefix or short id), or CommandError (exit 2)."""
    matches = store.match_sessions(key)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        wanted = key.strip().upper()
        for damaged in damaged_sessions(store):  # there, but its record cannot be read
            if damaged.id.upper().startswith(wanted) or short_id(damaged.id).upper() == wanted:
                raise CommandError(describe(damaged), EXIT_DAMAGED)
        raise CommandError(f"no session matches {key!r} (see: tacit sessions)", EXIT_USAGE)
    shown = ", ".join(f"{s.id} ({s.title})" for s in matches[:5])
    more = f" and {len(matches) - 5} more" if len(matches) > 5 else ""
    raise CommandError(f"{key!r} is ambiguous: it matches {shown}{more}", EXIT_USAGE)
