"""Tests of the question engine: offline bank and heuristics, LLM client over loopback."""

from __future__ import annotations

import pytest

from tacit.question_engine.offline import OfflineEngine


@pytest.fixture(scope="session")
def engine() -> OfflineEngine:
    """One offline engine for every test that only asks it questions (loading the bank
    and compiling its cues costs about a quarter of a second)."""
    return OfflineEngine()
