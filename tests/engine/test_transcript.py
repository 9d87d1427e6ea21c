"""Transcripts in: speakers kept, timings and tags never reach a question."""

from __future__ import annotations

import pytest

from tacit.question_engine.offline import OfflineEngine
from tacit.question_engine.session import EngineSession
from tacit.question_engine.transcript import (
    SPEAKER_LINES,
    SRT,
    WEBVTT,
    TranscriptError,
    detect,
    parse,
    roles,
)

VTT = """WEBVTT

NOTE recorded on the support line

00:00:01.000 --> 00:00:06.000 align:start
<v Operator>Refunds over 200 dollars need sign-off from the finance team.</v>

00:00:06.500 --> 00:00:09.000
<v.loud Engineer>What if <i>finance</i> is away?</v>

00:00:09.500 --> 00:00:15.000
<v Operator>Then Hannah decides, she knows the big accounts.</v>
"""
SRT_TEXT = """1
00:00:01,000 --> 00:00:04,000
Operator: Claims over five thousand go to the senior adjuster.

2
00:00:04,500 --> 00:00:07,000
<i>Engineer: Who is that today?</i>

3
00:00:07,500 --> 00:00:12,000
Operator: Usually Ingrid, unless it's a flood claim.
"""
TIMED = """[00:00:05] Operator: Every morning I reconcile the bank feed in Xero.
[00:00:20] Engineer: What do you do when it doesn't match?
[00:00:31] Operator: If it's under ten pounds I write it off.
"""
NAMED = """Maria: We book the crews on Monday.
Tom: And when a crew is short?
Maria: Then I call the agency, and they send someone by noon.
"""


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (VTT, "", WEBVTT),
        (VTT, "call.vtt", WEBVTT),
        (SRT_TEXT, "", SRT),
        (SRT_TEXT, "call.srt", SRT),
        (TIMED, "", SPEAKER_LINES),
        (NAMED, "notes.txt", SPEAKER_LINES),
    ],
)
def test_each_format_is_found_without_a_flag_and_keeps_speakers(
    text: str, name: str, kind: str
) -> None:
    assert detect(text, name) == kind
    turns = parse(text, name)
    assert len(turns) == 3
    assert [role for role, _ in roles(turns)] == ["operator", "engineer", "operator"]
    for turn in turns:
        assert "-->" not in turn.text and "<" not in turn.text and "00:" not in turn.text
        assert not turn.text.startswith(("Operator:", "Engineer:", "Maria:", "["))


def test_plain_narrative_is_not_a_transcript() -> None:
    text = "We route jobs by zip code.\n\nJanet handles the Hadley accounts herself."
    assert parse(text) == []


def test_operator_can_be_named_and_an_unknown_name_is_one_line() -> None:
    turns = parse(NAMED)
    assert [r for r, _ in roles(turns, "tom")] == ["engineer", "operator", "engineer"]
    with pytest.raises(TranscriptError, match="no speaker called 'Bob'"):
        roles(turns, "Bob")


@pytest.mark.parametrize(
    ("text", "name"),
    [("hello", "call.vtt"), ("1", "call.srt"), ("WEBVTT\n\njust words, no cue\n", "")],
)
def test_a_file_that_is_not_its_format_is_one_clear_error(text: str, name: str) -> None:
    with pytest.raises(TranscriptError) as caught:
        parse(text, name)
    assert "\n" not in str(caught.value)


def test_engineer_lines_are_context_and_no_question_carries_markup() -> None:
    session = EngineSession(OfflineEngine())
    for role, said in roles(parse(VTT)):
        session.add_segment(said, role)
    questions = [s.text for s in session.ranked()]
    assert questions
    assert session.engineer_lines == ["What if finance is away?"]
    for question in questions:
        assert "-->" not in question and "<v" not in question and "00:0" not in question
        assert "Operator" not in question and "Engineer" not in question
        assert "What if finance" not in question
