"""What the capture screen does: suggestions, question actions, rules, dialogs and copy.

Kept apart from the layout in `capture.py`. Every handler changes a copy of the
record, validates it through the domain (so a bad move is one notice, never a
crash), shows it and queues the save.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen

from tacit.models.domain import Question, Record, Rule, Segment, Session, Unless, ValidationError
from tacit.models.safe_text import plain_words
from tacit.question_engine.types import (
    CapturedRule,
    EngineNotice,
    EngineUsage,
    SessionContext,
    Suggestion,
)
from tacit.tui.messages import (
    EngineBusy,
    EngineNoticeArrived,
    EngineUsageArrived,
    RuleDrafted,
    SuggestionArrived,
)
from tacit.tui.widgets.coverage import DISCUSSED
from tacit.tui.widgets.formatting import question_text, rule_text
from tacit.tui.widgets.narrative import NarrativePane
from tacit.tui.widgets.record_list import QuestionList, RuleList
from tacit.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from tacit.models.repository import Store
    from tacit.question_engine.service import UsageMeter
    from tacit.question_engine.session import EngineSession
    from tacit.tui.app import TacitApp


def rule_from_question(rules: Iterable[Rule], question_id: str) -> Rule | None:
    """The live rule drafted from a question (superseded and rejected ones do not count)."""
    live = [r for r in rules if r.question_id == question_id and r.status in ("draft", "accepted")]
    return min(live, key=lambda r: (r.created_at, r.id)) if live else None


def _copy(record: Record) -> Record:
    return type(record).from_dict(record.to_dict())


class CaptureActions(Screen[None]):
    """Behaviour of the capture screen; `CaptureScreen` adds the layout and loading."""

    session: Session
    segments: list[Segment]
    questions: dict[str, Question]
    rules: dict[str, Rule]
    _suggest_generation: int
    _usage: UsageMeter | None
    _engine_session: EngineSession | None  # this session's engine state, built on first use

    @property
    def tacit(self) -> TacitApp:
        """The app, typed."""
        from tacit.tui.app import TacitApp

        assert isinstance(self.app, TacitApp)
        return self.app

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one(StatusLine)

    @property
    def narrative(self) -> NarrativePane:
        """The narrative pane."""
        return self.query_one(NarrativePane)

    @property
    def question_list(self) -> QuestionList:
        """The questions pane."""
        return self.query_one(QuestionList)

    @property
    def rule_list(self) -> RuleList:
        """The rules pane."""
        return self.query_one(RuleList)

    def remember(self, record: Record) -> None:
        raise NotImplementedError

    def keep_local(self, record: Record) -> None:
        raise NotImplementedError

    def _refresh_questions(self) -> None:
        raise NotImplementedError

    def _refresh_rules(self) -> None:
        raise NotImplementedError

    # suggestions ----------------------------------------------------------

    def usage(self) -> UsageMeter:
        """This session's LLM token and cost totals (one meter per open session)."""
        if self._usage is None:
            from tacit.question_engine.service import UsageMeter

            self._usage = UsageMeter()
        return self._usage

    def action_stop_suggestions(self) -> None:
        """Escape: stop the suggestion run in flight (closes an LLM stream)."""
        running = [w for w in self.workers if w.group == "suggest" and w.is_running]
        if running:
            self.workers.cancel_group(self, "suggest")
            self.post_message(EngineNoticeArrived("suggestions stopped"))

    def start_suggestions(self, segment: Segment, earlier: list[str]) -> None:
        """Ask the engine about a new segment, cancelling the run in flight."""
        context = SessionContext(
            segments=earlier,
            known_questions=[q.text for q in self.questions.values()],
            touched_categories={
                q.category for q in self.questions.values() if q.status in DISCUSSED
            },
            workflow=self.session.workflow,
            rules=[
                CapturedRule(
                    rule.statement,
                    bool(rule.unless),
                    bool(rule.frequency or rule.impact),
                    bool(rule.owner),
                    bool(rule.examples),
                )
                for rule in self.rules.values()
            ],
        )
        self._suggest_generation += 1
        self._stream_suggestions(segment, context, self._suggest_generation)

    @work(exclusive=True, group="suggest", exit_on_error=False)
    async def _stream_suggestions(
        self, segment: Segment, context: SessionContext, generation: int
    ) -> None:
        from tacit.question_engine.service import open_session, stream_suggestions

        self.post_message(EngineBusy(True, generation))
        try:
            if self._engine_session is None:
                config = self.tacit.config
                self._engine_session = await asyncio.to_thread(open_session, config)
            events = stream_suggestions(
                segment.text,
                context,
                self.tacit.config,
                self.usage(),
                self._engine_session,
                segment.speaker,
            )
            async for event in events:
                if isinstance(event, Suggestion):
                    question = event.to_question(segment.session_id, segment.id)
                    self.post_message(SuggestionArrived(question))
                elif isinstance(event, EngineNotice):
                    self.post_message(EngineNoticeArrived(event.message))
                elif isinstance(event, EngineUsage):
                    self.post_message(
                        EngineUsageArrived(
                            event.prompt_tokens, event.completion_tokens, event.cost_usd
                        )
                    )
        except Exception as error:  # the engine failing must never take the app down
            self.post_message(EngineNoticeArrived(f"engine failed: {error}".splitlines()[0]))
        finally:
            self.post_message(EngineBusy(False, generation))

    def on_suggestion_arrived(self, message: SuggestionArrived) -> None:
        """Show a new suggestion at the top of the questions and queue its save."""
        question = message.question
        known = {q.text.casefold() for q in self.questions.values()}
        if question.text.casefold() in known:
            return
        self.questions[question.id] = question
        self.remember(question)
        self._refresh_questions()

    # question actions (called by QuestionList with the highlighted question) ----

    def _change_question(self, question: Question, change: Callable[[Question], None]) -> None:
        updated = _copy(question)
        assert isinstance(updated, Question)
        try:
            change(updated)
        except ValidationError as error:
            self.notify(str(error), severity="warning")
            return
        self.questions[updated.id] = updated
        self.remember(updated)
        self._refresh_questions()

    def question_mark_asked(self, question: Question) -> None:
        """Mark the question as asked."""
        self._change_question(question, lambda q: q.set_status("asked"))

    def question_dismiss(self, question: Question) -> None:
        """Dismiss the question; dismissing a dismissed one brings it back."""
        target = "suggested" if question.status == "dismissed" else "dismissed"
        self._change_question(question, lambda q: q.set_status(target))

    def question_record_answer(self, question: Question) -> None:
        """Ask for the answer, then store it and mark the question answered."""
        from tacit.tui.screens.prompts import TextPrompt

        def answered(text: str | None) -> None:
            if text is None:
                return

            def change(q: Question) -> None:
                if q.status == "dismissed":
                    q.set_status("suggested")
                if q.status in ("suggested", "answered"):
                    q.set_status("asked")
                q.answer = text
                q.set_status("answered")

            self._change_question(question, change)

        prompt = TextPrompt(
            "Record the answer", plain_words(question.text), initial=question.answer
        )
        self.app.push_screen(prompt, answered)

    def question_park(self, question: Question) -> None:
        """Park the question as an open question with an owner who can answer it."""
        from tacit.tui.screens.prompts import TextPrompt

        def parked(owner: str | None) -> None:
            if owner is None:
                return

            def change(q: Question) -> None:
                q.owner = owner
                q.set_status("parked")

            self._change_question(question, change)

        prompt = TextPrompt("Park as an open question", "Who can answer it?", question.owner)
        self.app.push_screen(prompt, parked)

    def question_to_rule(self, question: Question) -> None:
        """Open the rule this question already became, else draft one and open the editor."""
        existing = rule_from_question(self.rules.values(), question.id)
        if existing is not None:
            self.notify("This question already has a rule: opening it.")
            self.rule_edit(existing)
            return
        self._draft_rule(question)

    @work(exclusive=True, group="draft", exit_on_error=False)
    async def _draft_rule(self, question: Question) -> None:
        from tacit.question_engine.service import draft_rule

        rule = Rule(
            session_id=self.session.id,
            statement=question.answer or question.quote,  # never the question's own text
            category=question.category,
            question_id=question.id,
            segment_ids=[question.segment_id] if question.segment_id else [],
        )
        try:
            draft = await draft_rule(
                question.text,
                question.answer,
                self.tacit.config,
                self.usage(),
                quote=question.quote,
                category=question.category,
            )
        except Exception as error:  # drafting is a convenience: fall back to the answer
            self.post_message(EngineNoticeArrived(f"rule draft failed: {error}".splitlines()[0]))
        else:
            rule.statement = draft.statement.strip() or rule.statement
            rule.when, rule.then = draft.when, draft.then
            rule.unless = [Unless(condition, then) for condition, then in draft.unless]
            rule.frequency, rule.owner = draft.frequency, draft.owner or question.owner
        self.post_message(RuleDrafted(rule, question))

    def on_rule_drafted(self, message: RuleDrafted) -> None:
        """Open the rule editor on a fresh draft."""
        self.open_rule_editor(message.rule, message.question)

    def open_rule_editor(self, rule: Rule, question: Question | None) -> None:
        """Edit a rule in the modal editor; a returned rule is shown and saved."""
        from tacit.tui.screens.rule_editor import RuleEditor
        from tacit.tui.sync import save_edit

        def edited(result: Rule | None) -> None:
            if result is None:
                return
            result.touch()
            self.rules[result.id] = result
            self.keep_local(result)  # a reload racing the save must not hide the rule
            # pair mode: merge into the stored rule, keeping the operator's concurrent changes
            self.tacit.writer.submit(
                lambda store: save_edit(store, rule, result), "saving the rule"
            )
            self._refresh_rules()
            self.notify(f"Rule {result.status}.")

        editor = RuleEditor(rule, question=question, role=self.tacit.role)
        self.app.push_screen(editor, edited)

    def question_copy(self, question: Question) -> None:
        """Copy the question (and its answer) to the clipboard."""
        self._copy_text(question_text(question), "1 question")

    # rule actions ---------------------------------------------------------

    def rule_edit(self, rule: Rule) -> None:
        """Open the highlighted rule in the editor."""
        source = self.questions.get(rule.question_id) if rule.question_id else None
        self.open_rule_editor(_copy_rule(rule), source)

    def rule_copy(self, rule: Rule) -> None:
        """Copy the highlighted rule."""
        self._copy_text(rule_text(rule), "1 rule")

    def action_copy_all_rules(self) -> None:
        """Copy every rule of the session."""
        rules = sorted(self.rules.values(), key=lambda r: (r.created_at, r.id))
        if not rules:
            self.notify("No rules to copy yet.", severity="warning")
            return
        text = "\n\n".join(rule_text(rule) for rule in rules)
        self._copy_text(text, f"{len(rules)} rule{'s' if len(rules) != 1 else ''}")

    def _copy_text(self, text: str, what: str) -> None:
        from tacit.tui.clipboard import copy_text

        notice = copy_text(self.app, text, what=what)
        self.status.notice = notice
        self.notify(notice, severity="warning" if notice.startswith("Clipboard") else "information")

    # screen actions -------------------------------------------------------

    def action_toggle_speaker(self) -> None:
        """Switch who the next segment is attributed to."""
        self.narrative.toggle_speaker()

    def action_focus_input(self) -> None:
        """Put the cursor back in the narrative input."""
        self.narrative.input.focus()

    def action_export(self) -> None:
        """Open the export dialog once every queued write is on disk."""
        self._after_writes(self._open_export)

    def _open_export(self) -> None:
        from tacit.tui.screens.export import ExportDialog

        self.app.push_screen(ExportDialog(self.tacit.store, self.session.id))

    def action_decisions(self) -> None:
        """Open the decision register once every queued write is on disk."""
        self._after_writes(self._open_decisions)

    def _open_decisions(self) -> None:
        from tacit.tui.screens.decisions import DecisionRegister

        self.app.push_screen(DecisionRegister(self.tacit.store, self.session.id))

    def action_sessions(self) -> None:
        """Pick or start another session."""
        self.tacit.action_sessions()

    def _after_writes(self, then: Callable[[], None]) -> None:
        def job(_store: Store) -> None:
            self.app.call_from_thread(then)

        self.tacit.writer.submit(job, "opening a dialog")


def _copy_rule(rule: Rule) -> Rule:
    copied = _copy(rule)
    assert isinstance(copied, Rule)
    return copied
