"""The capture screen: narrative left, suggested questions and rules right, coverage below.

Who does what:

- `SessionScreen` (the base) loads the session, follows the store and reports
  failed workers; `SuggestingScreen` (between them) queues segments for the
  engine and records each segment's questions once; `SessionState` (the app's
  one read/write path) holds the records and queues every write.
- The panes own their keys: `NarrativePane` posts `Submitted`, `QuestionList`
  and `RuleList` post `Requested(record, action)`. This screen handles those
  messages: it changes a copy of the record through the domain (a bad move is
  one notice, never a crash), hands it to `SessionState` and refreshes panes.
- `capture_engine` talks to the question engine; its functions run in this
  screen's workers and post `SuggestionArrived`, `EngineNoticeArrived`,
  `EngineUsageArrived`.

A new pane: compose it here, give it its keys and a typed message, handle the
message below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static
from textual.widgets._toast import ToastRack

from tacit.models.domain import Question, Rule, Segment, ValidationError
from tacit.models.ids import short_id
from tacit.models.safe_text import plain_words
from tacit.tui import keymap
from tacit.tui.messages import (
    EngineNoticeArrived,
    EngineUsageArrived,
    RuleDrafted,
)
from tacit.tui.screens.suggesting import SuggestingScreen
from tacit.tui.session_state import copy_record
from tacit.tui.styles import read_default_css
from tacit.tui.widgets.coverage import CoverageMeter
from tacit.tui.widgets.formatting import question_text, rule_text
from tacit.tui.widgets.narrative import NarrativePane
from tacit.tui.widgets.question_order import session_order
from tacit.tui.widgets.record_list import QuestionList, RuleList
from tacit.tui.widgets.status import StatusLine
from tacit.tui.widgets.transcript_paste import NarrativeInput


def rule_from_question(rules: Iterable[Rule], question_id: str) -> Rule | None:
    """The live rule drafted from a question (superseded and rejected ones do not count)."""
    live = [r for r in rules if r.question_id == question_id and r.status in ("draft", "accepted")]
    return min(live, key=lambda r: (r.created_at, r.id)) if live else None


class CaptureScreen(SuggestingScreen):
    """The split screen a pair runs a whole call in."""

    BINDINGS = keymap.bindings(keymap.SCREEN_KEYS)
    HELP_SECTIONS = keymap.CAPTURE_HELP
    AUTO_FOCUS = "#narrative-input"
    FAILURE_WHAT: ClassVar[dict[str, str]] = {
        "load": "cannot read the session",
        "suggest": "engine failed",
        "draft": "rule draft failed",
    }

    @staticmethod
    def read_css_ahead(app: App[Any]) -> None:
        """The app opens on this screen: give its stylesheet the panes' default CSS at once,
        so that no base's CSS is parsed twice (~4 M instructions before the first frame)."""
        read_default_css(
            app, NarrativeInput, QuestionList, Footer, Horizontal, Vertical, Static, ToastRack
        )

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            narrative = NarrativePane(self.context.tz, coaching=True, id="narrative")
            # AUTO_FOCUS is inside it: styled as focused from the start, not restyled as
            # the input takes focus before the first frame
            narrative.set_class(True, "-focus-within", update=False)
            yield narrative
            with Vertical(id="side"):
                yield QuestionList(id="questions")
                yield RuleList(id="rules")
        yield CoverageMeter(id="coverage")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#questions").border_title = "Questions"
        self.query_one("#rules").border_title = "Rules"
        status = self.status
        status.db_path = str(self.state.store.path)
        status.engine = self.context.config.llm.engine_label
        if self.context.presence is not None:
            self.show_presence(self.context.presence.role, self.context.presence.connected)
        self._show_session_label()
        # SessionScreen.on_mount runs next: Textual calls each class's on_mount in turn

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one(StatusLine)

    @property
    def question_list(self) -> QuestionList:
        """The questions pane."""
        return self.query_one(QuestionList)

    @property
    def rule_list(self) -> RuleList:
        """The rules pane."""
        return self.query_one(RuleList)

    # showing the records ------------------------------------------------------

    def show_records(self) -> None:
        self.ask_about_new_segments()
        self._show_session_label()
        self.narrative.sync(self.state.segments)
        self._refresh_questions()
        self._refresh_rules()

    def show_presence(self, role: str, connected: bool) -> None:
        self.status.presence = (role, connected)

    def show_failure(self, text: str) -> None:
        self.status.notice = text

    def set_engine_busy(self, busy: bool) -> None:
        self.status.busy = busy

    def show_questions(self) -> None:
        self._refresh_questions()

    def _show_session_label(self) -> None:
        self.status.session_label = f"{self.session.title} ({short_id(self.session.id)})"
        self.sub_title = self.session.title

    def _refresh_questions(self) -> None:
        reading = self.state.questions.get(self.question_list.selected_id or "")
        keep = reading.id if reading is not None and reading.status == "answered" else None
        ordered = session_order(self.state.questions.values(), self.state.segments, keep=keep)
        self.question_list.show(ordered)
        self._refresh_coverage()

    def _refresh_rules(self) -> None:
        ordered = sorted(self.state.rules.values(), key=lambda r: (r.created_at, r.id))
        self.rule_list.show(ordered)
        self._refresh_coverage()

    def _refresh_coverage(self) -> None:
        from tacit.models.checks import check_records

        rules = list(self.state.rules.values())
        questions = self.state.questions.values()
        to_fix = len(check_records(rules, questions, self.state.decisions)) if rules else None
        self.query_one(CoverageMeter).show(questions, rules, to_fix)

    # narrative and suggestions ------------------------------------------------

    @on(NarrativePane.Submitted)
    def _add_segment(self, event: NarrativePane.Submitted) -> None:
        segment = Segment(session_id=self.session.id, speaker=event.speaker, text=event.text)
        self.narrative.append(segment)
        hint = self.narrative.hint(segment.id)
        if hint is not None:
            self.status.notice = f"coach: {hint.text}"
        self.suggest_for(segment)
        self.state.save(segment)

    @on(EngineNoticeArrived)
    def _engine_notice(self, message: EngineNoticeArrived) -> None:
        self.status.notice = message.text

    @on(EngineUsageArrived)
    def _engine_usage(self, message: EngineUsageArrived) -> None:
        tokens = message.prompt_tokens + message.completion_tokens
        cost = f" ${message.cost_usd:.4f}" if message.cost_usd is not None else ""
        self.status.usage = f"{tokens} tok{cost}"

    # the question pane's requests ---------------------------------------------

    @on(QuestionList.Requested)
    def _question_requested(self, message: QuestionList.Requested) -> None:
        question, action = message.question, message.action
        if action == "mark_asked":
            self._change_question(question, lambda q: q.set_status("asked"))
        elif action == "dismiss":
            target = "suggested" if question.status == "dismissed" else "dismissed"
            self._change_question(question, lambda q: q.set_status(target))
        elif action == "record_answer":
            self._ask_answer(question)
        elif action == "park":
            self._ask_owner(question)
        elif action == "to_rule":
            existing = rule_from_question(self.state.rules.values(), question.id)
            if existing is None and not (question.answer or question.quote):
                self.notify("Record the answer first (r): a rule is drafted from what was said.")
            elif existing is None:
                self._draft_rule(question)
            else:
                self.notify("This question already has a rule: opening it.")
                self._open_existing_rule(existing)
        elif action == "copy":
            self._copy_text(question_text(question), "1 question")

    def _change_question(self, question: Question, change: Callable[[Question], None]) -> None:
        updated = copy_record(question)
        try:
            change(updated)
        except ValidationError as error:
            hint = " (d brings it back)" if question.status == "dismissed" else ""
            self.notify(f"{error}{hint}", severity="warning")
            return
        self.state.save(updated)
        self._refresh_questions()

    def _ask_answer(self, question: Question) -> None:
        from tacit.models.spoken_answer import answer_said_since_asked
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

        said = question.answer or answer_said_since_asked(
            question, self.state.questions.values(), self.state.segments
        )
        prompt = TextPrompt("Record the answer", plain_words(question.text), initial=said)
        self.app.push_screen(prompt, answered)

    def _ask_owner(self, question: Question) -> None:
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

    @work(exclusive=True, group="draft", exit_on_error=False)
    async def _draft_rule(self, question: Question) -> None:
        from tacit.tui.screens import capture_engine  # not before the first frame

        rule = await capture_engine.draft_rule(
            question, self.session.id, self.context.config, self.usage, self.post_message
        )
        self.post_message(RuleDrafted(rule, question))

    # rules ----------------------------------------------------------------------

    @on(RuleDrafted)
    def _rule_drafted(self, message: RuleDrafted) -> None:
        self.open_rule_editor(message.rule, message.question)

    @on(RuleList.Requested)
    def _rule_requested(self, message: RuleList.Requested) -> None:
        rule = message.rule
        if message.action == "edit":
            self._open_existing_rule(rule)
        elif message.action == "copy":
            self._copy_text(rule_text(rule), "1 rule")
        elif message.action == "comments":
            from tacit.tui.screens.comments import CommentsView

            CommentsView.open(self.app, rule, self.context.tz)

    def _open_existing_rule(self, rule: Rule) -> None:
        source = self.state.questions.get(rule.question_id) if rule.question_id else None
        self.open_rule_editor(copy_record(rule), source)

    def open_rule_editor(self, rule: Rule, question: Question | None) -> None:
        """Edit a rule in the modal editor; a returned rule is shown and saved.

        In pair mode the save merges into the stored rule, keeping the operator's
        concurrent changes (`SessionState.save_edit`).
        """
        from tacit.tui.screens.rule_editor import RuleEditor

        def edited(result: Rule | None) -> None:
            if result is None:
                return
            result.touch()
            self.state.save_edit(rule, result)
            self._refresh_rules()
            self.notify(f"Rule {result.status}.")

        self.app.push_screen(RuleEditor(rule, question=question, role=self.context.role), edited)

    def action_copy_all_rules(self) -> None:
        """Copy every rule of the session."""
        rules = sorted(self.state.rules.values(), key=lambda r: (r.created_at, r.id))
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

    # screen actions ---------------------------------------------------------------

    def action_toggle_speaker(self) -> None:
        """Switch who the next segment is attributed to (after the keys typed before it)."""
        self.narrative.toggle_speaker_in_order()

    def action_focus_input(self) -> None:
        """Put the cursor back in the narrative input."""
        self.narrative.input.focus()

    def action_export(self) -> None:
        """Open the export dialog once every queued write is on disk."""
        self.state.after_writes(lambda: self.app.call_from_thread(self._open_export))

    def _open_export(self) -> None:
        from tacit.tui.screens.export import ExportDialog

        self.app.push_screen(ExportDialog(self.state.store, self.session.id))

    def action_decisions(self) -> None:
        """Open the decision register once every queued write is on disk."""
        self.state.after_writes(lambda: self.app.call_from_thread(self._open_decisions))

    def _open_decisions(self) -> None:
        from tacit.tui.screens.decisions import DecisionRegister

        self.app.push_screen(DecisionRegister(self.state, self.session.id))

    async def action_sessions(self) -> None:
        """Pick or start another session (the app's action)."""
        await self.app.run_action("app.sessions")
