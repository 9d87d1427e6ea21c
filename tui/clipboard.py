"""Copy text to the user's clipboard from inside the app, never crashing.

Channels, tried together:
- OSC 52, written straight to the real terminal. This is what works over SSH:
  the user's own terminal puts the text on their clipboard. Inside tmux the
  bare sequence only works with `set-clipboard on` and the passthrough-wrapped
  one (`ESC Ptmux; ... ESC \\`, inner ESCs doubled) only with
  `allow-passthrough on`, so both are written.
- In tmux, also `tmux load-buffer -w -` (tmux >= 3.2): fills tmux's paste
  buffer and tmux itself forwards it to the attached terminal's clipboard.
  Measured with tmux 3.3a and an attached client (tests/e2e/test_e2e_clipboard.py):
  the bare sequence reaches the outer terminal only with `set-clipboard on`;
  the wrapped one never (allow-passthrough is off by default); load-buffer -w
  with set-clipboard on, external (the default) and off alike.
- pyperclip, only on a local session (not over SSH) and only when it has a
  backend; its PyperclipException (no display, no xclip) becomes the notice.

`copy_text` returns the one-line notice the caller shows.
"""

from __future__ import annotations

import base64
import os
import re
import subprocess
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

ESC = "\x1b"
BEL = "\x07"


def osc52(text: str) -> str:
    """The bare OSC 52 sequence that sets the system clipboard to text."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"{ESC}]52;c;{payload}{BEL}"


def tmux_passthrough(sequence: str) -> str:
    """Wrap an escape sequence so tmux passes it to the outer terminal."""
    doubled = sequence.replace(ESC, ESC + ESC)
    return f"{ESC}Ptmux;{doubled}{ESC}\\"


def clipboard_sequence(text: str, environ: Mapping[str, str] | None = None) -> str:
    """The exact bytes to write: OSC 52, plus its tmux-wrapped form when $TMUX is set."""
    env = os.environ if environ is None else environ
    sequence = osc52(text)
    return sequence + tmux_passthrough(sequence) if env.get("TMUX") else sequence


LOAD_BUFFER_W_SINCE = (3, 2)  # tmux release that added load-buffer -w


def tmux_version(text: str | None) -> tuple[int, int] | None:
    """(major, minor) from `tmux -V` output such as 'tmux 3.3a' or 'tmux next-3.4'."""
    match = re.search(r"([0-9]+)\.([0-9]+)", text or "")
    return (int(match[1]), int(match[2])) if match else None


def tmux_copy_route(set_clipboard: str | None, version: tuple[int, int] | None) -> tuple[bool, str]:
    """Whether copy_text reaches the user's clipboard inside tmux, and how, in one line.

    The doctor's verdict comes from here so it cannot disagree with what a copy does.
    """
    mode = set_clipboard or "unknown"
    if version is not None and version >= LOAD_BUFFER_W_SINCE:
        extra = " and OSC 52" if set_clipboard == "on" else ""
        return True, (
            f"copies go to tmux's buffer and on to your terminal's clipboard "
            f"via tmux load-buffer -w{extra} (set-clipboard {mode})"
        )
    if set_clipboard == "on":
        return True, "OSC 52 passes through tmux (set-clipboard on)"
    shown = ".".join(map(str, version)) if version else "of unknown version"
    return False, (
        f"tmux {shown} has no load-buffer -w and set-clipboard is {mode}: "
        "copies do not reach your clipboard"
    )


def _tmux_load_buffer(text: str) -> None:
    """Hand the text to tmux (paste buffer, and the outer clipboard via -w); raises on failure."""
    subprocess.run(
        ["tmux", "load-buffer", "-w", "-"],
        input=text.encode("utf-8"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=2,
        check=True,
    )


def _over_ssh(env: Mapping[str, str]) -> bool:
    return bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY") or env.get("SSH_CLIENT"))


def _pyperclip_copy(text: str) -> None:
    """pyperclip.copy, imported lazily (it probes for backends on import)."""
    import pyperclip

    pyperclip.copy(text)


def _terminal_writer(app: App[Any]) -> Callable[[str], None] | None:
    """Where escape sequences reach the real terminal, or None (headless / not running)."""
    driver = getattr(app, "_driver", None)
    if driver is None or app.is_headless:
        return None
    write: Callable[[str], None] = driver.write
    return write


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def copy_text(
    app: App[Any],
    text: str,
    *,
    what: str = "",
    environ: Mapping[str, str] | None = None,
) -> str:
    """Put text on the clipboard by every channel that can work; return a one-line notice.

    `what` names what was copied for the notice ("3 rules"); defaults to a size.
    Never raises.
    """
    env = os.environ if environ is None else environ
    label = what or f"{len(text)} characters"
    channels: list[str] = []
    problems: list[str] = []
    app._clipboard = text  # keeps App.clipboard (in-app paste) in step
    writer = _terminal_writer(app)
    if writer is None:
        problems.append("no terminal to send OSC 52 to")
    else:
        try:
            writer(clipboard_sequence(text, env))
            channels.append("OSC 52 via tmux" if env.get("TMUX") else "OSC 52")
        except Exception as error:  # a closed terminal must not crash the app
            problems.append(f"OSC 52 failed: {_one_line(error)}")
    if env.get("TMUX"):
        try:
            _tmux_load_buffer(text)
            channels.append("tmux buffer")
        except Exception as error:  # no tmux binary, old tmux, timeout
            problems.append(f"tmux load-buffer: {_one_line(error)}")
    if _over_ssh(env):
        if not channels:
            problems.append("pyperclip skipped over SSH")
    else:
        try:
            _pyperclip_copy(text)
            channels.append("system clipboard")
        except Exception as error:  # PyperclipException and anything else
            problems.append(f"pyperclip: {_one_line(error)}")
    if channels:
        return f"Copied {label} ({' + '.join(channels)})"
    return "Clipboard unavailable: " + "; ".join(problems)
