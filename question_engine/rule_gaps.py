"""Rules already captured count: ask what a captured rule still lacks.

A rule without an exception, a frequency and impact, an owner or an example is not yet
something an agent can follow; each missing part is one question, naming the rule.
"""

from __future__ import annotations

from tacit.question_engine.text import clean
from tacit.question_engine.types import CapturedRule, Suggestion

SOURCE = "offline"
RULE_GAP_SCORE = 0.8
_MAX_WORDS = 12


def short_statement(statement: str) -> str:
    """The rule's statement as a quotable phrase (at most 12 words, no end punctuation)."""
    words = clean(statement).rstrip(".!?;:").split()
    phrase = " ".join(words[:_MAX_WORDS])
    return phrase + ("…" if len(words) > _MAX_WORDS else "")


def rule_questions(rule: CapturedRule) -> list[Suggestion]:
    """One question per missing part of the rule, most important first."""
    said = short_statement(rule.statement)
    if not said:
        return []
    asks: list[tuple[str, str, float]] = []
    if not rule.has_exception:
        asks.append(
            (
                f'The rule "{said}": when does it not apply, and who decides that it doesn\'t?',
                "exception",
                RULE_GAP_SCORE,
            )
        )
    if not rule.has_frequency:
        asks.append(
            (
                f'How often does "{said}" come up, and what goes wrong when it is missed?',
                "edge_case",
                RULE_GAP_SCORE - 0.05,
            )
        )
    if not rule.has_owner:
        asks.append(
            (
                f'Who owns the rule "{said}", and who can change it?',
                "adoption",
                RULE_GAP_SCORE - 0.1,
            )
        )
    if not rule.has_example:
        asks.append(
            (
                f'Can you walk me through a real case of "{said}" and what happened?',
                "implicit_rule",
                RULE_GAP_SCORE - 0.15,
            )
        )
    return [
        Suggestion(text, category, rule.statement, SOURCE, score) for text, category, score in asks
    ]
