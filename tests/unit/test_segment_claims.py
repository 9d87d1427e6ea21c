"""A segment's claim: one holder at a time across processes, dropped when its holder dies,
and never a reason not to ask (a planted link or an unwritable directory)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tacit.models.segment_claims import SegmentClaims, claims_directory

HOLD = """
import sys, time
from pathlib import Path
from tacit.models.segment_claims import SegmentClaims
claims = SegmentClaims(Path(sys.argv[1]))
assert claims.try_claim("seg_1")
print("held", flush=True)
time.sleep(60)
"""


def test_one_holder_at_a_time_until_it_releases(tmp_path: Path) -> None:
    db = tmp_path / "tacit.json"
    one, two = SegmentClaims(db), SegmentClaims(db)
    assert one.try_claim("seg_1")
    assert not two.try_claim("seg_1")
    one.release("seg_1")
    assert two.try_claim("seg_1")
    two.release_all()
    assert oct(claims_directory(db).stat().st_mode & 0o777) == "0o700"
    assert all(oct(f.stat().st_mode & 0o777) == "0o600" for f in claims_directory(db).iterdir())


def test_a_claim_dies_with_its_process(tmp_path: Path) -> None:
    db = tmp_path / "tacit.json"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert not SegmentClaims(db).try_claim("seg_1")
    finally:
        holder.kill()
        holder.wait()
    assert SegmentClaims(db).try_claim("seg_1")


def test_a_planted_link_is_never_followed_and_never_stops_asking(tmp_path: Path) -> None:
    db = tmp_path / "tacit.json"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, claims_directory(db))
    claims = SegmentClaims(db)
    assert claims.try_claim("seg_1") and SegmentClaims(db).try_claim("seg_1")
    assert list(elsewhere.iterdir()) == []
    claims.release_all()
