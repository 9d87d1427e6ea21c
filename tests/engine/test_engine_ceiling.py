"""The ceiling diagnostic (bench/eval_engine.py --ceiling): recall by stage, dev only."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tacit.question_engine.coverage import SessionProfile
from tacit.question_engine.memory import SessionMemory
from tacit.question_engine.offline import OfflineEngine

from .test_engine_eval import load_scorer

ROOT = Path(__file__).resolve().parents[2]

# invented here: a threshold, a named system and a role, so cues in several categories fire
NARRATIVE = {
    "id": "invented-kennel",
    "text": (
        "We board dogs for up to fourteen nights. Bookings come in through PawDesk and the "
        "duty manager confirms each one by phone.\n\n"
        "If a dog needs medication, the vet nurse has to sign the care sheet before the "
        "owner leaves. Puppies under six months never share a run."
    ),
    "gap": [
        {"category": "edge_case", "thing": "longer stays", "terms": ["fourteen nights"]},
        {"category": "operational_decision", "thing": "PawDesk down", "terms": ["PawDesk"]},
        {"category": "exception", "thing": "unreachable term", "terms": ["zeppelin"]},
    ],
}


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    return load_scorer()


def test_each_stage_reaches_at_least_what_the_one_before_it_does(
    scorer: ModuleType, engine: OfflineEngine
) -> None:
    figures = scorer.ceiling_figures(engine, [NARRATIVE], scorer.segments_of, scorer.names_term)
    recall = figures["recall"]
    assert recall["top10"] <= recall["ranked"] <= recall["candidates"] <= recall["variants"]
    assert recall["variants"] <= recall["any_category"] < 1.0  # 'zeppelin' is never said
    assert figures["misses@10"]["named by nothing"] >= 1
    assert sum(figures["misses@10"].values()) == round((1 - recall["top10"]) * 3)


def test_candidates_include_questions_the_per_segment_pick_drops(engine: OfflineEngine) -> None:
    segment = NARRATIVE["text"].split("\n\n")[1]
    assert isinstance(segment, str)
    candidates = [q for q, _ in engine.candidate_questions(segment)]
    memory = SessionMemory(engine.template_stems)
    picked, _ = engine.segment_questions(segment, 0, SessionProfile(), memory, set(), "", 2)
    assert len(candidates) > len(picked) == 2
    assert {q.text for q in picked} <= {q.text for q in candidates}


@pytest.mark.parametrize("split", ["test", "validation", "both"])
def test_the_ceiling_refuses_every_split_but_dev(
    scorer: ModuleType, split: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert scorer.main(["--split", split, "--ceiling"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "dev only" in captured.err
