"""A call transcript pasted into the narrative input: one segment per speaker turn.

A paste of WebVTT, SRT or "Name: text" / "[hh:mm:ss] Name: text" lines is a conversation,
not one person's narrative: each turn becomes its own segment with its speaker's role (the
operator's turns are narrative, everyone else's are engineer lines, context the engine never
takes topics from), with cue numbers, timings and tags dropped. Anything else pasted (plain
prose over several lines, a numbered procedure "Step 1: …") keeps the input's usual paste:
one segment per line, the text after the last line break left to finish.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.message import Message

from tacit.tui.widgets.ordered_input import OrderedInput

if TYPE_CHECKING:  # the transcript reader loads on the first multi-line paste
    from tacit.question_engine.transcript_speakers import SpeakerRoles

MAX_SPEAKERS = 6  # more distinct "Name:" labels than this reads as a list, not a call


def pasted_turns(text: str, operator: str = "") -> SpeakerRoles | None:
    """The turns of a pasted transcript with their roles, or None when it is not one.

    `operator` is the configured operator's name (a guess when nobody in the paste has it).
    "Name: text" lines count as a call only when at least two people speak and someone
    speaks twice (or exactly two lines, one each): "Step 1: … Step 2: …" is a list.
    """
    if len(text.strip().splitlines()) < 2:  # terminals and tmux may break lines with CR
        return None
    from tacit.question_engine import transcript
    from tacit.question_engine.transcript_speakers import assign_roles

    kind = transcript.detect(text)
    if kind == transcript.PLAIN:
        return None
    try:
        turns = transcript.parse(text)
    except transcript.TranscriptError:
        return None
    if kind == transcript.SPEAKER_LINES:
        speakers = {t.speaker for t in turns}
        talks = len(turns) > len(speakers) or len(turns) == 2
        if not 2 <= len(speakers) <= MAX_SPEAKERS or not talks:
            return None
    return assign_roles(turns, "", operator)


class NarrativeInput(OrderedInput):
    """The narrative entry line: a pasted transcript becomes its turns (see the module)."""

    class TranscriptPasted(Message):
        """A transcript was pasted: its turns, in order, as (role, text)."""

        def __init__(self, speakers: SpeakerRoles) -> None:
            super().__init__()
            self.speakers = speakers

    transcript_operator = ""  # the configured operator's name (config transcript.operator)

    def _on_paste(self, event: events.Paste) -> None:
        speakers = pasted_turns(event.text, self.transcript_operator)
        if speakers is None:
            super()._on_paste(event)
            return
        event.stop()
        event.prevent_default()
        if self.value.strip():  # typed before the paste: its own segment, first
            self.submit_now()
        self.value = ""
        self.post_message(self.TranscriptPasted(speakers))
