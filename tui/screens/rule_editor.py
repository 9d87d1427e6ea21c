"""The rule editor: a scrollable, keyboard-only form for one rule.

Returns the edited Rule (not yet saved) or None on cancel. Each person ticks
only their own acceptance; the other person's is shown read-only. The rule
becomes accepted only when both are on (through `Rule.accept` /
`Rule.withdraw`), and an edit to what the rule says (statement, when, then,
unless, examples) re-opens both acceptances, shown as soon as it is typed. Esc
with unsaved edits asks before throwing them away. Any domain error (empty
statement, an impossible status move) is shown inline and the form stays open.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from tacit.models.domain import Question, Rule, Unless, ValidationError
from tacit.models.example_text import example_line, parse_example_line
from tacit.models.ids import short_id
from tacit.models.lifecycle import ROLES, RULE_STATUSES, status_for_acceptances
from tacit.models.safe_text import plain_words
from tacit.models.taxonomy import CATEGORIES
from tacit.tui.safe_text import clean, literal
from tacit.tui.widgets.ordered_controls import OrderedButton, OrderedCheckbox, OrderedSelect
from tacit.tui.widgets.ordered_input import OrderedInput
from tacit.tui.widgets.ordered_text_area import OrderedTextArea

CSS = """
RuleEditor { align: center middle; }
RuleEditor > Vertical {
    width: 100; max-width: 100%; height: 100%; max-height: 40;
    border: round $accent; background: $panel; padding: 0 1;
}
RuleEditor #provenance { height: auto; max-height: 4; color: $text-muted; }
RuleEditor #form { height: 1fr; }
RuleEditor #unless-list { height: auto; }
RuleEditor .row { height: auto; }
RuleEditor .row > Label { width: 11; }
RuleEditor .row > Input, RuleEditor .row > Select { width: 1fr; }
RuleEditor .unless-row { height: auto; }
RuleEditor .unless-row Input { width: 1fr; }
RuleEditor .unless-row Button { min-width: 8; }
RuleEditor #examples { height: 4; width: 1fr; }
RuleEditor #comments { height: auto; color: $text-muted; }
RuleEditor #rule-error { color: $error; height: auto; }
RuleEditor #rule-buttons { height: auto; align-horizontal: right; }
"""


class UnlessRow(Horizontal):
    """One exception: its condition and its own outcome, removable."""

    def __init__(self, unless: Unless | None = None) -> None:
        super().__init__(classes="unless-row")
        self.initial = unless or Unless(condition="")

    def compose(self) -> ComposeResult:
        yield Label("unless ")
        yield OrderedInput(
            clean(self.initial.condition), placeholder="condition", compact=True, classes="u-cond"
        )
        yield Label(" then ")
        yield OrderedInput(
            clean(self.initial.then), placeholder="outcome", compact=True, classes="u-then"
        )
        yield OrderedButton("remove", compact=True, classes="u-remove")

    def value(self) -> Unless | None:
        """The clause, or None when both fields are empty."""
        condition = clean(self.query_one(".u-cond", Input).value).strip()
        then = clean(self.query_one(".u-then", Input).value).strip()
        if not condition and not then:
            return None
        if not condition:
            raise ValidationError("an unless-clause needs a condition (or remove it)")
        return Unless(condition=condition, then=then)

    @on(Button.Pressed, ".u-remove")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        self.remove()


class _Form(VerticalScroll, can_focus=False):
    """The scrolling form: no tab stop of its own (nothing shows it has focus); focusing a
    field scrolls it into view."""


def _field(label: str, widget: Input | Select[str]) -> Horizontal:
    return Horizontal(Label(label), widget, classes="row")


class RuleEditor(ModalScreen[Rule | None]):
    """Edit a rule; returns the edited Rule (not saved) or None on cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="tacit.rule_editor_cancel"),
        # not a priority binding: it reaches the editor behind the keys typed before it
        Binding("ctrl+s", "save", "Save", id="tacit.rule_editor_save"),
        Binding("ctrl+n", "add_unless", "Add unless", id="tacit.rule_editor_add_unless"),
    ]
    DEFAULT_CSS = CSS

    def __init__(
        self, rule: Rule, *, question: Question | None = None, role: str = "engineer"
    ) -> None:
        super().__init__()
        self.rule = rule
        self.question = question
        self.role = role if role in ROLES else "engineer"

    def compose(self) -> ComposeResult:
        rule = self.rule
        with Vertical() as box:
            box.border_title = "Rule  (ctrl+s save, Esc cancel)"
            if self.question is not None:
                yield Static(self._provenance(self.question), id="provenance")
            elif rule.question_id:
                link = f"From question {short_id(rule.question_id)}"
                yield Static(Content.styled(link, "dim"), id="provenance")
            with _Form(id="form"):
                yield _field(
                    "Statement", OrderedInput(clean(rule.statement), id="statement", compact=True)
                )
                yield _field("When", OrderedInput(clean(rule.when), id="when", compact=True))
                yield _field("Then", OrderedInput(clean(rule.then), id="then", compact=True))
                with Vertical(id="unless-list"):
                    for clause in rule.unless:
                        yield UnlessRow(clause)
                yield OrderedButton("+ unless (ctrl+n)", id="add-unless", compact=True)
                yield _field(
                    "Frequency",
                    OrderedInput(
                        clean(rule.frequency),
                        placeholder="e.g. 5% of jobs",
                        id="frequency",
                        compact=True,
                    ),
                )
                yield _field(
                    "Impact",
                    OrderedInput(
                        clean(rule.impact),
                        placeholder="e.g. 80% of complaints",
                        id="impact",
                        compact=True,
                    ),
                )
                yield _field(
                    "Owner",
                    OrderedInput(
                        clean(rule.owner), placeholder="who decides", id="owner", compact=True
                    ),
                )
                yield Label("Examples: scenario -> outcome, one a line; 'unless N:' first for one")
                yield OrderedTextArea(
                    "\n".join(example_line(e) for e in rule.examples),
                    id="examples",
                    compact=True,
                    show_line_numbers=False,
                )
                yield _field("Category", self._category_select())
                yield _field(
                    "Status",
                    OrderedSelect(
                        [(s, s) for s in RULE_STATUSES],
                        value=rule.status,
                        allow_blank=False,
                        id="status",
                        compact=True,
                    ),
                )
                for role in ROLES:
                    own = role == self.role
                    suffix = " (you)" if own else " (only they can change it)"
                    accepted = rule.acceptance(role) is not None
                    yield OrderedCheckbox(
                        f"{role.capitalize()} accepts{suffix}",
                        accepted,
                        id=f"accept-{role}",
                        compact=True,
                        disabled=not own,  # nobody records the other person's acceptance
                    )
                yield Label("", id="reopened")
                if rule.comments:
                    yield Static(self._comments(), id="comments")
            yield Label("", id="rule-error")
            with Horizontal(id="rule-buttons"):
                yield OrderedButton(
                    "Save (ctrl+s)", id="rule-save", variant="primary", compact=True
                )
                yield Label(" ")
                yield OrderedButton("Cancel (Esc)", id="rule-cancel", compact=True)

    def _category_select(self) -> Select[str]:
        options = [(f"{c.label}  {c.title}", c.id) for c in CATEGORIES]
        return OrderedSelect(
            options, value=self.rule.category, allow_blank=False, id="category", compact=True
        )

    @staticmethod
    def _provenance(question: Question) -> Content:
        parts = [
            Content.styled(f"From question {short_id(question.id)}: ", "bold"),
            literal(plain_words(question.text)),
        ]
        if question.answer:
            parts += [Content("\n"), Content.styled("Answer: ", "bold"), literal(question.answer)]
        return Content("").join(parts)

    def _comments(self) -> Content:
        lines = [literal(f"{c.role}: {c.text}") for c in self.rule.comments]
        return Content("\n").join([Content.styled("Comments", "bold"), *lines])

    def on_mount(self) -> None:
        for field in self.query(OrderedInput):  # show each field's start; typing adds to it
            field.select_on_focus = False
            field.cursor_position = 0
            field.end_on_focus = field.id != "statement"  # it opens at its start
        self.query_one("#statement", Input).focus()
        self._pristine = self._form_rule_or_none()
        self._reopened = False

    def _form_rule_or_none(self) -> dict[str, object] | None:
        """What the form says now, to compare with what it said when opened."""
        try:
            data = self._form_rule().to_dict()
        except ValidationError:
            return None
        for name in ("updated_at", "accepted_by_operator", "accepted_by_engineer", "status"):
            data.pop(name, None)
        return data

    @on(Input.Blurred, "#statement")
    def _statement_left(self, event: Input.Blurred) -> None:
        """Opened at its start; tabbed back into later, typing adds to its end like the rest."""
        if isinstance(event.input, OrderedInput):
            event.input.end_on_focus = True

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _words_changed(self) -> None:
        """Show at once that an edit to what the rule says re-opens the acceptances."""
        if not self.is_mounted or self._reopened or not hasattr(self, "_pristine"):
            return
        if self.rule.acceptance("operator") is None and self.rule.acceptance("engineer") is None:
            return
        try:
            words = self._form_rule().meaning_fingerprint()
        except ValidationError:
            return
        if words == self.rule.meaning_fingerprint():
            return
        self._reopened = True
        for role in ROLES:
            self.query_one(f"#accept-{role}", Checkbox).value = False
        self.query_one("#reopened", Label).update(
            Content.styled(
                "Changed after acceptance: both acceptances are re-opened; "
                "each person accepts the new words.",
                "$warning",
            )
        )

    @on(Checkbox.Changed)
    def _acceptance_changed(self) -> None:
        """Show the status the acceptances imply: accepted only when both are ticked."""
        # the other person's box only shows their stored acceptance: it never counts more
        ticked = {
            role: self.query_one(f"#accept-{role}", Checkbox).value
            if role == self.role
            else self.rule.acceptance(role) is not None and not self._reopened
            for role in ROLES
        }
        status = self.query_one("#status", Select)
        if isinstance(status.value, str):
            status.value = status_for_acceptances(
                status.value, operator=ticked["operator"], engineer=ticked["engineer"]
            )

    # actions ------------------------------------------------------------

    def action_add_unless(self) -> None:
        """Add an empty unless-clause and focus its condition."""
        row = UnlessRow()
        self.query_one("#unless-list", Vertical).mount(row)
        self.call_after_refresh(lambda: row.query_one(".u-cond", Input).focus())

    @on(Button.Pressed, "#add-unless")
    def _add_pressed(self) -> None:
        self.action_add_unless()

    @on(Button.Pressed, "#rule-save")
    def action_save(self) -> None:
        """Validate and return the edited rule, or show why not."""
        try:
            edited = self.edited_rule()
        except ValidationError as error:
            self.query_one("#rule-error", Label).update(literal(f"Cannot save: {error}"))
            return
        self.dismiss(edited)

    @on(Button.Pressed, "#rule-cancel")
    def action_cancel(self) -> None:
        """Close without changes; with unsaved edits, ask first."""
        if self._form_rule_or_none() == self._pristine and not self._acceptance_toggled():
            self.dismiss(None)
            return
        from tacit.tui.screens.prompts import ConfirmPrompt

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        prompt = ConfirmPrompt("Discard your changes to this rule?", "y discards, n keeps editing")
        self.app.push_screen(prompt, answered)

    def _acceptance_toggled(self) -> bool:
        box = self.query_one(f"#accept-{self.role}", Checkbox)
        return box.value != (self.rule.acceptance(self.role) is not None)

    # building the result --------------------------------------------------

    def _text(self, selector: str) -> str:
        return clean(self.query_one(selector, Input).value).strip()

    def edited_rule(self) -> Rule:
        """The rule as the form describes it; raises ValidationError."""
        edited = self._form_rule()
        self._apply_acceptances(edited)
        status = self.query_one("#status", Select).value
        if isinstance(status, str) and status != self.rule.status and status != edited.status:
            edited.set_status(status)
        if edited.to_dict() != self.rule.to_dict():
            edited.touch()
        return edited

    def _form_rule(self) -> Rule:
        """The rule with the form's words and fields (acceptances as stored, stale ones dropped)."""
        data = self.rule.to_dict()
        unless = [v for row in self.query(UnlessRow) if (v := row.value()) is not None]
        lines = self.query_one("#examples", TextArea).text.splitlines()
        examples = [e for line in lines if (e := parse_example_line(line, len(unless)))]
        category = self.query_one("#category", Select).value
        data.update(
            statement=self._text("#statement"),
            when=self._text("#when"),
            then=self._text("#then"),
            unless=[{"condition": u.condition, "then": u.then} for u in unless],
            frequency=self._text("#frequency"),
            impact=self._text("#impact"),
            owner=self._text("#owner"),
            examples=examples,
            category=category if isinstance(category, str) else self.rule.category,
        )
        return Rule.from_dict(data)  # acceptances of other words are dropped here

    def _apply_acceptances(self, edited: Rule) -> None:
        """Only this person's own acceptance changes; the other's stays as stored."""
        wanted = self.query_one(f"#accept-{self.role}", Checkbox).value
        had = edited.acceptance(self.role) is not None
        if wanted and not had:
            edited.accept(self.role, by=self.role)
        elif had and not wanted:
            edited.withdraw(self.role)
