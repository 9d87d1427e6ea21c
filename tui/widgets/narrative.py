"""The narrative pane: the conversation so far, an input and who is speaking."""

from __future__ import annotations

from datetime import tzinfo

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, RichLog, Static

from models.domain import SPEAKERS, Segment
from tui.widgets.formatting import segment_line


class SpeakerTag(Static):
    """Shows who the next segment is attributed to."""


class NarrativeLog(RichLog):
    """Segments as wrapped lines: appending renders only the new segment, however long the call.

    The whole log is re-wrapped only when its width changes (a resize).
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(wrap=True, min_width=1, markup=False, highlight=False, id=id)
        self.auto_scroll = False
        self.entries: list[Text] = []
        self._wrapped_at = 0

    def add(self, line: Text) -> None:
        """Append one segment; follow the end only if the reader is already there."""
        self.entries.append(line)
        follow = self.is_vertical_scroll_end or self.max_scroll_y == 0
        self.write(line, scroll_end=follow)

    def reset(self, lines: list[Text]) -> None:
        """Replace everything shown (history changed under us)."""
        self.entries = []
        self.clear()
        for line in lines:
            self.add(line)

    def on_resize(self, event: Resize) -> None:
        width = event.size.width
        if self._size_known and width and width != self._wrapped_at:
            at_end = self.is_vertical_scroll_end
            self.clear()
            for line in self.entries:
                self.write(line, scroll_end=False)
            if at_end:
                self.scroll_end(animate=False, immediate=False)
        super().on_resize(event)
        self._wrapped_at = width


class NarrativePane(Vertical):
    """The narrative log, the entry line and the speaker toggle."""

    speaker: reactive[str] = reactive("operator")

    class Submitted(Message):
        """The user entered a segment of narrative."""

        def __init__(self, speaker: str, text: str) -> None:
            super().__init__()
            self.speaker = speaker
            self.text = text

    def __init__(self, tz: tzinfo | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tz = tz
        self._shown: dict[str, Segment] = {}

    def compose(self) -> ComposeResult:
        yield NarrativeLog(id="segments")
        with Horizontal(id="entry"):
            yield SpeakerTag(id="speaker")
            yield Input(placeholder="What was said… (Enter adds it)", id="narrative-input")

    def on_mount(self) -> None:
        self.border_title = "Narrative"
        self._show_speaker()

    def watch_speaker(self) -> None:
        if self.is_mounted:
            self._show_speaker()

    def _show_speaker(self) -> None:
        self.query_one(SpeakerTag).update(f"{self.speaker} ▸")

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
    def log_view(self) -> NarrativeLog:
        """The log of segments."""
        return self.query_one(NarrativeLog)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        self.input.value = ""
        self.post_message(self.Submitted(self.speaker, text))

    def append(self, segment: Segment) -> None:
        """Show one more segment at the end."""
        if segment.id in self._shown:
            return
        self._shown[segment.id] = segment
        self.log_view.add(segment_line(segment, self.tz))

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
            self.log_view.reset([segment_line(s, self.tz) for s in segments])
            return
        for segment in segments[len(shown_ids) :]:
            self.append(segment)

    @property
    def segment_count(self) -> int:
        """How many segments are shown."""
        return len(self._shown)

    def segment_texts(self) -> list[str]:
        """The plain text of each shown segment line, oldest first."""
        return [line.plain for line in self.log_view.entries]
