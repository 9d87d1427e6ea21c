"""Quiet segments get one probe about what they talk about most, as an interviewer would ask."""

from __future__ import annotations

from tacit.question_engine.offline import PROBE_SCORE, OfflineEngine
from tacit.question_engine.types import SessionContext

QUIET = (
    "The manifests come in from the port, I read the manifests line by line and then "
    "the manifests get stamped and filed."
)


def probes(suggestions: list) -> list:  # type: ignore[type-arg]
    return [s for s in suggestions if s.score == PROBE_SCORE]


def test_a_quiet_segment_gets_one_probe_naming_its_main_term() -> None:
    (probe,) = probes(OfflineEngine().suggest(QUIET, SessionContext()))
    assert "manifests" in probe.text
    assert probe.quote and probe.quote in QUIET
    assert probe.source == "offline"


def test_a_known_probe_moves_to_the_next_template_then_stops() -> None:
    engine = OfflineEngine()
    context = SessionContext()
    seen = []
    for _ in range(3):
        found = probes(engine.suggest(QUIET, context))
        seen.extend(s.text for s in found)
        context.known_questions.extend(s.text for s in found)
    assert len(seen) == len(set(seen)) == 2


def test_short_pleasantries_get_no_probe() -> None:
    assert OfflineEngine().suggest("Good morning, thanks for having me.", SessionContext()) == []


def test_segments_rich_in_cues_get_no_probe() -> None:
    text = (
        "We route by zip code, Janet approves anything over $5,000, and the weekly "
        "report goes to the owner."
    )
    assert probes(OfflineEngine().suggest(text, SessionContext())) == []
