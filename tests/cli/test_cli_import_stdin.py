"""`tacit import -` and `tacit import /dev/stdin` read the piped export once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tacit.models.repository import Store

from .test_cli import ROOT, accepted_rule_db, tacit


@pytest.mark.parametrize("name", ["-", "/dev/stdin"])
def test_import_reads_a_pipe(tmp_path: Path, name: str) -> None:
    source = tmp_path / "source.json"
    session = accepted_rule_db(source)
    exported = tacit("export", "--db", str(source), "--include-drafts")
    assert exported.returncode == 0
    target = tmp_path / "target.json"
    result = subprocess.run(
        [sys.executable, "-m", "tacit.cli.main", "import", "--db", str(target), name],
        input=exported.stdout,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env=dict(os.environ),
    )
    assert result.returncode == 0, result.stderr
    store = Store(target)
    assert [s.id for s in store.sessions()] == [session.id]
    assert len(store.rules()) == 2
    store.close()
