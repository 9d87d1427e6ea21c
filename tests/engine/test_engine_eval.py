"""The engine stays above a quality floor on the annotated narratives (bench/eval_engine.py)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_engine", ROOT / "bench" / "eval_engine.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    return load_scorer()


def test_eval_set_is_big_and_varied_enough(scorer: ModuleType) -> None:
    narratives = scorer.load_narratives()
    assert len(narratives) >= 20
    assert len({n["domain"] for n in narratives}) >= 20
    assert all(len(n["gap"]) >= 5 for n in narratives)


def test_gap_recall_precision_and_duplicates_stay_above_the_floor(scorer: ModuleType) -> None:
    # the whole dev split, including the fresh narratives_4.toml and narratives_5.toml
    # (harder: written after the bank, scored once untuned at recall@10 0.33 and 0.39
    # before they became tuning material)
    figures = scorer.evaluate_narratives()
    assert figures["recall@5"] >= 0.45, figures["recall@5"]
    assert figures["recall@10"] >= 0.69, figures["recall@10"]
    # precision counts a wrong question (bench/eval_rules.py, W1-W4) as not useful
    assert figures["precision@10"] >= 0.93, figures["precision@10"]
    assert figures["wrong_share"] <= 0.05, figures["wrong_share"]
    assert figures["duplicates"] == 0


def test_no_adversarial_case_gets_a_question_it_must_not(scorer: ModuleType) -> None:
    figures = scorer.evaluate_adversarial()
    assert figures["pass_rate"] == 1.0, figures["failed"]


def test_scorer_counts_a_miss_as_a_miss(scorer: ModuleType) -> None:
    narrative = {
        "id": "t",
        "text": "We route by zip code.",
        "gap": [
            {"category": "exception", "thing": "zip", "terms": ["zip"]},
            {"category": "reporting", "thing": "the report", "terms": ["report"]},
        ],
    }
    row = scorer.score_narrative(narrative, [], frozenset())
    assert row["recall@5"] == 0.0 and row["precision@10"] == 0.0


@pytest.mark.skipif(
    not (
        Path(__file__).resolve().parents[3] / "shared" / "data" / "elicitation-followups-study1.csv"
    ).exists(),
    reason="interview data not available",
)
def test_top5_questions_often_target_what_the_human_interviewer_did(scorer: ModuleType) -> None:
    figures = scorer.evaluate_interviews()
    assert figures["anchored"] >= 90
    assert figures["top5_hit_rate"] >= 0.72, figures  # tuned on: a regression floor


def test_second_study_layout_scores_one_speech_per_context(
    scorer: ModuleType, tmp_path: Path
) -> None:
    study = tmp_path / "study2.csv"
    study.write_text(
        "Interviewee_Speech,Domain,Interviewer_Response,Justify Assumptions\n"
        '"Parking matters most to me, I drive to work every day.",apartment,'
        '"How important is parking compared with rent?",\n'
        '"I like it quiet.",,"Okay. Anything else?",\n'
        ",,,\n",
        encoding="utf-8",
    )
    contexts = scorer.read_interview_contexts(study)
    assert contexts[0][0] == ["Parking matters most to me, I drive to work every day."]
    figures = scorer.evaluate_interviews(study)
    # the second reply shares no content word with what was said: no target, not counted
    assert (figures["contexts"], figures["anchored"]) == (2, 1)
    assert list(figures["by_type"]) == ["untyped"]
    assert figures["echo_baseline_rate"] == 1.0  # 'parking' is among the 5 most frequent words


def test_engine_imports_neither_textual_nor_litellm() -> None:
    code = (
        "import sys, tacit.question_engine.offline, tacit.question_engine.drafting, "
        "tacit.cli.commands.suggest; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'litellm')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
