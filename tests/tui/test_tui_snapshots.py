"""Snapshots of the capture screen at 80x24 and 120x40, from fixed data and a fixed clock."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from support.capture import capture_ready
from textual.pilot import Pilot

from tacit.cli.commands.run_app import engine_factory
from tacit.models.config import Config
from tacit.models.domain import Question, Rule, Segment, Session, Unless
from tacit.models.repository import Store
from tacit.tui.app import TacitApp


def _id(prefix: str, n: int) -> str:
    return f"{prefix}_01JD8Z000000000000000{n:05d}"


def _at(minute: int) -> str:
    return f"2026-03-02T09:{minute:02d}:00.000000Z"


def _records() -> list[Any]:
    sid = _id("ses", 1)
    session = Session(
        title="Dispatch with Janet",
        workflow="dispatch",
        id=sid,
        started_at=_at(0),
        updated_at=_at(0),
    )
    said = [
        ("operator", "We route tickets by zip code and try to balance load across the teams."),
        ("engineer", "Is there ever a ticket you do not route by zip code?"),
        ("operator", "Janet keeps the key accounts, unless she is out for more than a week."),
    ]
    segments = [
        Segment(
            session_id=sid,
            speaker=who,
            text=text,
            id=_id("seg", i),
            at=_at(i + 1),
            updated_at=_at(i + 1),
        )
        for i, (who, text) in enumerate(said)
    ]
    asked = [
        (
            "When do you *not* go by zip code, and who makes that call?",
            "exception",
            "answered",
            "Key accounts stay with Janet's team.",
            "",
        ),
        ("Who covers Janet's accounts when she is out?", "adoption", "parked", "", "Maria"),
        (
            "How often is load unbalanced, and what do you do then?",
            "edge_case",
            "suggested",
            "",
            "",
        ),
    ]
    questions = [
        Question(
            session_id=sid,
            text=text,
            category=cat,
            quote=said[i][1][:40],
            segment_id=segments[i].id,
            status=status,
            answer=answer,
            owner=owner,
            id=_id("qst", i),
            created_at=_at(10 + i),
            updated_at=_at(10 + i),
            score=0.5,
        )
        for i, (text, cat, status, answer, owner) in enumerate(asked)
    ]
    accepted = Rule(
        session_id=sid,
        statement="Route each ticket to the team of its zip code",
        when="a ticket arrives",
        then="assign the zip code's team",
        category="implicit_rule",
        id=_id("rul", 1),
        created_at=_at(20),
        updated_at=_at(20),
    )
    accepted.accept("operator")
    accepted.accept("engineer")
    accepted.accepted_by_operator.at = _at(21)  # type: ignore[union-attr]
    accepted.accepted_by_engineer.at = _at(21)  # type: ignore[union-attr]
    accepted.updated_at = _at(21)
    draft = Rule(
        session_id=sid,
        statement="Key accounts stay with Janet's team",
        unless=[Unless("Janet is out for more than a week", "the backup team takes them")],
        category="exception",
        id=_id("rul", 2),
        created_at=_at(22),
        updated_at=_at(22),
    )
    return [session, *segments, *questions, accepted, draft]


@pytest.fixture
def snapshot_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TacitApp:
    monkeypatch.chdir(tmp_path)
    store = Store(Path("tacit.json"))  # relative, so the status line is the same every run
    records = _records()
    store.save_many(records)
    config = Config()
    engine = engine_factory(config)
    return TacitApp(store, config, open_engine=engine, session=records[0], tz=UTC)


async def _loaded(pilot: Pilot[Any]) -> None:
    screen = await capture_ready(pilot)
    screen.narrative.input.cursor_blink = False
    await pilot.pause()  # one more frame with the cursor steady, then the snapshot


def test_capture_screen_80x24(snap_compare: Any, snapshot_app: TacitApp) -> None:
    assert snap_compare(snapshot_app, terminal_size=(80, 24), run_before=_loaded)


def test_capture_screen_120x40(snap_compare: Any, snapshot_app: TacitApp) -> None:
    assert snap_compare(snapshot_app, terminal_size=(120, 40), run_before=_loaded)
