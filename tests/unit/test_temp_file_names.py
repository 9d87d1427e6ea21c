"""The sweep recognises exactly the temp files a writer of this database makes (the names
the pattern `<prefix><pid>.<hex>.tmp` matched, now checked without compiling it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tacit.models import db_write

PREFIX = ".tacit.json."
PATTERN = re.compile(re.escape(PREFIX) + r"\d+\.[0-9a-f]+" + re.escape(".tmp"))

NAMES = [
    ".tacit.json.4242.deadbeef.tmp",
    ".tacit.json.1.0.tmp",
    ".tacit.json.4242.DEADBEEF.tmp",
    ".tacit.json.4242.deadbeef.tmp.tmp",
    ".tacit.json.4242..tmp",
    ".tacit.json..deadbeef.tmp",
    ".tacit.json.tmp",
    ".tacit.json.4242.tmp",
    ".tacit.json.42a.beef.tmp",
    ".tacit.json.٤٢.beef.tmp",  # Arabic-Indic digits: \\d matched them too
    ".tacit.json.².beef.tmp",  # a superscript is a digit to isdigit, not to \\d
    ".tacit.json.bak.json.4242.deadbeef.tmp",
    "tacit.json.4242.deadbeef.tmp",
    ".tacit.json.4242.dead-beef.tmp",
    ".tacit.json.4242.deadbeef.tmpx",
    ".tacit.json.4242.deadbeef",
    ".tacit.json.4242.de.ad.tmp",
]


@pytest.mark.parametrize("name", NAMES)
def test_a_name_is_a_temp_file_exactly_when_the_pattern_matched_it(name: str) -> None:
    assert db_write._is_temp_file_of(name, PREFIX) == bool(PATTERN.fullmatch(name))


def test_the_prefix_is_the_databases_own(tmp_path: Path) -> None:
    assert db_write._temp_prefix(tmp_path / "tacit.json") == PREFIX
