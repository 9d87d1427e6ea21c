"""`*not*` reads as the plain word in the app and on the clipboard (emphasis does not render)."""

from __future__ import annotations

from tacit.models.domain import Question
from tacit.tui.widgets.formatting import question_prompt, question_text

QUESTION = Question(
    session_id="ses_01JRB00000000000000000000S",
    text="When do you *not* go by zip code?",
    category="exception",
)


def test_the_questions_pane_shows_plain_words() -> None:
    shown = question_prompt(QUESTION).plain
    assert "When do you not go by zip code?" in shown and "*" not in shown


def test_a_copied_question_has_plain_words() -> None:
    assert question_text(QUESTION) == "Q [except] When do you not go by zip code?"
