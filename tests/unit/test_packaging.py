"""What `pip install .` puts into site-packages: one `tacit` package, nothing top-level besides.

Builds the wheel from a copy of the source (so the checkout gets no build/ folder)
with `pip wheel --no-deps` and reads its file list; no install needed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LEFT_OUT = (".git", ".venv", ".llama", "build", "dist", "__pycache__", "*.egg-info", "bench")
CARD_FOLDERS = ("models", "tui", "prompts", "question_engine", "cli")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(*LEFT_OUT))
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(source), "-w", str(work)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    return zipfile.ZipFile(next(work.glob("tacit-*.whl")))


def test_the_wheel_installs_one_tacit_package_and_no_card_folder_at_the_top(
    wheel: zipfile.ZipFile,
) -> None:
    names = wheel.namelist()
    top = {name.split("/")[0] for name in names}
    assert {t for t in top if not t.endswith(".dist-info")} == {"tacit"}
    assert not top & set(CARD_FOLDERS)
    for folder in CARD_FOLDERS:  # ...they are all inside tacit/
        assert any(name.startswith(f"tacit/{folder}/") for name in names), folder


def test_the_wheel_carries_the_data_files_and_the_command(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "tacit/prompts/bank/core.toml" in names
    assert "tacit/models/export_schema.json" in names
    assert "tacit/tui/app.tcss" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "tacit = tacit.cli.main:main" in wheel.read(entry_points).decode()
