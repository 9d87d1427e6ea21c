"""Messages workers and the app post to screens; only their handlers touch widgets.

Panes' own requests (e.g. `QuestionList.Requested`) live with the pane that posts them.
"""

from __future__ import annotations

from textual.message import Message

from tacit.models.domain import Question, Rule
from tacit.tui.session_state import SessionSnapshot


class SuggestionArrived(Message):
    """The engine proposed a question for a segment (already turned into a Question)."""

    def __init__(self, question: Question) -> None:
        super().__init__()
        self.question = question


class EngineNoticeArrived(Message):
    """A one-off notice from the engine (e.g. a fallback) for the status line."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class EngineUsageArrived(Message):
    """Tokens and cost of the session's LLM calls so far."""

    def __init__(self, prompt_tokens: int, completion_tokens: int, cost_usd: float | None) -> None:
        super().__init__()
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens
        self.cost_usd = cost_usd


class EngineBusy(Message):
    """Suggestion run number `generation` started (busy=True) or finished (busy=False)."""

    def __init__(self, busy: bool, generation: int) -> None:
        super().__init__()
        self.busy = busy
        self.generation = generation


class RuleDrafted(Message):
    """A rule was drafted from a question; the editor should open on it."""

    def __init__(self, rule: Rule, question: Question | None) -> None:
        super().__init__()
        self.rule = rule
        self.question = question


class StoreFailed(Message):
    """A store write failed; the text is one line for the status line."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class SessionLoaded(Message):
    """A fresh read of the session from the store (initial load or live sync)."""

    def __init__(self, snapshot: SessionSnapshot) -> None:
        super().__init__()
        self.snapshot = snapshot


class StoreChanged(Message, bubble=False):
    """The database changed on disk (any instance wrote it); floods coalesce into one.

    PairSync posts it to the app, which passes one to every screen in the stack;
    a screen that shows stored records re-reads them.
    """

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, StoreChanged)


class PresenceChanged(Message, bubble=False):
    """The other role connected or left (posted to the app, passed on to every screen)."""

    def __init__(self, role: str, connected: bool) -> None:
        super().__init__()
        self.role = role
        self.connected = connected


class QuestionsRecorded(Message):
    """The engine's questions this view saved (others' were recorded first by another view)."""

    def __init__(self, questions: list[Question]) -> None:
        super().__init__()
        self.questions = questions


class SegmentAsked(Message):
    """The engine is done with a claimed segment: once its questions are written, the
    claim goes (posted after the segment's suggestions, so it is handled after them)."""

    def __init__(self, segment_id: str) -> None:
        super().__init__()
        self.segment_id = segment_id


class TerminalGone(Message):
    """The lifeline thread saw the terminal go away (a closed pane may send no SIGHUP)."""
