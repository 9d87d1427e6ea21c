"""The blind validation split stays as written, stays out of dev, and its questions stay unseen.

It was written by someone who never read the engine and committed before the engine ran on
it: an edit to it, or a run that prints its questions, would turn it into tuning material.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import eval_engine  # noqa: E402

VALIDATION = ROOT / "bench" / "eval" / "validation"


def _recorded_sums() -> dict[str, str]:
    sums = {}
    for line in (VALIDATION / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        sums[name.lstrip("*")] = digest
    return sums


def test_validation_files_match_their_recorded_hashes() -> None:
    recorded = _recorded_sums()
    on_disk = sorted(p.name for p in VALIDATION.glob("narratives_*.toml"))
    assert sorted(recorded) == on_disk
    for name, digest in recorded.items():
        assert hashlib.sha256((VALIDATION / name).read_bytes()).hexdigest() == digest, name


def test_validation_split_loads_both_voices_and_enough_gaps() -> None:
    narratives = eval_engine.load_narratives(eval_engine.SPLITS["validation"])
    voices = [n["voice"] for n in narratives]
    assert len(narratives) >= 24
    assert voices.count("spoken") >= 12 and voices.count("written") >= 12
    assert sum(len(n["gap"]) for n in narratives) >= 150


def test_dev_split_does_not_pick_up_validation_narratives() -> None:
    dev_ids = {n["id"] for n in eval_engine.load_narratives(eval_engine.SPLITS["dev"])}
    validation = eval_engine.load_narratives(eval_engine.SPLITS["validation"])
    assert dev_ids and not dev_ids & {n["id"] for n in validation}


def _fake_figures(split: str) -> dict[str, Any]:
    row = {
        "id": f"{split}-narrative-id",
        "gaps": 1,
        "recall@5": 0.0,
        "recall@10": 0.0,
        "precision@10": 0.0,
        "duplicates": 0,
        "wrong": 0,
        "wrong_rules": [],
        "top10": [f"{split} question text?"],
        "suggestions": 1,
        "missed@10": [f"{split} missed gap"],
    }
    return {
        "narratives": 1,
        "gaps": 1,
        "recall@5": 0.0,
        "recall@10": 0.0,
        "precision@10": 0.0,
        "duplicates": 0,
        "wrong_share": 0.0,
        "rows": [row],
    }


@pytest.fixture
def fake_scoring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Score nothing for real: each split gets one row whose id and question name the split."""
    by_dir = {directory: name for name, directory in eval_engine.SPLITS.items()}
    monkeypatch.setattr(
        eval_engine,
        "evaluate_narratives",
        lambda engine, directory, ask=None, limit=None: _fake_figures(by_dir[directory]),
    )
    monkeypatch.setattr(
        eval_engine,
        "evaluate_adversarial",
        lambda engine=None: {"cases": 1, "pass_rate": 1.0, "failed": {}},
    )


@pytest.mark.parametrize("split", ["validation", "check"])
@pytest.mark.parametrize("extra", [["--verbose"], ["--json"], ["--verbose", "--json"]])
def test_unseen_split_run_never_shows_its_questions_or_misses(
    fake_scoring: None,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    extra: list[str],
    split: str,
) -> None:
    no_csv = str(tmp_path / "absent.csv")
    assert eval_engine.main(["--split", split, "--csv", no_csv, *extra]) == 0
    out = capsys.readouterr().out
    assert split in out
    assert f"{split}-narrative-id" not in out
    assert f"{split} question text" not in out
    assert f"{split} missed gap" not in out


def test_check_set_stays_as_written_and_out_of_dev() -> None:
    check = eval_engine.SPLITS["check"]
    digest, name = (check / "SHA256SUMS").read_text(encoding="utf-8").split()
    assert hashlib.sha256((check / name).read_bytes()).hexdigest() == digest
    dev_ids = {n["id"] for n in eval_engine.load_narratives(eval_engine.SPLITS["dev"])}
    check_ids = {n["id"] for n in eval_engine.load_narratives(check)}
    assert len(check_ids) >= 12 and not dev_ids & check_ids


def test_dev_verbose_still_lists_its_misses(
    fake_scoring: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    no_csv = str(tmp_path / "absent.csv")
    assert eval_engine.main(["--split", "dev", "--csv", no_csv, "--verbose"]) == 0
    assert "dev missed gap" in capsys.readouterr().out


def test_default_run_leaves_validation_out(
    fake_scoring: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert eval_engine.main(["--csv", str(tmp_path / "absent.csv")]) == 0
    assert "validation" not in capsys.readouterr().out
