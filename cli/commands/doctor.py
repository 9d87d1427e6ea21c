"""`tacit doctor`: check the setup, one line per check, each with its fix when failing.

Exit code 1 when something is broken (a FAIL line); warnings alone exit 0.
Never prints an API key, never imports litellm, and reaches the network only
for a short TCP connect to a configured LLM server.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import socket
import stat
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from tacit.cli.commands.common import CommandError, config_from, db_path
from tacit.cli.commands.pair import (
    ESCAPE_TIME_MS,
    PAIR_SESSION,
    pair_running,
    socket_name,
    tmux_argv,
)
from tacit.models.config import api_base_problem
from tacit.models.exit_codes import EXIT_FAILURE, EXIT_OK
from tacit.models.repository import Store
from tacit.models.safe_text import clean
from tacit.models.storage import DatabaseDamaged, DatabaseError

OK, WARN, FAIL = "ok", "warn", "FAIL"
CONNECT_TIMEOUT = 2.0
BAD_LITELLM = ("1.82.7", "1.82.8")
BAD_LITELLM_SERIES = ("1.107.",)
# provider prefix -> (environment variable of its key, default host:port or "")
PROVIDERS: dict[str, tuple[str, str]] = {
    "openai": ("OPENAI_API_KEY", "api.openai.com:443"),
    "anthropic": ("ANTHROPIC_API_KEY", "api.anthropic.com:443"),
    "gemini": ("GEMINI_API_KEY", "generativelanguage.googleapis.com:443"),
    "groq": ("GROQ_API_KEY", "api.groq.com:443"),
    "mistral": ("MISTRAL_API_KEY", "api.mistral.ai:443"),
    "openrouter": ("OPENROUTER_API_KEY", "openrouter.ai:443"),
    "deepseek": ("DEEPSEEK_API_KEY", "api.deepseek.com:443"),
    "ollama": ("", "127.0.0.1:11434"),
    "ollama_chat": ("", "127.0.0.1:11434"),
    "hosted_vllm": ("", ""),
    "lm_studio": ("", "127.0.0.1:1234"),
}


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the report."""

    status: str
    topic: str
    detail: str
    fix: str = ""

    def line(self) -> str:
        """The line as printed: status, topic, detail and the fix when there is one."""
        text = f"{self.status:<5} {self.topic}: {self.detail}"
        if self.fix and self.status != OK:
            text += f" — fix: {self.fix}"
        return clean(text)


def _run(argv: list[str]) -> str | None:
    """A command's stripped stdout, or None when it fails."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def check_colours(environ: Mapping[str, str]) -> Check:
    """TERM, COLORTERM and the colour system Textual will pick from them."""
    from rich.console import Console

    term = environ.get("TERM", "")
    colorterm = environ.get("COLORTERM", "")
    forced = environ.get("TEXTUAL_COLOR_SYSTEM", "auto")
    console = Console(
        file=io.StringIO(),
        force_terminal=True,
        color_system=forced,  # type: ignore[arg-type]
        _environ=dict(environ),
    )
    system = console.color_system or "none"
    if "NO_COLOR" in environ:
        system = "monochrome (NO_COLOR is set)"
    seen = f"TERM={term or '(unset)'} COLORTERM={colorterm or '(unset)'} -> Textual uses {system}"
    if not term or term == "dumb" or system == "none":
        return Check(
            FAIL, "colours", seen, "run in a real terminal, e.g. export TERM=xterm-256color"
        )
    if system == "standard":
        return Check(
            WARN,
            "colours",
            seen + " (16 colours)",
            "export TERM=xterm-256color (or tmux-256color inside tmux)",
        )
    if system == "256":
        return Check(OK, "colours", seen + "; export COLORTERM=truecolor if the terminal has it")
    return Check(OK, "colours", seen)


def check_tmux(socket: str) -> list[Check]:
    """tmux's version, and the sharing options on the pair's socket when it runs."""
    if shutil.which("tmux") is None:
        return [
            Check(
                WARN,
                "tmux",
                "not installed (tacit pair needs it)",
                "install tmux, e.g. apt install tmux",
            )
        ]
    checks = [Check(OK, "tmux", _run(["tmux", "-V"]) or "installed, version unknown")]
    if not pair_running(socket):
        checks.append(Check(OK, "pair", f"not running (socket {socket}); start with: tacit pair"))
        return checks
    wanted = {
        ("-g", "set-clipboard"): ("on",),
        ("-g", "window-size"): ("smallest",),
    }
    problems = []
    for (scope, name), good in wanted.items():
        value = _run(tmux_argv(socket, "show-options", scope, "-v", name))
        if value not in good:
            problems.append(f"{name} is {value} (want {good[0]})")
    escape = _run(tmux_argv(socket, "show-options", "-s", "-v", "escape-time"))
    if escape is None or not escape.isdigit() or int(escape) > 50:
        problems.append(f"escape-time is {escape} (want {ESCAPE_TIME_MS})")
    if problems:
        checks.append(
            Check(
                FAIL,
                "pair",
                f"socket {socket}: " + "; ".join(problems),
                f"tmux -L {socket} kill-server, then tacit pair",
            )
        )
    else:
        checks.append(
            Check(
                OK,
                "pair",
                f"running on socket {socket} (session {PAIR_SESSION}): "
                f"set-clipboard on, window-size smallest, escape-time {escape}",
            )
        )
    return checks


def _pyperclip_backend() -> str:
    import pyperclip

    copy, _ = pyperclip.determine_clipboard()
    name = getattr(copy, "__name__", None) or type(copy).__name__
    return "none" if "Unavailable" in name else name.removeprefix("copy_")


def check_clipboard(environ: Mapping[str, str]) -> list[Check]:
    """How a copy reaches the user's clipboard: OSC 52 (through tmux) and pyperclip."""
    checks = []
    if environ.get("TMUX"):
        from tacit.tui.clipboard import tmux_copy_route, tmux_version

        value = _run(["tmux", "show-options", "-g", "-v", "set-clipboard"])
        works, how = tmux_copy_route(value, tmux_version(_run(["tmux", "-V"])))
        if works:
            checks.append(Check(OK, "clipboard", how + ", if your terminal allows OSC 52"))
        else:
            checks.append(Check(WARN, "clipboard", how, "tmux set-option -g set-clipboard on"))
    else:
        checks.append(
            Check(
                OK,
                "clipboard",
                "OSC 52 goes straight to the terminal (the terminal must allow OSC 52)",
            )
        )
    backend = _pyperclip_backend()
    if backend == "none":
        checks.append(
            Check(OK, "pyperclip", "no local clipboard (normal over SSH; OSC 52 is used)")
        )
    else:
        checks.append(Check(OK, "pyperclip", f"local clipboard through {backend}"))
    return checks


def check_database(path: Path) -> list[Check]:
    """Where the database is, whether only its owner can read it, and whether it opens."""
    if not path.exists():
        return [Check(OK, "database", f"{path} does not exist yet; tacit creates it (0600)")]
    mode = stat.S_IMODE(path.stat().st_mode)
    checks = []
    if mode & 0o077:
        checks.append(
            Check(
                FAIL,
                "permissions",
                f"{path} is readable by others (mode {mode:04o})",
                f"chmod 600 {path}",
            )
        )
    else:
        checks.append(Check(OK, "permissions", f"{path} is private (mode {mode:04o})"))
    try:
        store = Store(path)
    except DatabaseDamaged as error:
        checks.append(Check(FAIL, "database", str(error), "tacit --recover (moves it aside)"))
        return checks
    except (DatabaseError, OSError) as error:
        checks.append(Check(FAIL, "database", str(error), "check the path and its permissions"))
        return checks
    try:
        schema = store.meta().get("schema_version", "?")
        counts = ", ".join(f"{n} {name}" for name, n in store.counts().items())
    finally:
        store.close()
    checks.append(Check(OK, "database", f"{path} opens (schema {schema}; {counts})"))
    return checks


def _endpoint(api_base: str, default: str) -> tuple[str, int] | None:
    if api_base:
        url = urlparse(api_base if "://" in api_base else f"http://{api_base}")
        if not url.hostname:
            return None
        return url.hostname, url.port or (443 if url.scheme == "https" else 80)
    if default:
        host, _, port = default.rpartition(":")
        return host, int(port)
    return None


def _reachable(host: str, port: int) -> str | None:
    """None when a TCP connection opens, else the reason."""
    try:
        with socket.create_connection((host, port), timeout=CONNECT_TIMEOUT):
            return None
    except OSError as error:
        return error.strerror or str(error) or type(error).__name__


def check_llm(args: argparse.Namespace, environ: Mapping[str, str]) -> list[Check]:
    """Model set, key present (never shown), server reachable."""
    try:
        config = config_from(args)
    except CommandError as error:
        return [Check(FAIL, "config", str(error), "fix the file or point TACIT_CONFIG elsewhere")]
    llm = config.llm
    if not llm.enabled:
        why = "--offline" if llm.offline else "no model set"
        return [Check(OK, "llm", f"offline ({why}); questions come from the offline bank")]
    provider = llm.model.split("/", 1)[0] if "/" in llm.model else "openai"
    key_env, default_host = PROVIDERS.get(provider, ("", ""))
    key_env = llm.api_key_env or key_env
    checks = [Check(OK, "llm", f"model {llm.model}")]
    if key_env and not environ.get(key_env):
        checks.append(
            Check(
                FAIL,
                "llm key",
                f"{key_env} is not set",
                f"export {key_env}=… (or set llm.api_key_env)",
            )
        )
    elif key_env:
        checks.append(Check(OK, "llm key", f"{key_env} is set (not shown)"))
    else:
        checks.append(Check(OK, "llm key", "none needed for this provider"))
    problem = api_base_problem(llm.api_base)
    if problem is not None:
        checks.append(Check(FAIL, "llm server", problem, "edit llm.api_base (or --api-base)"))
        return checks
    endpoint = _endpoint(llm.api_base, default_host)
    if endpoint is None:
        checks.append(
            Check(
                WARN, "llm server", "unknown address; not checked", "set llm.api_base in the config"
            )
        )
        return checks
    host, port = endpoint
    reason = _reachable(host, port)
    if reason is None:
        checks.append(Check(OK, "llm server", f"{host}:{port} accepts connections"))
    else:
        checks.append(
            Check(
                FAIL,
                "llm server",
                f"{host}:{port} unreachable ({reason})",
                "start the server or fix llm.api_base (or run with --offline)",
            )
        )
    return checks


def _pinned_litellm() -> str | None:
    from importlib.metadata import PackageNotFoundError, requires  # off the app's start-up path

    try:
        for requirement in requires("tacit") or []:
            if requirement.startswith("litellm=="):
                return requirement.split("==", 1)[1].split(";", 1)[0].strip()
    except PackageNotFoundError:
        pass
    return None


def check_litellm(llm_wanted: bool, get_version: Callable[[str], str] | None = None) -> Check:
    """Whether litellm is installed at a version that is not a known compromised one."""
    from importlib.metadata import PackageNotFoundError, version  # off the app's start-up path

    get_version = get_version or version
    pinned = _pinned_litellm() or "the pinned version"
    try:
        found = get_version("litellm")
    except PackageNotFoundError:
        if llm_wanted:
            return Check(
                FAIL,
                "litellm",
                "not installed but an LLM is configured",
                f"pip install 'litellm=={pinned}'",
            )
        return Check(OK, "litellm", "not installed (only needed with an LLM)")
    if found in BAD_LITELLM or found.startswith(BAD_LITELLM_SERIES):
        return Check(
            FAIL,
            "litellm",
            f"{found} is a compromised release",
            f"pip install 'litellm=={pinned}' and rotate any keys it could read",
        )
    if found != pinned and pinned != "the pinned version":
        return Check(
            WARN,
            "litellm",
            f"{found} is installed; tacit pins {pinned}",
            f"pip install 'litellm=={pinned}'",
        )
    return Check(OK, "litellm", f"{found} (a checked version)")


def diagnose(args: argparse.Namespace, environ: Mapping[str, str]) -> list[Check]:
    """Every check, in the order printed."""
    db = db_path(args).expanduser().resolve()
    checks = [check_colours(environ)]
    checks += check_tmux(socket_name(db))
    checks += check_clipboard(environ)
    checks += check_database(db)
    llm_checks = check_llm(args, environ)
    checks += llm_checks
    checks.append(
        check_litellm(any(c.topic == "llm" and c.detail.startswith("model") for c in llm_checks))
    )
    return checks


def run(args: argparse.Namespace) -> int:
    """Print one line per check; exit 1 when any check failed."""
    checks = diagnose(args, os.environ)
    for check in checks:
        print(check.line())
    failed = sum(check.status == FAIL for check in checks)
    print(f"{failed} problem(s) found." if failed else "All good.")
    return EXIT_FAILURE if failed else EXIT_OK


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add `tacit doctor` to the command line."""
    parser = subparsers.add_parser(
        name,
        parents=parents,
        help="check colours, tmux, clipboard, database and LLM setup",
        description="Check the setup, one line per check with the fix when something is wrong.",
    )
    parser.set_defaults(handler=run)
