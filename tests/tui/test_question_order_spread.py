"""The pane spreads the questions to ask over quoted sentences as the engine's session
ranking does (the same decays), so `tacit suggest` and the pane agree."""

from __future__ import annotations

from tacit.models.domain import Question
from tacit.tui.widgets.question_order import session_order


def test_the_pane_spreads_over_sentences_as_the_engine_does() -> None:
    first, second = "Refunds wait for Tom.", "Orders come in through Shopify."
    questions = [
        Question(session_id="s", text="A?", category="exception", quote=first, score=0.9),
        Question(session_id="s", text="B?", category="adoption", quote=first, score=0.8),
        Question(session_id="s", text="C?", category="handoff", quote=second, score=0.7),
    ]
    assert [q.text for q in session_order(questions, [])] == ["A?", "C?", "B?"]
