"""A sentence's edge is asked about once: a threshold's own question and the generic
"right at its edge" reading of the same sentence said the same thing, side by side."""

from __future__ import annotations

import pytest
from support.engine_session import ranked_questions

from tacit.question_engine.offline import OfflineEngine

SENTENCES = [
    "Parcels over 30 kilos need the depot manager's sign-off.",
    "Claims above 2000 dollars require the adjuster's approval.",
    "Orders over 150 pounds need a second check by the shift lead.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_one_edge_question_per_sentence_in_the_ranking(
    engine: OfflineEngine, sentence: str
) -> None:
    ranked = ranked_questions(engine, sentence)
    edges = [s.text for s in ranked if s.category == "edge_case" and s.quote == sentence]
    assert len(edges) == 1, edges
    assert not edges[0].startswith('For "'), edges  # the threshold's own question wins


def test_edges_of_different_sentences_are_all_asked(engine: OfflineEngine) -> None:
    ranked = ranked_questions(engine, " ".join(SENTENCES[:2]))
    quoted = {s.quote for s in ranked if s.category == "edge_case"}
    assert len(quoted) == 2
