"""Option lists of records that refresh in place, keeping the highlighted record."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tacit.models.domain import Question, Record, Rule
from tacit.tui import keymap
from tacit.tui.widgets.formatting import question_prompt, rule_prompt

R = TypeVar("R", bound=Record)


class RecordList(OptionList, Generic[R]):
    """An OptionList keyed by record id; `show` keeps the highlight on the same record."""

    EMPTY = "Nothing yet."

    def __init__(self, render: Callable[[R], Content], *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._prompt_for = render
        self.records: dict[str, R] = {}
        self._order: list[str] = []

    def show(self, records: Sequence[R]) -> None:
        """Show these records in this order, keeping the highlighted one where it is."""
        selected = self.selected_id
        order = [r.id for r in records]
        fresh = {r.id: r for r in records}
        if order == self._order:
            for record in records:
                if record.to_dict() != self.records[record.id].to_dict():
                    self.replace_option_prompt(record.id, self._prompt_for(record))
            self.records = fresh
            return
        self.records = fresh
        self._order = order
        self.clear_options()
        self.add_options(Option(self._prompt_for(r), id=r.id) for r in records)
        if selected in fresh:
            self.highlighted = self.get_option_index(selected)
        elif records:
            self.highlighted = 0

    def put(self, record: R) -> None:
        """Replace one record's entry (it must already be shown)."""
        if record.id in self.records:
            self.records[record.id] = record
            self.replace_option_prompt(record.id, self._prompt_for(record))

    @property
    def selected_id(self) -> str | None:
        """The id of the highlighted record, if any."""
        if self.highlighted is None or not self._order:
            return None
        option = self.get_option_at_index(self.highlighted)
        return option.id

    @property
    def selected(self) -> R | None:
        """The highlighted record, if any."""
        found = self.selected_id
        return self.records.get(found) if found else None


class QuestionList(RecordList[Question]):
    """The engine's suggestions, newest first; single keys act on the highlighted one."""

    BINDINGS = keymap.bindings(keymap.QUESTION_KEYS)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(question_prompt, id=id)

    def _act(self, name: str) -> None:
        question = self.selected
        if question is None:
            self.app.notify("No question selected.", severity="warning")
            return
        handler = getattr(self.screen, f"question_{name}", None)
        if handler is not None:
            handler(question)

    def action_mark_asked(self) -> None:
        self._act("mark_asked")

    def action_record_answer(self) -> None:
        self._act("record_answer")

    def action_park(self) -> None:
        self._act("park")

    def action_dismiss(self) -> None:
        self._act("dismiss")

    def action_to_rule(self) -> None:
        self._act("to_rule")

    def action_copy_selected(self) -> None:
        self._act("copy")


class RuleList(RecordList[Rule]):
    """The session's captured rules; Enter opens the rule editor."""

    BINDINGS = keymap.bindings(keymap.RULE_KEYS)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(rule_prompt, id=id)

    def _act(self, name: str) -> None:
        rule = self.selected
        if rule is None:
            self.app.notify("No rule selected.", severity="warning")
            return
        handler = getattr(self.screen, f"rule_{name}", None)
        if handler is not None:
            handler(rule)

    def action_edit_rule(self) -> None:
        self._act("edit")

    def action_copy_selected(self) -> None:
        self._act("copy")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a rule opens it in the editor."""
        event.stop()
        self._act("edit")
