"""The learned ranker (question_engine/ranker.py, bench/train_ranker.py): what it reads,
how it moves questions, and that the shipped weights are the training script's."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from tacit.question_engine.offline import OfflineEngine
from tacit.question_engine.ranker import RANKER_PATH, Ranker, RankItem, item_features, load_ranker
from tacit.question_engine.session import EngineSession
from tacit.question_engine.types import Suggestion

ROOT = Path(__file__).resolve().parents[2]

# invented: a report someone reads, a threshold, a named system, a role
SEGMENTS = [
    "Orders over 40 crates go to the depot lead for sign-off before we load them.",
    "Every Monday the yard manager sends the fill-rate report to the regional director.",
    "Stock counts live in CrateTrack, and the night shift reconciles them by hand.",
]


def _train_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "train_ranker", ROOT / "bench" / "train_ranker.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return _train_script()


def test_the_shipped_weights_are_what_the_training_script_fits(
    script: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped = json.loads(RANKER_PATH.read_text(encoding="utf-8"))
    assert shipped["format"] == "tacit-ranker/1" and shipped["weights"]
    status = script.main(["--check"])
    # a bank change since the fit makes the weights stale: harmless while disabled
    assert status == 0 or (status == script.STALE and not shipped["enabled"]), (
        capsys.readouterr().err
    )


def _invented_examples() -> list[tuple[dict[str, float], float, bool]]:
    asked = [({"category=reporting": 1.0, "shape=number": 1.0}, -0.3, True)] * 6
    asked += [({"category=adoption": 1.0, "shape=number": 1.0}, -0.2, False)] * 6
    asked += [({"category=adoption": 1.0}, -0.2, True), ({"category=reporting": 1.0}, -0.3, False)]
    return asked


def test_fitting_is_deterministic_and_learns_what_hits(script: ModuleType) -> None:
    examples = _invented_examples()
    first, again = script.fit(examples, 1.0, 200), script.fit(examples, 1.0, 200)
    assert first.to_json() == again.to_json()
    assert first.weights["category=reporting"] > 0 > first.weights["category=adoption"]


def test_check_tells_stale_weights_from_unreproducible_ones(
    script: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    examples = _invented_examples()
    shipped = tmp_path / "ranker.json"
    monkeypatch.setattr(script, "RANKER_PATH", shipped)
    digest = script.examples_digest(examples)
    fitted = script.fit(examples, 5.0)
    shipped.write_text(fitted.to_json({"l2": 5.0, "examples_sha256": digest}), encoding="utf-8")
    assert script.check(examples) == 0
    assert script.check(examples[:-1]) == script.STALE
    tampered = Ranker(fitted.bias + 1.0, fitted.weights)
    shipped.write_text(tampered.to_json({"l2": 5.0, "examples_sha256": digest}), encoding="utf-8")
    assert script.check(examples) == 1


def test_the_engine_uses_the_weights_only_when_the_file_enables_them(tmp_path: Path) -> None:
    body = {"format": "tacit-ranker/1", "bias": 0.5, "weights": {"category=reporting": 1.0}}
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps({**body, "enabled": False}), encoding="utf-8")
    assert load_ranker(path) == Ranker()  # hand scores, unchanged
    path.write_text(json.dumps({**body, "enabled": True}), encoding="utf-8")
    assert load_ranker(path) == Ranker(0.5, {"category=reporting": 1.0})
    path.write_text(json.dumps({"format": "other"}), encoding="utf-8")
    with pytest.raises(ValueError, match="not a tacit-ranker/1 file"):
        load_ranker(path)


def test_a_learned_weight_moves_its_kind_of_question_up(engine: OfflineEngine) -> None:
    hand = engine.analyse_session(SEGMENTS)
    favoured = OfflineEngine(ranker=Ranker(0.0, {"category=reporting": 2.5}))
    learned = favoured.analyse_session(SEGMENTS)

    def first_reporting(questions: list[Suggestion]) -> int:
        return next(i for i, q in enumerate(questions) if q.category == "reporting")

    assert first_reporting(learned) < first_reporting(hand)
    assert first_reporting(learned) == 0


def test_an_under_covered_category_gets_a_place_before_a_fourth_of_another(
    engine: OfflineEngine,
) -> None:
    session = EngineSession(engine)
    edge = [
        "What happens at exactly 40 crates, and who set that limit?",
        "What happens when the pallet count is missing on the manifest?",
        "What happens when a driver arrives after the gate has closed?",
        "What happens when CrateTrack and the paper count disagree?",
    ]
    for index, text in enumerate(edge):
        session.found.append((index, Suggestion(text, "edge_case", f"s{index}", "offline", 0.9)))
    reporting = "Who reads the fill-rate report, and what do they decide from it?"
    session.found.append((4, Suggestion(reporting, "reporting", "s4", "offline", 0.5)))
    top = [q.text for q in session.ranked(limit=3)]
    assert reporting in top and len(top) == 3


def test_features_are_generic_never_the_narratives_words() -> None:
    quote = "If Zorblax flags the Quimby batch, we never ship it within 3 days."
    items = [
        RankItem("threshold", "", "edge_case", 0.8, quote, "3 days"),
        RankItem(
            "system", "system~operational_decision", "operational_decision", 0.3, quote, "Zorblax"
        ),
    ]
    features = item_features(items, 1, quote)
    names = " ".join(name for values in features for name in values).lower()
    assert "zorblax" not in names and "quimby" not in names and "batch" not in names
    # the sentence's shape is read: a number, a negation, a condition, a capitalised name
    for shape in ("number", "negation", "condition", "name"):
        assert features[0]["shape=" + shape] == 1.0
    assert features[1]["side=system~operational_decision"] == 1.0


def test_a_correction_is_bounded_and_the_empty_ranker_changes_nothing() -> None:
    item = RankItem("role", "", "adoption", 0.6, "The clerk files it.", "the clerk")
    assert Ranker().scores([item], 0, item.quote) == [0.6]
    huge = Ranker(50.0, {"family=role": 1.0})
    (score,) = huge.scores([item], 0, item.quote)
    assert score == pytest.approx(0.6 * 2.718281828**3)
