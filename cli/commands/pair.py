"""`tacit pair`: an engineer view and an operator view of one session, in tmux.

Both views run as separate tacit instances on the same database, in the windows
"engineer" and "operator" of one tmux session on a socket of their own (so the
user's own tmux server and settings are untouched). Each person attaches with a
grouped session, so each has their own current window and focus.

When one person quits their view, only their own grouped session ends (their
terminal detaches; nobody lands in the other person's window). Running
`tacit pair` or `tacit pair --join` again recreates that person's window from
the command stored on the pair's session, and attaches to it.
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from tacit.cli.commands.common import CommandError, db_path, open_store, resolve_session
from tacit.models.domain import Session
from tacit.models.exit_codes import EXIT_OK, EXIT_USAGE
from tacit.models.lifecycle import ValidationError
from tacit.models.locations import default_db_path
from tacit.models.safe_text import clean

PAIR_SESSION = "tacit"
ESCAPE_TIME_MS = 10
TMUX_TIMEOUT = 10.0
ROLE_WINDOWS = ("engineer", "operator")


def socket_name(db: Path) -> str:
    """The tmux socket of the pair for this user and database."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    user = re.sub(r"[^A-Za-z0-9_-]", "", user)[:32] or "user"
    digest = hashlib.sha256(str(db.expanduser().resolve()).encode()).hexdigest()[:8]
    return f"tacit-pair-{user}-{digest}"


def tmux_argv(socket: str, *command: str) -> list[str]:
    """A tmux command line on the pair's socket."""
    return ["tmux", "-L", socket, *command]


def pair_running(socket: str) -> bool:
    """Whether the pair's tmux session exists on that socket."""
    if shutil.which("tmux") is None:
        return False
    try:
        done = subprocess.run(
            tmux_argv(socket, "has-session", "-t", PAIR_SESSION),
            capture_output=True,
            timeout=TMUX_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def truecolor(environ: dict[str, str] | os._Environ[str]) -> bool:
    """Whether the terminal says it renders 24-bit colour."""
    return environ.get("COLORTERM", "").lower() in ("truecolor", "24bit")


def _default_terminal() -> str:
    """tmux-256color when its terminfo entry exists, else screen-256color."""
    if shutil.which("infocmp"):
        found = subprocess.run(
            ["infocmp", "tmux-256color"], capture_output=True, check=False, timeout=TMUX_TIMEOUT
        )
        if found.returncode == 0:
            return "tmux-256color"
    return "screen-256color"


def sharing_options(environ: dict[str, str] | os._Environ[str]) -> list[list[str]]:
    """The tmux commands that make a shared session pleasant (see `tacit doctor`)."""
    options = [
        ["set-option", "-g", "set-clipboard", "on"],
        ["set-option", "-g", "window-size", "smallest"],
        ["set-option", "-s", "escape-time", str(ESCAPE_TIME_MS)],
        ["set-option", "-g", "focus-events", "on"],
        ["set-option", "-g", "default-terminal", _default_terminal()],
    ]
    if truecolor(environ):
        options.append(["set-option", "-sa", "terminal-features", ",*:RGB"])
        options.append(["set-option", "-sa", "terminal-overrides", ",*:Tc"])
    return options


def view_command(role: str, session_id: str, db: Path, args: argparse.Namespace) -> str:
    """The shell command a pair window runs: this tacit, in one role, on the database."""
    argv = [sys.executable, "-m", "tacit.cli.main", "--role", role, "--session", session_id]
    argv += ["--db", str(db)]
    if getattr(args, "config", None):
        argv += ["--config", str(Path(args.config).expanduser().resolve())]
    if getattr(args, "model", None):
        argv += ["--model", args.model]
    if getattr(args, "api_base", None):
        argv += ["--api-base", args.api_base]
    if getattr(args, "offline", False):
        argv.append("--offline")
    return shlex.join(argv)


def window_command(role: str, socket: str, view: str) -> str:
    """The view, then detach whoever was looking at this window (and only them)."""
    tmux = shlex.join(["tmux", "-L", socket])
    name = "#{session_name} #{window_name}"
    release = (
        f"{tmux} list-sessions -F {shlex.quote(name)} 2>/dev/null | while read -r s w; do "
        f'if [ "$w" = {role} ] && [ "$s" != {PAIR_SESSION} ]; then '
        f'{tmux} kill-session -t "=$s" 2>/dev/null; fi; done'
    )
    return f"{view}; {release}"


def _view_option(role: str) -> str:
    return f"@tacit-view-{role}"


def _chain(commands: list[list[str]]) -> list[str]:
    """tmux commands joined with ';' so one tmux call runs them all in order."""
    chained: list[str] = []
    for command in commands:
        if chained:
            chained.append(";")
        chained += command
    return chained


def start_pair(socket: str, session_id: str, db: Path, args: argparse.Namespace) -> None:
    """Start the tmux server with both views, or raise CommandError."""
    views = {
        role: window_command(role, socket, view_command(role, session_id, db, args))
        for role in ROLE_WINDOWS
    }
    commands = [["start-server"], *sharing_options(os.environ)]
    commands += [
        [
            "new-session",
            "-d",
            "-s",
            PAIR_SESSION,
            "-n",
            "engineer",
            "-x",
            "100",
            "-y",
            "30",
            views["engineer"],
        ],
        [
            "new-window",
            "-d",
            "-t",
            f"{PAIR_SESSION}:",
            "-n",
            "operator",
            views["operator"],
        ],
    ]
    commands += [  # kept, so a view that was quit can be recreated on rejoin
        ["set-option", "-t", PAIR_SESSION, _view_option(role), views[role]] for role in ROLE_WINDOWS
    ]
    _tmux(socket, commands, "could not start tmux")


def _tmux(socket: str, commands: list[list[str]], failure: str) -> str:
    """Run chained tmux commands on the pair's socket; CommandError with tmux's reason."""
    try:
        done = subprocess.run(
            tmux_argv(socket, *_chain(commands)),
            capture_output=True,
            text=True,
            timeout=TMUX_TIMEOUT,
            check=False,
            env=_outside_tmux(),
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise CommandError(f"{failure}: {error}") from None
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()
        raise CommandError(f"{failure}: {reason[0] if reason else 'unknown error'}")
    return done.stdout


def ensure_view(socket: str, role: str) -> bool:
    """Recreate role's window if that person quit it; True when it had to be recreated."""
    listed = _tmux(
        socket, [["list-windows", "-t", PAIR_SESSION, "-F", "#{window_name}"]], "tmux failed"
    )
    if role in listed.split():
        return False
    view = _tmux(
        socket,
        [["show-options", "-v", "-t", PAIR_SESSION, _view_option(role)]],
        f"cannot reopen the {role} view (a pair from an older tacit; quit it and start again)",
    ).strip()
    if not view:
        raise CommandError(f"cannot reopen the {role} view; quit the pair and start it again")
    _tmux(
        socket,
        [["new-window", "-d", "-t", f"{PAIR_SESSION}:", "-n", role, view]],
        f"cannot reopen the {role} view",
    )
    return True


def _outside_tmux() -> dict[str, str]:
    """The environment without TMUX, so tmux does not refuse to nest."""
    return {key: value for key, value in os.environ.items() if key != "TMUX"}


def attach_argv(socket: str, window: str) -> list[str]:
    """Attach a new grouped session (own current window and focus) showing one window."""
    return tmux_argv(
        socket,
        *_chain(
            [
                ["new-session", "-t", PAIR_SESSION],
                ["set-option", "destroy-unattached", "on"],
                ["select-window", "-t", f":{window}"],
            ]
        ),
    )


def join_command(args: argparse.Namespace, db: Path) -> str:
    """The one command the second person runs."""
    argv = ["tacit", "pair", "--join"]
    if getattr(args, "db", None) or os.environ.get("TACIT_DB") or db != default_db_path():
        argv += ["--db", str(db)]
    return shlex.join(argv)


def _attach(socket: str, window: str) -> int:
    if os.environ.get("TMUX"):
        print("Note: this nests the pair's tmux inside yours; press your prefix twice to reach it.")
    sys.stdout.flush()
    try:
        os.execvpe("tmux", attach_argv(socket, window), _outside_tmux())
    except OSError as error:
        raise CommandError(f"could not attach to tmux: {error.strerror or error}") from None
    return EXIT_OK  # pragma: no cover - exec does not return


def _new_session_title() -> str:
    """A title that tells one call from another in the picker (there is no rename)."""
    return f"Pairing call {datetime.now().astimezone():%d %b %Y %H:%M}"


def _session_to_pair(args: argparse.Namespace, db: Path) -> Session:
    """The session both views open: a new one when asked for or when there is none yet."""
    store = open_store(args)
    try:
        wanted = args.pair_session or getattr(args, "session", None)
        if wanted and args.new_title is not None:
            raise CommandError("--new starts a new session; leave out --session", EXIT_USAGE)
        if wanted:
            return resolve_session(store, wanted)
        session = None if args.new_title is not None else next(iter(store.sessions()), None)
        if session is None:
            title = clean(_new_session_title() if args.new_title is None else args.new_title)
            try:
                session = Session(title=title)
            except ValidationError as error:
                raise CommandError(f"{error}", EXIT_USAGE) from None
            store.save(session)
            print(f"tacit pair: started a new session '{clean(session.title)}' in {db}.")
        return session
    finally:
        store.close()


def run(args: argparse.Namespace) -> int:
    """Start (or rejoin) the pair and attach, or join the operator window with --join."""
    if shutil.which("tmux") is None:
        raise CommandError("tmux is not installed; install it (e.g. apt install tmux) to pair")
    db = db_path(args).expanduser().resolve()
    socket = socket_name(db)
    if args.join:
        if args.new_title is not None:
            raise CommandError(
                "--new is for the engineer; the operator joins with --join", EXIT_USAGE
            )
        if not pair_running(socket):
            raise CommandError(f"no pair is running on {db}; start one with: tacit pair")
        if ensure_view(socket, "operator"):
            print("tacit pair: the operator view was closed; it is open again.")
        if args.no_attach:
            print(shlex.join(attach_argv(socket, "operator")))
            return EXIT_OK
        return _attach(socket, "operator")
    if pair_running(socket):
        if args.new_title is not None:
            raise CommandError(
                f"a pair is already running on {db}; quit both views before starting a new session"
            )
        print(f"tacit pair: already running on {db}; attaching as the engineer.")
        if ensure_view(socket, "engineer"):
            print("tacit pair: the engineer view was closed; it is open again.")
    else:
        session = _session_to_pair(args, db)
        start_pair(socket, session.id, db, args)
        print(f"tacit pair: engineer and operator views of '{clean(session.title)}' are running.")
    print(f"The operator joins with:  {join_command(args, db)}")
    if args.no_attach:
        print(f"The engineer attaches with:  {shlex.join(attach_argv(socket, 'engineer'))}")
        return EXIT_OK
    return _attach(socket, "engineer")


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add `tacit pair` to the command line."""
    parser = subparsers.add_parser(
        name,
        parents=parents,
        help="pair in tmux: an engineer view and an operator view on one database",
        description="Start (or rejoin) the pairing setup in tmux, or join it with --join.",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--session",
        dest="pair_session",
        metavar="ID",
        help="the session to open (default: the most recent; a new one if there is none)",
    )
    which.add_argument(
        "--new",
        dest="new_title",
        metavar="TITLE",
        help="start a new session with this title for the pair",
    )
    parser.add_argument(
        "--join", action="store_true", help="join a running pair in the operator window"
    )
    parser.add_argument(
        "--no-attach",
        action="store_true",
        help="set everything up and print the commands, without attaching",
    )
    parser.set_defaults(handler=run)
