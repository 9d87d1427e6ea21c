"""Instructions to the first frame: start-up figures that the machine's load does not move.

Run:  python bench/bench_startup_instructions.py [--settled]

`bench_startup.py` times launches; on a shared machine at a load average of 4-6
its ratios swing by +-0.3x from one run to the next for the same code. This
counts the instructions each app executes until its first frame is written
(valgrind's callgrind, one launch each in a private tmux server at 100x30, from
cached bytecode, on the same temp database as `bench_startup.py`): the minimal
two-pane Textual app, `tacit` (the picker) and `tacit --session ID`. With
--settled, also the picker until its list and new-session form are both drawn.

A launch runs under a wrapper that patches Textual's Linux driver to end the
process (os._exit) when the output it writes holds the app's marker text.
Instruction ratios run higher than time ratios (tacit's extra work is cheaper
per instruction than loading modules), but they rank versions of the code the
same way. Needs valgrind; about a minute per launch. Prints figures only.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench_startup import MINIMAL_APP, Tmux, bytecode_env, env_prefix, make_database

WRAPPER = """
import os, sys
needles = os.environ["FRAME_HOLDS"].split("|")
seen = set()
from textual.drivers import linux_driver
write = linux_driver.LinuxDriver.write
def watched(self, data):
    seen.update(n for n in needles if n in data)
    if len(seen) == len(needles):
        open(os.environ["FRAME_SEEN"], "w").close()
        os._exit(0)
    write(self, data)
linux_driver.LinuxDriver.write = watched
sys.argv = sys.argv[1:]
if sys.argv[0].endswith(".py"):
    import runpy
    runpy.run_path(sys.argv[0], run_name="__main__")
else:
    from tacit.cli.main import main
    sys.exit(main())
"""


def count(tmux: Tmux, work: Path, name: str, env: str, command: str, holds: str) -> int:
    """Instructions until a frame holding every '|'-separated text of holds is written
    (a plain launch first writes the bytecode cache)."""
    seen = work / f"{name}.seen"
    out = work / f"{name}.callgrind"
    wrapper = work / "frame_wrapper.py"
    counting = f"valgrind --tool=callgrind --callgrind-out-file={out}"
    for label, tool in (("warm", ""), ("count", counting)):
        seen.unlink(missing_ok=True)
        frame = f"FRAME_HOLDS={shlex.quote(holds)} FRAME_SEEN={seen}"
        launch = f"{frame} {env} {tool} {sys.executable} {wrapper} {command}"
        window = f"{label}-{name}"
        if tmux.run("ls"):
            tmux.run("new-window", "-d", "-n", window, launch)
        else:
            size = ("-x", "100", "-y", "30")
            tmux.run("new-session", "-d", "-s", "bench", "-n", window, *size, launch)
        start = time.perf_counter()
        while not seen.exists():
            if time.perf_counter() - start > 600:
                raise TimeoutError(f"{name} never drew {holds!r}")
            time.sleep(0.2)
    while not out.exists() or "totals:" not in out.read_text(encoding="utf-8", errors="replace"):
        time.sleep(0.2)  # callgrind writes its file as the process ends
    for line in out.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("totals:"):
            return int(line.split()[1])
    raise ValueError(f"no totals in {out}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--settled", action="store_true", help="also: the picker with its list and form drawn"
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("needs valgrind (callgrind counts the instructions)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="tacit-instructions-") as tmp:
        work = Path(tmp)
        tmux = Tmux(work)
        try:
            (work / "frame_wrapper.py").write_text(WRAPPER, encoding="utf-8")
            minimal = work / "minimal_app.py"
            minimal.write_text(MINIMAL_APP, encoding="utf-8")
            db = work / "startup.json"
            session_id, _ = make_database(db, 10)
            tacit = env_prefix(db, work)
            launches = {
                "minimal two-pane Textual app": (bytecode_env(work), str(minimal), "MINIMAL-READY"),
                "tacit (session picker)": (tacit, "tacit", "Recent sessions"),
                "tacit --session ID": (tacit, f"tacit --session {session_id}", "Narrative"),
            }
            if args.settled:
                launches["tacit (picker, list and form drawn)"] = (
                    tacit,
                    "tacit",
                    "Create (Enter)|Bench session",
                )
            counts = {
                label: count(tmux, work, f"app{index}", env, command, holds)
                for index, (label, (env, command, holds)) in enumerate(launches.items())
            }
            bare = counts["minimal two-pane Textual app"]
            print("Instructions to the first frame (callgrind, in tmux at 100x30):")
            for label, value in counts.items():
                print(f"  {label + ':':38} {value / 1e9:6.3f} G  ({value / bare:.2f}x)")
        finally:
            tmux.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
