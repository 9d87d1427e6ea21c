"""Option lists of records that refresh in place, keeping the highlighted record.

The question and rule panes own their keys: a key on the highlighted record
posts a typed `Requested` message naming what the user asked for; the screen
that shows the pane decides what that does to the record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, Literal, TypeVar

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tacit.models.domain import Question, Record, Rule
from tacit.tui import keymap
from tacit.tui.widgets.formatting import question_prompt, rule_prompt
from tacit.tui.widgets.key_order import keep_key_order
from tacit.tui.widgets.question_order import TO_ASK, group_of

R = TypeVar("R", bound=Record)
FOLDED_LINES = 2  # what the highlighted record folds out (a quote) may go below the view


READING = "Reading the session…"
"""What an empty list says until the session's records arrive."""


class RecordList(OptionList, Generic[R]):
    """An OptionList keyed by record id; `show` keeps the highlight on the same record.

    The highlighted record is drawn in full (`render(record, True)`, e.g. with its
    quote folded out under it), the others compactly. With `title` set, the list
    follows what arrives at the top while the highlight is on the first record, and
    otherwise (someone is reading further down) keeps their place and counts the
    arrivals in its border title: 'Questions · 2 new ↑'. `empty` says what will appear
    in an empty list, and when.
    """

    def __init__(
        self,
        render: Callable[[R, bool], Content],
        *,
        title: str = "",
        empty: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, markup=False)
        self._prompt_for = render
        self.records: dict[str, R] = {}
        self._order: list[str] = []
        self.title = title
        self.empty = empty
        self.unseen: set[str] = set()  # arrived above the highlight while reading
        self._expanded: str | None = None  # the record drawn in full
        self._read = False  # records were shown: before that, the session is still being read

    async def _on_key(self, event: events.Key) -> None:
        keep_key_order(self, event)  # the "type" key, and keys typed after it, go to the input

    def on_mount(self) -> None:
        self._show_title()
        if not self._order:
            self._show_empty()

    def _show_empty(self) -> None:
        """The empty list's hint; until the first records arrive (the session is read just
        after the first frame), that it is being read: an open session's first frame said
        "Questions to ask appear here as the operator talks" over a call already recorded."""
        self.clear_options()
        if self.empty:
            hint = self.empty if self._read else READING
            self.add_option(Option(Content.styled(hint, "dim italic"), disabled=True))

    def _prompt(self, record: R) -> Content:
        return self._prompt_for(record, record.id == self._expanded)

    def show(self, records: Sequence[R], *, instead: str | None = None) -> None:
        """Show these records in this order, keeping the highlighted one where it is
        (or on the first one, when that is where it was: the list follows new arrivals).
        `instead` names a record to highlight in the highlighted one's place."""
        selected = instead if instead is not None else self.selected_id
        following = self.highlighted in (None, 0)
        row = self._row_of_highlight()
        order = [r.id for r in records]
        fresh = {r.id: r for r in records}
        if not self._read:
            self._read = True
            if not records:
                self._show_empty()
        if order == self._order:
            for record in records:
                if record.to_dict() != self.records[record.id].to_dict():
                    self.replace_option_prompt(record.id, self._prompt(record))
            self.records = fresh
            return
        arrived = {r for r in order if r not in self.records} if self._order else set()
        self.records = fresh
        self._order = order
        self.unseen &= set(order)
        if not records:
            self._expanded = None
            self._show_empty()
            self._show_title()
            return
        if following or selected not in fresh:
            selected = order[0]
        index = order.index(selected)
        if self.title:  # what arrived or moved above the reader, not yet seen
            self.unseen = {r for r in self.unseen | arrived if order.index(r) < index}
        self._expanded = selected
        self.clear_options()
        self.add_options(Option(self._prompt(r), id=r.id) for r in records)
        self.highlighted = index
        if index == 0:
            self.scroll_home(animate=False, immediate=False)
        else:  # reading: nothing moves under the reader; what arrived is above the view
            self.call_after_refresh(self._place_highlight, row)
        self._show_title()

    def _row_of_highlight(self) -> int:
        """How far down the view the highlighted record starts (0 when unknown)."""
        if self.highlighted is None:
            return 0
        start = self._line_cache.index_to_line.get(self.highlighted)
        return 0 if start is None else max(0, start - round(self.scroll_y))

    def _place_highlight(self, row: int) -> None:
        """Scroll so the highlighted record starts `row` lines down, and so the view starts
        at the first line of a record (never a record's tail), keeping the highlight in view."""
        self._update_lines()
        index = self.highlighted
        cache = self._line_cache
        if index is None or index not in cache.index_to_line:
            return
        start, height = cache.index_to_line[index], cache.heights[index]
        view = self.scrollable_content_region.height
        starts = sorted(cache.index_to_line.values())
        limit = round(self.max_scroll_y)
        target = max(0, min(start - row, limit))
        top = max(s for s in starts if s <= target)
        if top + view < start + height:  # snapping up would cut the highlighted record
            lower = min((s for s in starts if s >= target), default=start)
            if lower <= limit:
                top = lower
            elif top + view < start + height - FOLDED_LINES:  # more than its quote is cut
                top = limit
        self.scroll_to(y=top, animate=False, immediate=True)

    def watch_highlighted(self, highlighted: int | None) -> None:
        """Draw the newly highlighted record in full and the one before compactly."""
        super().watch_highlighted(highlighted)
        if highlighted is None or not self._order or highlighted >= len(self._order):
            return
        if self.title:  # moving down never leaves a record's tail at the top of the view
            self.call_after_refresh(self._place_highlight, self._row_of_highlight())
        current = self._order[highlighted]
        if current != self._expanded:
            previous, self._expanded = self._expanded, current
            for record_id in (previous, current):
                if record_id in self.records:
                    self.replace_option_prompt(record_id, self._prompt(self.records[record_id]))
        seen = {r for r in self.unseen if self._order.index(r) >= highlighted}
        if seen:
            self.unseen -= seen
            self._show_title()

    def _show_title(self) -> None:
        if self.title:
            marker = f" · {len(self.unseen)} new ↑" if self.unseen else ""
            self.border_title = self.title + marker

    def put(self, record: R) -> None:
        """Replace one record's entry (it must already be shown)."""
        if record.id in self.records:
            self.records[record.id] = record
            self.replace_option_prompt(record.id, self._prompt(record))

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


QuestionAction = Literal["mark_asked", "record_answer", "park", "dismiss", "to_rule", "copy"]
RuleAction = Literal["edit", "copy", "comments"]


class QuestionList(RecordList[Question]):
    """The session's questions, best first (`question_order`); single keys act on the
    highlighted one. When the highlighted question is parked or dismissed it moves down
    among the done ones and the next question to ask takes its place under the
    highlight; an answered one stays under the highlight (its rule is the next step)
    and goes below once the reader moves on."""

    BINDINGS = keymap.bindings(keymap.QUESTION_KEYS)

    class Requested(Message):
        """The user asked for action on the highlighted question."""

        def __init__(self, question: Question, action: QuestionAction) -> None:
            super().__init__()
            self.question = question
            self.action = action

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            question_prompt,
            title="Questions",
            empty="Questions to ask appear here as the operator talks.",
            id=id,
        )

    def show(self, records: Sequence[Question], *, instead: str | None = None) -> None:
        if instead is None:
            instead = self._next_to_ask(records)
        super().show(records, instead=instead)

    def _next_to_ask(self, records: Sequence[Question]) -> str | None:
        """The question to highlight when the highlighted one just left the questions to
        ask: the one ranked after it (before it, at the end), else None (keep it)."""
        current = self.selected
        fresh = {r.id: r for r in records}
        now = fresh.get(current.id) if current is not None else None
        if current is None or now is None or group_of(current) != TO_ASK:
            return None
        if group_of(now) == TO_ASK or now.status == "answered":
            return None
        place = self._order.index(current.id)
        after, before = self._order[place + 1 :], reversed(self._order[:place])
        for record_id in (*after, *before):
            record = fresh.get(record_id)
            if record is not None and group_of(record) == TO_ASK:
                return record_id
        return None

    def request(self, action: QuestionAction) -> None:
        """Post action for the highlighted question (a notice when there is none)."""
        question = self.selected
        if question is None:
            self.app.notify("No question selected.", severity="warning")
            return
        self.post_message(self.Requested(question, action))

    def action_mark_asked(self) -> None:
        self.request("mark_asked")

    def action_record_answer(self) -> None:
        self.request("record_answer")

    def action_park(self) -> None:
        self.request("park")

    def action_dismiss(self) -> None:
        self.request("dismiss")

    def action_to_rule(self) -> None:
        self.request("to_rule")

    def action_copy_selected(self) -> None:
        self.request("copy")


class RuleList(RecordList[Rule]):
    """The session's captured rules; Enter opens the rule editor."""

    BINDINGS = keymap.bindings(keymap.RULE_KEYS)

    class Requested(Message):
        """The user asked for action on the highlighted rule."""

        def __init__(self, rule: Rule, action: RuleAction) -> None:
            super().__init__()
            self.rule = rule
            self.action = action

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            rule_prompt, empty="u on a question drafts a rule; rules show here.", id=id
        )

    def request(self, action: RuleAction) -> None:
        """Post action for the highlighted rule (a notice when there is none)."""
        rule = self.selected
        if rule is None:
            self.app.notify("No rule selected.", severity="warning")
            return
        self.post_message(self.Requested(rule, action))

    def action_edit_rule(self) -> None:
        self.request("edit")

    def action_comments(self) -> None:
        self.request("comments")

    def action_copy_selected(self) -> None:
        self.request("copy")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a rule opens it in the editor."""
        event.stop()
        self.request("edit")
