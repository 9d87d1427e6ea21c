"""A call transcript pasted into the narrative input becomes one segment per turn with its
speaker's role; plain prose pasted over several lines keeps one segment per line."""

from __future__ import annotations

from pathlib import Path

from support.capture import capture_ready, make_app, writes_done
from support.waiting import wait_for
from textual import events

from tacit.models.config import Config
from tacit.models.domain import Session
from tacit.tui.app import TacitApp

SPEAKER_LINES = (
    "[00:00:03] Maria: Refunds over 500 euros wait for Tom to sign off.\n"
    "[00:00:09] Dev: And when Tom is away?\n"
    "[00:00:12] Maria: Then it waits, unless the customer is a key account.\n"
    "It happens maybe twice a month.\n"
    "[00:00:20] Dev: Who decides what a key account is?\n"
)
VTT = (
    "WEBVTT\n\n1\n00:00:01.000 --> 00:00:05.000\n<v Operator>We ship same day if the order"
    " is in by two.</v>\n\n2\n00:00:05.500 --> 00:00:07.000\n<v Engineer>Always?</v>\n\n"
    "3\n00:00:07.500 --> 00:00:12.000\n<v Operator>Anything over 40 kilos goes by freight,"
    " <i>unless</i> Janet says otherwise.</v>\n"
)


async def _paste(app: TacitApp, text: str, count: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        app.post_message(events.Paste(text))
        await wait_for(pilot, lambda: screen.narrative.segment_count == count, f"{count} turns")
        await wait_for(pilot, lambda: not screen.status.busy, "the engine to finish")
        await writes_done(pilot)
        assert screen.narrative.input.value == ""


async def test_pasted_speaker_lines_become_one_segment_per_turn(db_path: Path) -> None:
    session = Session(title="Refunds")
    app, store = make_app(db_path, session)
    await _paste(app, SPEAKER_LINES.replace("\n", "\r"), 4)  # as tmux pastes it
    segments = store.segments(session.id)
    assert [(s.speaker, s.text) for s in segments] == [
        ("operator", "Refunds over 500 euros wait for Tom to sign off."),
        ("engineer", "And when Tom is away?"),
        (
            "operator",
            "Then it waits, unless the customer is a key account. It happens maybe twice a month.",
        ),
        ("engineer", "Who decides what a key account is?"),
    ]
    questions = store.questions(session.id)
    assert questions, "the operator's turns raise questions"
    operator_said = " ".join(s.text for s in segments if s.speaker == "operator")
    for question in questions:
        assert "[00:" not in question.text + question.quote
        assert "Maria" not in question.text + question.quote
        assert question.quote in operator_said  # never a quote from the engineer's lines


async def test_a_pasted_webvtt_call_drops_cue_numbers_timings_and_tags(db_path: Path) -> None:
    session = Session(title="Shipping")
    app, store = make_app(db_path, session)
    await _paste(app, VTT, 3)
    segments = store.segments(session.id)
    assert [s.speaker for s in segments] == ["operator", "engineer", "operator"]
    shown = " ".join(s.text for s in segments) + " ".join(
        q.text + q.quote for q in store.questions(session.id)
    )
    for markup in ("-->", "<v", "<i>", "00:00", "Operator", "WEBVTT"):
        assert markup not in shown


async def test_the_configured_operator_speaks_the_narrative(db_path: Path) -> None:
    session = Session(title="Refunds")
    config = Config()
    config.transcript.operator = "dev"  # whoever the pair says is the operator
    app, store = make_app(db_path, session, config=config)
    await _paste(app, SPEAKER_LINES, 4)
    roles = [s.speaker for s in store.segments(session.id)]
    assert roles == ["engineer", "operator", "engineer", "operator"]


async def test_plain_prose_and_numbered_steps_keep_one_segment_per_line(db_path: Path) -> None:
    session = Session(title="Steps")
    app, store = make_app(db_path, session)
    steps = "Step 1: log the call.\nStep 2: check the zip code.\nStep 3: assign the team.\n"
    prose = "We route by zip code.\nJanet takes the big ones.\n"
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        app.post_message(events.Paste(steps))
        app.post_message(events.Paste(prose))
        await wait_for(pilot, lambda: screen.narrative.segment_count == 5, "five lines")
        await writes_done(pilot)
    assert [(s.speaker, s.text) for s in store.segments(session.id)] == [
        ("operator", line) for line in (steps + prose).splitlines()
    ]


async def test_text_typed_before_a_pasted_call_stays_its_own_segment(db_path: Path) -> None:
    session = Session(title="Refunds")
    app, store = make_app(db_path, session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        screen.narrative.input.focus()
        await pilot.press(*"Before the call")
        app.post_message(events.Paste(SPEAKER_LINES))
        await pilot.press(*"after")
        await wait_for(pilot, lambda: screen.narrative.segment_count == 5, "five segments")
        await wait_for(pilot, lambda: screen.narrative.input.value == "after", "typing on")
        await writes_done(pilot)
    texts = [s.text for s in store.segments(session.id)]
    assert texts[0] == "Before the call" and texts[1].startswith("Refunds over 500")
