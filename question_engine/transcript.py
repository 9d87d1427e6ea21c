"""Recorded calls in: WebVTT, SRT, "Name: text" and "[hh:mm:ss] Name: text" transcripts.

The format is found from the file name's extension or, failing that, from the content, so
no flag is needed; plain narrative (no speakers) is not a transcript. Cue numbers, timings,
voice and style tags are dropped: they never reach a question. Speakers are kept, and each
is mapped to a role: the operator's turns are narrative, everyone else's are context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tacit.question_engine.text import clean

WEBVTT, SRT, SPEAKER_LINES, PLAIN = "webvtt", "srt", "speaker lines", "plain"
_TIMING = re.compile(
    r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
)
_SRT_TIMING = re.compile(r"^\s*\d{1,2}:\d{2}:\d{2},\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2},\d{1,3}")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|\{\\[^}]*\}")
_STAMP = r"(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?\s*[-–]?\s*)"
_SPEAKER_LINE = re.compile(
    r"^\s*" + _STAMP + r"?(?P<name>[A-Z][\w.'-]*(?: [A-Z0-9][\w.'-]*){0,3})\s*:\s+(?P<text>\S.*)$"
)
_STAMP_ONLY = re.compile(r"^\s*" + _STAMP + r"(?P<text>.*)$")
_ENGINEER_NAMES = re.compile(r"\b(?:engineer|interviewer|host|moderator|analyst|ba)\b", re.I)
_OPERATOR_NAMES = re.compile(r"\b(?:operator|interviewee|guest|expert|customer|user)\b", re.I)


class TranscriptError(ValueError):
    """A transcript file that cannot be read as the format it claims; one-line message."""


@dataclass(frozen=True, slots=True)
class Turn:
    """What one speaker said, without timings or tags."""

    speaker: str
    text: str


def detect(text: str, name: str = "") -> str:
    """The transcript format of text (by the file name's extension first), or PLAIN."""
    lowered = name.lower()
    if lowered.endswith(".vtt"):
        return WEBVTT
    if lowered.endswith(".srt"):
        return SRT
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return PLAIN
    if lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        return WEBVTT
    if any(_SRT_TIMING.match(line) for line in lines[:6]):
        return SRT
    speaking = sum(bool(_SPEAKER_LINE.match(line)) for line in lines)
    if speaking >= 2 and speaking >= 0.5 * len(lines):
        return SPEAKER_LINES
    return PLAIN


def parse(text: str, name: str = "") -> list[Turn]:
    """The turns of a transcript (consecutive lines of one speaker joined); [] for PLAIN.

    Raises TranscriptError when the file claims a format it does not follow or holds no
    speech at all.
    """
    kind = detect(text, name)
    if kind == PLAIN:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    label = name or "transcript"
    if kind == WEBVTT:
        if not text.lstrip().startswith("WEBVTT"):
            raise TranscriptError(f"{label}: not WebVTT (the first line must be WEBVTT)")
        raw = _cues(text, WEBVTT, label)
    elif kind == SRT:
        raw = _cues(text, SRT, label)
    else:
        raw = _speaker_lines(text)
    turns = _join(raw)
    if not turns:
        raise TranscriptError(f"{label}: no speech found in this {kind} transcript")
    return turns


def _cues(text: str, kind: str, label: str) -> list[Turn]:
    """The spoken lines of WebVTT or SRT cues; a cue without a timing line is an error."""
    found: list[Turn] = []
    blocks = re.split(r"\n\s*\n", text.strip())
    timed = 0
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines or lines[0].startswith(("WEBVTT", "NOTE", "STYLE", "REGION")):
            continue
        timing = next((i for i, line in enumerate(lines) if _TIMING.match(line)), -1)
        if timing < 0:
            continue
        timed += 1
        for line in lines[timing + 1 :]:
            found.extend(_cue_line(line))
    if not timed:
        name = "WebVTT" if kind == WEBVTT else "SRT"
        raise TranscriptError(
            f"{label}: not {name} (no cue has a timing line like 00:00:01,000 --> …)"
        )
    return found


def _cue_line(line: str) -> list[Turn]:
    voice = _VOICE.search(line)
    speaker = voice.group(1).strip() if voice else ""
    said = clean(_TAG.sub(" ", line))
    if not speaker and (labelled := _SPEAKER_LINE.match(said)):
        speaker, said = labelled.group("name"), labelled.group("text")
    said = clean(said)
    return [Turn(speaker, said)] if said else []


def _speaker_lines(text: str) -> list[Turn]:
    found: list[Turn] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        labelled = _SPEAKER_LINE.match(line)
        if labelled:
            found.append(Turn(labelled.group("name"), clean(labelled.group("text"))))
        elif found:  # a continuation of the last speaker's turn
            rest = _STAMP_ONLY.match(line)
            extra = clean(rest.group("text") if rest else line)
            if extra:
                found.append(Turn(found[-1].speaker, extra))
    return found


def _join(turns: list[Turn]) -> list[Turn]:
    joined: list[Turn] = []
    for turn in turns:
        if joined and joined[-1].speaker == turn.speaker:
            joined[-1] = Turn(turn.speaker, f"{joined[-1].text} {turn.text}")
        else:
            joined.append(turn)
    return joined


def operator_of(turns: list[Turn], operator: str = "") -> str:
    """Which speaker is the operator: the one named, else one labelled like an operator,
    else the speaker who is not labelled like an engineer and asks the fewest questions."""
    speakers = list(dict.fromkeys(t.speaker for t in turns))
    if operator:
        for speaker in speakers:
            if speaker.casefold() == operator.casefold():
                return speaker
        named = ", ".join(s or "(none)" for s in speakers)
        raise TranscriptError(f"no speaker called {operator!r} (speakers: {named})")
    for speaker in speakers:
        if _OPERATOR_NAMES.search(speaker):
            return speaker
    candidates = [s for s in speakers if not _ENGINEER_NAMES.search(s)] or speakers

    def asks(speaker: str) -> tuple[float, int]:
        said = [t.text for t in turns if t.speaker == speaker]
        questions = sum(text.rstrip().endswith("?") for text in said)
        return questions / len(said), -sum(len(text) for text in said)

    return min(candidates, key=asks)


def roles(turns: list[Turn], operator: str = "") -> list[tuple[str, str]]:
    """(role, text) per turn: 'operator' for the operator's turns, 'engineer' for the rest."""
    chosen = operator_of(turns, operator)
    return [("operator" if t.speaker == chosen else "engineer", t.text) for t in turns]
