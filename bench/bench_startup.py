"""Start-up and typing latency of tacit in tmux, against a minimal two-pane Textual app.

Run:  python bench/bench_startup.py [--runs 5] [--keys 30] [--items 10000]

1. Launch to first frame: the time from starting the process in a fresh tmux
   pane until its first screen is visible (polling `capture-pane`), for both of
   tacit's entry points on a temp database (`tacit`, the session picker a user
   runs first, and `tacit --session ID`) and for a minimal two-pane Textual app,
   interleaved in the same run, each from cached bytecode as an installed app
   runs (one untimed launch of each first). Prints medians and the ratios
   (target <= 1.15).
2. Idle CPU: with the app open on a session and nobody typing, the CPU time
   (user + system, from /proc) the process uses over --idle-seconds, against the
   minimal app over the same window.
3. Keystroke to screen: with the database holding N items and another process
   writing to it continuously, type characters into the narrative input and
   time until each one is on screen. The same with an idle database for reference.

Prints figures only; nothing here asserts timings.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLL = 0.005

MINIMAL_APP = """
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Static


class TwoPanes(App[None]):
    CSS = "Static { width: 1fr; height: 1fr; border: round $primary; }"

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static("left pane MINIMAL-READY")
            yield Static("right pane")
        yield Footer()


if __name__ == "__main__":
    TwoPanes().run()
"""

WRITER = """
import sys, time
from pathlib import Path
from tacit.models.domain import Segment
from tacit.models.repository import Store
store = Store(Path(sys.argv[1]))
session_id, stop = sys.argv[2], Path(sys.argv[3])
count = 0
while not stop.exists():
    store.save(Segment(session_id=session_id, speaker="operator", text=f"background write {count}"))
    count += 1
print(count)
"""


class Tmux:
    """A private tmux server for the benchmark."""

    def __init__(self, workdir: Path) -> None:
        self.socket = f"tacit-bench-{os.getpid()}"
        self.config = workdir / "tmux.conf"
        self.config.write_text(
            "set -g default-size 100x30\nset -g escape-time 0\nset -g remain-on-exit on\n",
            encoding="utf-8",
        )

    def run(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            check=False,
        ).stdout

    def screen(self, target: str) -> str:
        return self.run("capture-pane", "-p", "-t", target)

    def wait_for(self, target: str, needle: str, timeout: float = 30.0) -> float:
        """Seconds until needle is on screen (polling)."""
        start = time.perf_counter()
        while needle not in self.screen(target):
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{needle!r} never appeared in {target}")
            time.sleep(POLL)
        return time.perf_counter() - start

    def launch(self, name: str, command: str, needle: str) -> float:
        """Start command in a new window and time until needle is visible."""
        return self.launch_with_cpu(name, command, needle)[0]

    def launch_with_cpu(self, name: str, command: str, needle: str) -> tuple[float, float]:
        """Seconds until needle is visible, and the CPU seconds the app had used by then.

        The CPU figure hardly moves with the machine's load; the wall time does.
        """
        start = time.perf_counter()
        self.run("new-window", "-d", "-n", name, command) if self.run("ls") else self.run(
            "new-session", "-d", "-s", "bench", "-n", name, "-x", "100", "-y", "30", command
        )
        target = f"bench:{name}"
        while needle not in self.screen(target):
            if time.perf_counter() - start > 60:
                raise TimeoutError(f"{name} never showed {needle!r}")
            time.sleep(POLL)
        wall = time.perf_counter() - start
        pid = self.run("display", "-p", "-t", target, "#{pane_pid}").strip()
        return wall, _process_tree_cpu(int(pid)) if pid.isdigit() else float("nan")

    def close(self) -> None:
        """End the server and wait for the apps in it to exit: an app still writing its
        bytecode cache would make removing the bench's temp dir fail."""
        socket = self.run("display", "-p", "#{socket_path}").strip()
        panes = [int(p) for p in self.run("list-panes", "-a", "-F", "#{pane_pid}").split()]
        self.run("kill-server")
        deadline = time.perf_counter() + 10
        while panes and time.perf_counter() < deadline:
            panes = [pid for pid in panes if _alive(pid)]
            time.sleep(POLL)
        if socket:
            Path(socket).unlink(missing_ok=True)  # tmux leaves the socket file behind


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def make_database(path: Path, items: int) -> tuple[str, str]:
    """A database with a session to open and `items` questions in a filler session."""
    sys.path.insert(0, str(ROOT))
    from tacit.models.domain import Question, Segment, Session
    from tacit.models.repository import Store

    store = Store(path)
    session = Session(title="Bench session")
    filler = Session(title="Filler")
    store.save_many([session, filler])
    store.save(Segment(session_id=session.id, speaker="operator", text="We route by zip code."))
    batch = [
        Question(session_id=filler.id, text=f"Filler question {i}?", category="edge_case")
        for i in range(items)
    ]
    store.save_many(batch)
    store.close()
    return session.id, filler.id


def bytecode_env(home: Path) -> str:
    """Every app launched as installed: from cached bytecode (written to a temp dir on the
    first launch), even when the caller's environment sets PYTHONDONTWRITEBYTECODE, which
    otherwise makes tacit compile its modules from source at every launch while the minimal
    app's Textual runs from the .pyc files pip wrote."""
    cache = shlex.quote(str(home / "pycache"))
    return f"env -u PYTHONDONTWRITEBYTECODE -u COLUMNS -u LINES PYTHONPYCACHEPREFIX={cache}"


def env_prefix(db: Path, home: Path) -> str:
    values = {
        "TACIT_DB": str(db),
        "TACIT_CONFIG_DIR": str(home / "config"),
        "TACIT_DATA_DIR": str(home / "data"),
        "TERM": "xterm-256color",
    }
    return f"{bytecode_env(home)} " + " ".join(f"{k}={shlex.quote(v)}" for k, v in values.items())


def tacit_command() -> str:
    script = Path(sys.executable).with_name("tacit")
    return shlex.quote(str(script)) if script.exists() else f"{sys.executable} -m tacit.cli.main"


def bench_startup(
    tmux: Tmux, work: Path, runs: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Launch times of the minimal app, the picker and a session, interleaved."""
    minimal = work / "minimal_app.py"
    minimal.write_text(MINIMAL_APP, encoding="utf-8")
    db = work / "startup.json"
    session_id, _ = make_database(db, 10)
    times: dict[str, list[float]] = {"minimal": [], "picker": [], "session": []}
    cpu: dict[str, list[float]] = {"minimal": [], "picker": [], "session": []}
    prefix = f"{env_prefix(db, work)} {tacit_command()}"
    launches = {
        "minimal": (f"{bytecode_env(work)} {sys.executable} {minimal}", "MINIMAL-READY"),
        "picker": (prefix, "Recent sessions"),
        "session": (f"{prefix} --session {session_id}", "Narrative"),
    }
    for kind, (command, needle) in launches.items():  # not timed: writes the bytecode cache
        tmux.launch(f"warm-{kind}", command, needle)
        tmux.run("send-keys", "-t", f"bench:warm-{kind}", "C-q")
    for run in range(runs):
        order = list(launches) if run % 2 == 0 else list(reversed(launches))
        for kind in order:
            command, needle = launches[kind]
            wall, used = tmux.launch_with_cpu(f"{kind}{run}", command, needle)
            times[kind].append(wall)
            cpu[kind].append(used)
            tmux.run("send-keys", "-t", f"bench:{kind}{run}", "C-q")
    return times, cpu


def _process_tree_cpu(pid: int) -> float:
    """User + system CPU seconds of pid and its descendants (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rpartition(")")[2].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (OSError, IndexError, ValueError):
            continue
        pending += [int(child) for child in children]
    return total


def bench_idle_cpu(tmux: Tmux, work: Path, seconds: float) -> dict[str, float]:
    """CPU seconds used while idle over `seconds`: the minimal app and tacit on a session."""
    minimal = work / "minimal_app.py"
    db = work / "idle.json"
    session_id, _ = make_database(db, 10)
    apps = {
        "minimal": (f"{bytecode_env(work)} {sys.executable} {minimal}", "MINIMAL-READY"),
        "session": (f"{env_prefix(db, work)} {tacit_command()} --session {session_id}", "zip"),
    }
    pids = {}
    for kind, (command, needle) in apps.items():
        tmux.launch(f"idle-{kind}", command, needle)
        pids[kind] = int(tmux.run("display", "-p", "-t", f"bench:idle-{kind}", "#{pane_pid}"))
    tmux.wait_for("bench:idle-session", "suggested")  # the engine asked about the segment
    time.sleep(2.0)  # past start-up: the first load, the engine's work
    before = {kind: _process_tree_cpu(pid) for kind, pid in pids.items()}
    time.sleep(seconds)
    used = {kind: _process_tree_cpu(pid) - before[kind] for kind, pid in pids.items()}
    for kind in apps:
        tmux.run("send-keys", "-t", f"bench:idle-{kind}", "C-q")
    return used


def bench_typing(
    tmux: Tmux, work: Path, items: int, keys: int, mode: str
) -> tuple[list[float], int]:
    """Keystroke latencies in mode 'idle', 'other' (another process writes) or 'own'.

    In 'own' mode every tenth key is Enter: the segment, its suggested questions
    and their saves then run while the next keys are typed.
    """
    db = work / f"typing-{items}-{mode}.json"
    session_id, filler_id = make_database(db, items)
    name = f"type-{mode}"
    command = f"{env_prefix(db, work)} {tacit_command()} --session {session_id}"
    tmux.launch(name, command, "Narrative")
    target = f"bench:{name}"
    tmux.wait_for(target, "zip code")
    stop = work / f"stop-{name}"
    writer = None
    if mode == "other":
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), filler_id, str(stop)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.0)  # let the writer get going before measuring
    latencies = []
    typed = ""
    segments = 0
    for i in range(keys):
        if i and i % 10 == 0:  # keep the typed text within the visible input
            if mode == "own":
                tmux.run("send-keys", "-t", target, "Enter")  # saves now in flight
                segments += 1
            else:
                tmux.run("send-keys", "-t", target, "C-u")  # clear the input, nothing saved
            tmux.wait_for(target, "What was said")
            typed = ""
        char = "abcdefghijklmnopqrstuvwxyz"[i % 26]
        typed += char
        start = time.perf_counter()
        tmux.run("send-keys", "-t", target, "-l", char)
        while f"▸ {typed}" not in tmux.screen(target):
            if time.perf_counter() - start > 10:
                raise TimeoutError(f"{char!r} never appeared")
            time.sleep(POLL)
        latencies.append(time.perf_counter() - start)
    writes = segments
    if writer is not None:
        stop.touch()
        out, _ = writer.communicate(timeout=60)
        writes = int(out.strip() or 0)
    tmux.run("send-keys", "-t", target, "C-q")
    return latencies, writes


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"median {statistics.median(values) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  "
        f"max {max(values) * 1000:7.1f} ms  (n={len(values)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="launches of each app")
    parser.add_argument("--keys", type=int, default=30, help="keystrokes per typing run")
    parser.add_argument("--items", type=int, default=10_000, help="items in the busy database")
    parser.add_argument("--idle-seconds", type=float, default=30.0, help="idle CPU window")
    parser.add_argument("--startup-only", action="store_true", help="skip idle CPU and typing")
    parser.add_argument("--no-typing", action="store_true", help="skip the typing runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tacit-bench-") as tmp:
        work = Path(tmp)
        tmux = Tmux(work)
        try:
            times, cpu = bench_startup(tmux, work, args.runs)
            bare = statistics.median(times["minimal"])
            print("Launch to first frame in tmux (100x30):")
            print(f"  minimal two-pane Textual app: {_ms(times['minimal'])}")
            print(f"  tacit (session picker):       {_ms(times['picker'])}")
            print(f"  tacit --session ID:           {_ms(times['session'])}")
            for kind, label in (("picker", "tacit"), ("session", "tacit --session ID")):
                ratio = statistics.median(times[kind]) / bare
                print(f"  ratio {label}/minimal (medians): {ratio:.2f}x  (target <= 1.15x)")
            print("CPU used by the process up to its first frame (less sensitive to load):")
            for kind, label in (
                ("minimal", "minimal two-pane Textual app"),
                ("picker", "tacit (session picker)"),
                ("session", "tacit --session ID"),
            ):
                used = statistics.median(cpu[kind])
                ratio = used / statistics.median(cpu["minimal"])
                print(f"  {label + ':':30} median {used * 1000:6.0f} ms  ({ratio:.2f}x)")
            if args.startup_only:
                return 0
            idle = bench_idle_cpu(tmux, work, args.idle_seconds)
            print(f"Idle CPU over {args.idle_seconds:.0f} s (user + system), nobody typing:")
            print(f"  minimal two-pane Textual app: {idle['minimal']:.3f} s")
            print(f"  tacit --session ID:           {idle['session']:.3f} s")
            if args.no_typing:
                return 0
            idle, _ = bench_typing(tmux, work, args.items, args.keys, "idle")
            own, segments = bench_typing(tmux, work, args.items, args.keys, "own")
            other, writes = bench_typing(tmux, work, args.items, args.keys, "other")
            print(f"Keystroke to screen, database with {args.items} items:")
            print(f"  store idle:                   {_ms(idle)}")
            print(f"  own saves in flight:          {_ms(own)}  ({segments} segments entered)")
            print(f"  another process writing:      {_ms(other)}  ({writes} writes meanwhile)")
            for label, values in (("own", own), ("other", other)):
                ratio = statistics.median(values) / statistics.median(idle)
                print(f"  ratio {label}/idle (medians): {ratio:.2f}x")
        finally:
            tmux.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
