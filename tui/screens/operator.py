"""The operator's view: the narrative, the question being asked now, rules to accept.

Built for the person who knows the work, not the one who builds the agent: they
add narrative as the operator, see the question the engineer has marked asked,
and accept a rule (a) or send it back with a comment (b). Every change goes
through the app's `SessionState` (a rule change is `Store.update` on the writer
thread, so an edit the engineer makes at the same moment is kept). Loading and
live sync come from `SessionScreen`; refreshes never move focus or touch the
text being typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Static

from tacit.models.domain import Question, Rule, Segment, ValidationError
from tacit.models.safe_text import plain_words
from tacit.tui import keymap
from tacit.tui.safe_text import literal
from tacit.tui.screens.help import HelpSections
from tacit.tui.screens.prompts import TextPrompt
from tacit.tui.screens.session_screen import SessionScreen
from tacit.tui.widgets.formatting import acceptance_marks, category_label
from tacit.tui.widgets.narrative import NarrativePane
from tacit.tui.widgets.presence_badge import PresenceBadge
from tacit.tui.widgets.record_list import RecordList


def waiting_for_operator(rules: list[Rule]) -> list[Rule]:
    """Draft rules the operator has not accepted yet, oldest first."""
    waiting = [r for r in rules if r.status == "draft" and r.accepted_by_operator is None]
    return sorted(waiting, key=lambda r: (r.created_at, r.id))


def accepted_by_operator(rules: list[Rule]) -> list[Rule]:
    """Rules the operator accepted (final, or waiting for the engineer), oldest first."""
    done = [r for r in rules if r.status in ("draft", "accepted") and r.accepted_by_operator]
    return sorted(done, key=lambda r: (r.created_at, r.id))


NOTHING_WAITING = (
    "Nothing is waiting for you. When the engineer turns your answers into a rule, it "
    "appears here: a accepts it, b sends it back with a comment."
)
NOTHING_ACCEPTED = "Rules you accept show here, with whether the engineer accepted them too."


def asked_now(questions: list[Question]) -> Question | None:
    """The question the engineer marked asked most recently, if any is still asked."""
    asked = [q for q in questions if q.status == "asked"]
    return max(asked, key=lambda q: (q.updated_at, q.id)) if asked else None


def accepted_rule_prompt(rule: Rule, selected: bool = False) -> Content:
    """A rule the operator accepted: final once the engineer accepted it too."""
    state = ("● accepted ", "bold $success") if rule.fully_accepted else ("○ ", "dim")
    parts: list[Content | tuple[str, str] | str] = [state, literal(rule.statement)]
    if not rule.fully_accepted:
        parts.append((" · engineer: not yet", "dim italic"))
    return Content.assemble(*parts)


def operator_rule_prompt(rule: Rule, selected: bool = False) -> Content:
    """A rule as the operator reads it: statement, when/then, exceptions, last comment."""
    parts: list[Content | tuple[str, str] | str] = [
        (acceptance_marks(rule) + " ", "dim"),
        literal(rule.statement, "bold"),
    ]
    if rule.when or rule.then:
        parts += [
            ("\n   when ", "dim"),
            literal(rule.when or "?"),
            (" then ", "dim"),
            literal(rule.then or "?"),
        ]
    for clause in rule.unless:
        parts += [("\n   unless ", "dim"), literal(clause.condition)]
        if clause.then:
            parts += [(" → ", "dim"), literal(clause.then)]
    if rule.comments:
        last = rule.comments[-1]
        parts += [("\n   ↩ ", "$warning"), literal(f"{last.role}: {last.text}", "italic")]
    return Content.assemble(*parts)


class AskedNow(Static):
    """The question being asked right now, highlighted while there is one."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.question: Question | None = None

    def show(self, question: Question | None) -> None:
        """Show this question (or say none is being asked)."""
        self.question = question
        self.set_class(question is not None, "-asking")
        if question is None:
            self.update(Content.styled("No question is being asked right now.", "dim italic"))
            return
        parts: list[Content | tuple[str, str] | str] = [
            (f"[{category_label(question.category)}] ", "$accent"),
            literal(plain_words(question.text), "bold"),
        ]
        if question.quote:
            parts += [("\n“", "dim"), literal(question.quote, "italic dim"), ("”", "dim")]
        self.update(Content.assemble(*parts))


class WaitingRules(RecordList[Rule]):
    """Rules waiting for the operator: a accepts, b sends back with a comment."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", "Accept", id="tacit.operator_accept"),
        Binding("b", "send_back", "Send back", id="tacit.operator_send_back"),
    ]

    class AcceptRequested(Message):
        """The operator accepts this rule."""

        def __init__(self, rule: Rule) -> None:
            super().__init__()
            self.rule = rule

    class SendBackRequested(Message):
        """The operator sends this rule back to the engineer (a comment is asked next)."""

        def __init__(self, rule: Rule) -> None:
            super().__init__()
            self.rule = rule

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(operator_rule_prompt, empty=NOTHING_WAITING, id=id)

    def _request(self, message: Callable[[Rule], Message]) -> None:
        rule = self.selected
        if rule is None:
            self.app.notify("No rule is waiting for you.", severity="warning")
            return
        self.post_message(message(rule))

    def action_accept(self) -> None:
        """Accept the highlighted rule as the operator."""
        self._request(self.AcceptRequested)

    def action_send_back(self) -> None:
        """Send the highlighted rule back to the engineer with a comment."""
        self._request(self.SendBackRequested)


class AcceptedRules(RecordList[Rule]):
    """The rules the operator accepted, so both sides see the same state."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(accepted_rule_prompt, empty=NOTHING_ACCEPTED, id=id)


class OperatorScreen(SessionScreen):
    """Narrative left; the question asked now and the rules to accept right."""

    AUTO_FOCUS = "#narrative-input"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f3", "focus_rules", "Rules", id="tacit.operator_focus_rules"),
        Binding("f4", "focus_input", "Type", id="tacit.operator_focus_input"),
    ]
    HELP_SECTIONS: ClassVar[HelpSections] = (
        ("Anywhere in this view", (*BINDINGS, *keymap.APP_KEYS, ("tab", "Next pane"))),
        ("Narrative input", (("enter", "Add what you said"),)),
        ("Rules waiting for you", WaitingRules.BINDINGS),
    )
    DEFAULT_CSS = """
    OperatorScreen { layout: vertical; }
    OperatorScreen #operator-side { width: 1fr; }
    OperatorScreen #asked-now {
        height: auto; min-height: 3; max-height: 8;
        border: round $primary; padding: 0 1;
    }
    OperatorScreen #asked-now.-asking { border: heavy $warning; background: $warning 15%; }
    OperatorScreen #waiting { height: 2fr; border: round $primary; }
    OperatorScreen #accepted { height: 1fr; border: round $primary; }
    OperatorScreen #waiting:focus, OperatorScreen #accepted:focus { border: round $accent; }
    OperatorScreen #operator-status { height: 1; padding: 0 1; background: $panel; }
    OperatorScreen #operator-title { width: 1fr; }
    OperatorScreen PresenceBadge { width: auto; }
    """

    @property
    def rules(self) -> dict[str, Rule]:
        """The session's rules as this view knows them (stored, with pending changes)."""
        return self.state.rules

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield NarrativePane(self.context.tz, id="narrative")
            with Vertical(id="operator-side"):
                yield AskedNow(id="asked-now")
                yield WaitingRules(id="waiting")
                yield AcceptedRules(id="accepted")
        with Horizontal(id="operator-status"):
            yield Static("", id="operator-title", markup=False)
            presence = self.context.presence
            yield PresenceBadge(*((presence.role, presence.connected) if presence else ()))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#asked-now").border_title = "Being asked now"
        self.query_one("#waiting").border_title = "Waiting for you"
        self.query_one("#accepted").border_title = "Accepted by you"
        self._show_title()
        # SessionScreen.on_mount runs next: Textual calls each class's on_mount in turn

    @property
    def waiting(self) -> WaitingRules:
        """The list of rules waiting for the operator."""
        return self.query_one(WaitingRules)

    def _show_title(self) -> None:
        self.sub_title = self.session.title
        label = Content.assemble(("operator view · ", "dim"), literal(self.session.title, "bold"))
        self.query_one("#operator-title", Static).update(label)

    # showing ------------------------------------------------------------------

    def show_records(self) -> None:
        self._show_title()
        self.narrative.sync(self.state.segments)
        self.query_one(AskedNow).show(asked_now(list(self.state.questions.values())))
        self._show_waiting()

    def show_presence(self, role: str, connected: bool) -> None:
        for badge in self.query(PresenceBadge):
            badge.show(role, connected)

    def _show_waiting(self) -> None:
        waiting = waiting_for_operator(list(self.state.rules.values()))
        self.waiting.show(waiting)
        self.waiting.border_title = f"Waiting for you ({len(waiting)})"
        self.waiting.border_subtitle = "a accept · b send back" if waiting else ""
        accepted = accepted_by_operator(list(self.rules.values()))
        listing = self.query_one(AcceptedRules)
        listing.show(accepted)
        listing.border_title = f"Accepted by you ({len(accepted)})"

    # the operator's changes ---------------------------------------------------

    @on(NarrativePane.Submitted)
    def _add_segment(self, event: NarrativePane.Submitted) -> None:
        event.stop()
        segment = Segment(session_id=self.session.id, speaker="operator", text=event.text)
        self.narrative.append(segment)
        self.state.save(segment)

    @on(WaitingRules.AcceptRequested)
    def _accept_requested(self, message: WaitingRules.AcceptRequested) -> None:
        self.accept_rule(message.rule)

    @on(WaitingRules.SendBackRequested)
    def _send_back_requested(self, message: WaitingRules.SendBackRequested) -> None:
        self.send_back_rule(message.rule)

    def accept_rule(self, rule: Rule) -> None:
        """Record the operator's acceptance on the latest stored version of the rule."""
        if self._change_rule(rule, lambda r: r.accept("operator"), "accepting the rule"):
            self.notify("Accepted. It is final once the engineer accepts too.", timeout=3)

    def send_back_rule(self, rule: Rule) -> None:
        """Ask for a comment, then send the rule back to the engineer with it."""

        def sent(comment: str | None) -> None:
            if not comment:
                return

            def change(stored: Rule) -> None:
                stored.send_back("operator", comment)

            if self._change_rule(rule, change, "sending the rule back"):
                self.notify("Sent back to the engineer.", timeout=3)

        self.app.push_screen(TextPrompt("Send back to the engineer", "What should change?"), sent)

    def _change_rule(self, rule: Rule, change: Callable[[Rule], None], what: str) -> bool:
        try:
            self.state.update(rule, change, what)
        except ValidationError as error:
            self.notify(str(error), severity="warning")
            return False
        self._show_waiting()
        return True

    # focus ----------------------------------------------------------------

    def action_focus_rules(self) -> None:
        """Move to the rules waiting for acceptance."""
        self.waiting.focus()

    def action_focus_input(self) -> None:
        """Move to the narrative input."""
        self.narrative.input.focus()
