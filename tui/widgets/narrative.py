"""The narrative pane: the conversation so far, an input and who is speaking."""

from __future__ import annotations

from datetime import tzinfo

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from models.domain import SPEAKERS, Segment
from tui.widgets.formatting import segment_line


class SegmentLine(Static):
    """One segment of narrative, rendered literally."""


class SpeakerTag(Static):
    """Shows who the next segment is attributed to."""


class NarrativePane(Vertical):
    """Segments are appended, never re-rendered all at once, so long calls stay smooth."""

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
        yield VerticalScroll(id="segments")
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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        self.input.value = ""
        self.post_message(self.Submitted(self.speaker, text))

    def append(self, segment: Segment) -> None:
        """Show one more segment at the end, scrolling only if already at the end."""
        if segment.id in self._shown:
            return
        self._shown[segment.id] = segment
        log = self.query_one("#segments", VerticalScroll)
        follow = log.is_vertical_scroll_end or log.max_scroll_y == 0
        log.mount(SegmentLine(segment_line(segment, self.tz), markup=False))
        if follow:
            log.scroll_end(animate=False, immediate=False)

    def sync(self, segments: list[Segment]) -> None:
        """Match the store: append new segments; rebuild only if history changed."""
        store_ids = [s.id for s in segments]
        shown_ids = list(self._shown)
        texts = {s.id: s.text for s in segments}
        changed = store_ids[: len(shown_ids)] != shown_ids or any(
            texts[i] != self._shown[i].text for i in shown_ids
        )
        if changed:
            self._shown.clear()
            self.query_one("#segments", VerticalScroll).remove_children()
        for segment in segments:
            self.append(segment)

    @property
    def segment_count(self) -> int:
        """How many segments are shown."""
        return len(self._shown)
