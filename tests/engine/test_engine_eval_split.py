"""The held-out test split stays as it was committed: nobody tunes on it (bench/eval/test/)."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TEST_SPLIT = ROOT / "bench" / "eval" / "test"
DEV_SPLIT = ROOT / "bench" / "eval"


def recorded_hashes() -> dict[str, str]:
    lines = (TEST_SPLIT / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name.strip(): digest for digest, name in (line.split(maxsplit=1) for line in lines)}


def test_every_test_split_file_has_its_recorded_hash() -> None:
    recorded = recorded_hashes()
    on_disk = {p.name for p in TEST_SPLIT.glob("*.toml")}
    assert on_disk == set(recorded), "a test-split file was added or removed"
    for name, digest in recorded.items():
        actual = hashlib.sha256((TEST_SPLIT / name).read_bytes()).hexdigest()
        assert actual == digest, f"{name} changed after it was held out"


def test_test_split_is_big_and_from_domains_the_dev_split_lacks() -> None:
    def narratives(paths: list[Path]) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for path in paths:
            found.extend(tomllib.loads(path.read_text(encoding="utf-8"))["narrative"])
        return found

    test = narratives(sorted(TEST_SPLIT.glob("narratives_*.toml")))
    dev = narratives(sorted(DEV_SPLIT.glob("narratives_*.toml")))
    voices = [n["voice"] for n in test]
    assert len(test) >= 30
    assert voices.count("spoken") >= 15 and voices.count("written") >= 15
    assert sum(len(n["gap"]) for n in test) >= 150
    assert not {n["domain"] for n in test} & {n["domain"] for n in dev}
    assert not {n["id"] for n in test} & {n["id"] for n in dev}
