"""The narrative pane: the conversation so far, an input and who is speaking."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static

from tacit.models.domain import Segment
from tacit.models.lifecycle import SPEAKERS

if TYPE_CHECKING:
    from tacit.question_engine.coaching import Hint
from tacit.tui.widgets.formatting import hint_line, segment_line
from tacit.tui.widgets.key_order import keep_key_order
from tacit.tui.widgets.ordered_input import OrderedInput
from tacit.tui.widgets.transcript_paste import NarrativeInput


class SpeakerTag(Static):
    """Shows who the next segment is attributed to."""


class NarrativeLog(ScrollView, can_focus=True):
    """Segments as wrapped lines: appending wraps only the new segment, however long the call.

    The whole log is re-wrapped only when its width changes (a resize). A small
    line-API view of its own rather than RichLog, which pulls rich.pretty (and
    attrs) onto the start-up path.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Text] = []
        self.lines: list[Strip] = []
        self._wrapped_at = 0
        self._following = True  # the reader is at the end: keep the newest line in view
        self._drawing: tuple[int, Style] | None = None  # (width, style) while lines are drawn

    async def _on_key(self, event: events.Key) -> None:
        keep_key_order(self, event)  # the "type" key, and keys typed after it, go to the input

    def _wrap(self, line: Text) -> list[Strip]:
        width = self._wrapped_at
        console = self.app.console
        return [
            Strip(list(part.render(console)), part.cell_len) for part in line.wrap(console, width)
        ]

    def _show_lines(self, follow: bool) -> None:
        width = max((strip.cell_length for strip in self.lines), default=0)
        self.virtual_size = Size(width, len(self.lines))
        if follow:
            self.scroll_end(animate=False, immediate=False, x_axis=False)
        self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._following = self.is_vertical_scroll_end or self.max_scroll_y == 0

    def add(self, line: Text) -> None:
        """Append one segment; follow the end only if the reader is already there."""
        self.entries.append(line)
        if self._wrapped_at:
            self.lines.extend(self._wrap(line))
            self._show_lines(self._following)

    def clear(self) -> None:
        """Show nothing."""
        self.entries = []
        self.lines = []
        self._show_lines(False)

    def reset(self, lines: list[Text]) -> None:
        """Replace everything shown (history changed under us)."""
        self.clear()
        for line in lines:
            self.add(line)

    def on_resize(self, event: Resize) -> None:
        """Re-wrap on a new width; whatever changed, a reader at the end stays there (a
        shorter pane, e.g. when another tmux client attaches, must not hide the last line)."""
        width = self.scrollable_content_region.width
        if width and width != self._wrapped_at:
            self._wrapped_at = width
            self.lines = [strip for line in self.entries for strip in self._wrap(line)]
            self._show_lines(self._following)
        elif self._following:
            self.scroll_end(animate=False, immediate=False, x_axis=False)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Every line of one drawing shares one width and style: looking either up walks
        the widget tree (~0.3 M instructions a line; ~7 M for a first frame of 24 lines)."""
        self._drawing = (self.scrollable_content_region.width, self.rich_style)
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = None

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width, style = self._drawing or (self.scrollable_content_region.width, self.rich_style)
        index = scroll_y + y
        if index >= len(self.lines):
            return Strip.blank(width, style)
        line = self.lines[index].crop_extend(scroll_x, scroll_x + width, style)
        return line.apply_style(style)


class NarrativePane(Vertical):
    """The narrative log, the entry line and the speaker toggle."""

    ALLOW_MAXIMIZE = True  # F5 from the input or the log gives the whole pane the screen

    speaker: reactive[str] = reactive("operator")
    CURSOR_REST_AFTER = 5.0  # seconds without a key: the cursor stops blinking (idle CPU)

    class Submitted(Message):
        """The user entered a segment of narrative."""

        def __init__(self, speaker: str, text: str) -> None:
            super().__init__()
            self.speaker = speaker
            self.text = text

    class QuitRequested(Message):
        """Quit: every segment typed before it has been posted ahead of this message."""

    def __init__(
        self, tz: tzinfo | None = None, *, coaching: bool = False, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.tz = tz
        self.coaching = coaching  # the engineer's own view: hint under their questions
        self._shown: dict[str, Segment] = {}
        self._hints: dict[str, Hint] = {}
        self._operator_said: list[str] = []

    def compose(self) -> ComposeResult:
        yield NarrativeLog(id="segments")
        with Horizontal(id="entry"):
            yield SpeakerTag(id="speaker")
            yield NarrativeInput(
                placeholder="What was said… (Enter adds it)",
                id="narrative-input",
                clear_on_submit=True,  # in the input's own key order, before the next key
                submit_each_line=True,  # a multi-line paste: one segment per line
                submit_on_quit=True,  # Ctrl+Q keeps the half-typed text as a segment
            )

    def show_focus_within(self, focused: Widget | None) -> None:
        """Mark the pane while focus is inside it (its border in app.tcss). A class set here
        restyles the pane alone; a `:focus-within` rule made Textual restyle the pane's whole
        subtree at every focus change, the first one before the first frame (~10 M
        instructions)."""
        within = focused is not None and (focused is self or self in focused.ancestors)
        if within != self.has_class("-focus-within"):
            self.set_class(within, "-focus-within", update=False)
            self.app.stylesheet.apply(self)  # the border is the pane's own: no child changes

    def on_mount(self) -> None:
        self.border_title = "Narrative"
        self._show_speaker()
        self._cursor_rest = self.set_timer(self.CURSOR_REST_AFTER, self._rest_cursor)

    def _rest_cursor(self) -> None:
        """A blinking cursor repaints twice a second for as long as the call lasts: a
        still, visible cursor costs nothing while nobody types."""
        self.input.cursor_blink = False

    def on_key(self) -> None:
        """A key in the pane the input did not take itself (it takes typing: see below)."""
        self._wake_cursor()

    def on_input_changed(self) -> None:
        self._wake_cursor()

    def _wake_cursor(self) -> None:
        """Blink again (the cursor is easy to find) until the next rest."""
        if self.input.cursor_blink:
            self._cursor_rest.reset()  # still pending: start the wait again
        else:
            self.input.cursor_blink = True
            self._cursor_rest = self.set_timer(self.CURSOR_REST_AFTER, self._rest_cursor)

    def watch_speaker(self) -> None:
        if self.is_mounted:
            self._show_speaker()

    def _show_speaker(self) -> None:
        self.query_one(SpeakerTag).update(f"{self.speaker} ▸")

    def toggle_speaker_in_order(self) -> None:
        """Ctrl+T: switch speaker behind the keys typed before it, so text typed and
        submitted just ahead of it keeps the speaker it was typed under."""
        self.query_one(OrderedInput).run_in_order(self.toggle_speaker)

    def on_ordered_input_in_order(self, message: OrderedInput.InOrder) -> None:
        message.stop()
        message.callback()

    def toggle_speaker(self) -> str:
        """Switch between operator and engineer; returns the new speaker."""
        index = SPEAKERS.index(self.speaker)
        self.speaker = SPEAKERS[(index + 1) % len(SPEAKERS)]
        return self.speaker

    @property
    def input(self) -> Input:
        """The entry field."""
        return self.query_one("#narrative-input", Input)

    @property
    def transcript_operator(self) -> str:
        """Who is the operator in a pasted transcript (config transcript.operator)."""
        return self.query_one(NarrativeInput).transcript_operator

    @transcript_operator.setter
    def transcript_operator(self, name: str) -> None:
        self.query_one(NarrativeInput).transcript_operator = name

    @property
    def log_view(self) -> NarrativeLog:
        """The log of segments."""
        return self.query_one(NarrativeLog)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._wake_cursor()
        text = event.value.strip()
        if not text:
            return
        self.post_message(self.Submitted(self.speaker, text))

    def on_narrative_input_transcript_pasted(self, event: NarrativeInput.TranscriptPasted) -> None:
        """A pasted call: one segment per turn, each with its speaker's role, in order."""
        event.stop()
        self._wake_cursor()
        said = event.speakers.said
        for role, text in said:
            self.post_message(self.Submitted(role, text))
        operator = event.speakers.operator or "the unnamed speaker"
        notice = f"Pasted a transcript: {len(said)} turns, {operator} as the operator."
        self.notify(" ".join(filter(None, [notice, event.speakers.note])), markup=False)

    def _line(self, segment: Segment) -> Text:
        """The segment's line, with a coaching hint under an engineer's question."""
        line = segment_line(segment, self.tz)
        if segment.speaker == "operator":
            self._operator_said.append(segment.text)
        elif self.coaching and segment.speaker == "engineer":
            from tacit.question_engine.coaching import coach  # after the first frame

            hint = coach(segment.text, self._operator_said)
            if hint is not None:
                self._hints[segment.id] = hint
                line.append_text(hint_line(hint.text))
        return line

    def hint(self, segment_id: str) -> Hint | None:
        """The coaching hint shown under a segment, if any."""
        return self._hints.get(segment_id)

    def on_ordered_input_quit_requested(self, event: OrderedInput.QuitRequested) -> None:
        # re-posted from here, like Submitted, so it reaches the screen after the segments
        event.stop()
        self.post_message(self.QuitRequested())

    def append(self, segment: Segment) -> None:
        """Show one more segment at the end."""
        if segment.id in self._shown:
            return
        self._shown[segment.id] = segment
        self.log_view.add(self._line(segment))

    def sync(self, segments: list[Segment]) -> None:
        """Match the store: append new segments; rebuild only if history changed."""
        store_ids = [s.id for s in segments]
        shown_ids = list(self._shown)
        texts = {s.id: s.text for s in segments}
        changed = store_ids[: len(shown_ids)] != shown_ids or any(
            texts[i] != self._shown[i].text for i in shown_ids
        )
        if changed:
            self._shown = {s.id: s for s in segments}
            self._hints = {}
            self._operator_said = []
            self.log_view.reset([self._line(s) for s in segments])
            return
        for segment in segments[len(shown_ids) :]:
            self.append(segment)

    @property
    def segment_count(self) -> int:
        """How many segments are shown."""
        return len(self._shown)

    def segment_texts(self) -> list[str]:
        """The plain text of each shown segment line, oldest first."""
        return [segment_line(s, self.tz).plain for s in self._shown.values()]
