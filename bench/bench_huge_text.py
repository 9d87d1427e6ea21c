"""Opening a session that holds one huge segment, against the same session with a short one.

Run:  python bench/bench_huge_text.py [--mb 10]

Each case runs in a fresh process (so its peak RSS is its own): the app opens
the session headless at 80x24, and the script reports the time until the
narrative shows the segment, the time until a key typed next is in the input
(is the UI responsive?), and the process's peak RSS. The short segment is the
baseline measured in the same run. Prints figures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CASE = r"""
import asyncio, json, resource, sys, time
from datetime import UTC
from pathlib import Path
from tacit.cli.commands.run_app import engine_factory
from tacit.models.config import Config
from tacit.models.domain import Segment, Session
from tacit.models.repository import Store
from tacit.tui.app import TacitApp
from tacit.tui.screens.capture import CaptureScreen

db, size = Path(sys.argv[1]), int(sys.argv[2])
store = Store(db)
session = Session(title="Huge")
text = ("We route by zip code unless the account is key. " * (size // 48 + 1))[:size]
store.save_many([session, Segment(session_id=session.id, speaker="operator", text=text)])
app = TacitApp(store, Config(), open_engine=engine_factory(Config()), session=session, tz=UTC)

async def main() -> dict[str, float]:
    start = time.perf_counter()
    async with app.run_test(size=(80, 24)) as pilot:
        while not (isinstance(app.screen, CaptureScreen) and app.screen.narrative.segment_count):
            await pilot.pause(0.01)
        await pilot.pause()
        shown = time.perf_counter() - start
        typed = time.perf_counter()
        await pilot.press("x")
        while app.screen.narrative.input.value != "x":
            await pilot.pause(0.01)
        await pilot.pause()
        key = time.perf_counter() - typed
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"shown_s": shown, "key_s": key, "rss_mb": rss}

print(json.dumps(asyncio.run(main())))
"""


def run_case(size: int) -> dict[str, float]:
    """One fresh process opening a session whose only segment has `size` characters."""
    with tempfile.TemporaryDirectory(prefix="tacit-bench-huge-") as folder:
        done = subprocess.run(
            [sys.executable, "-c", CASE, str(Path(folder) / "tacit.json"), str(size)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            timeout=600,
        )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    """Print the baseline and the huge case side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="size of the huge segment")
    options = parser.parse_args()
    huge = int(options.mb * 1_000_000)
    baseline = run_case(200)
    measured = run_case(huge)
    print(f"{'segment':>14} {'shown (s)':>10} {'next key (s)':>13} {'peak RSS (MB)':>14}")
    for label, figures in (("200 chars", baseline), (f"{options.mb:g} MB", measured)):
        print(
            f"{label:>14} {figures['shown_s']:>10.2f} {figures['key_s']:>13.3f}"
            f" {figures['rss_mb']:>14.0f}"
        )


if __name__ == "__main__":
    main()
