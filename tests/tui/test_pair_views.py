"""Two app instances on one database: the operator's view and the engineer's, live."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from support.waiting import wait_for
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input

from tacit.cli.commands.run_app import engine_factory
from tacit.models.config import Config
from tacit.models.domain import Question, Rule, Session, Unless
from tacit.models.repository import Store
from tacit.tui.app import TacitApp
from tacit.tui.screens.capture import CaptureScreen
from tacit.tui.screens.operator import AskedNow, OperatorScreen, WaitingRules

SIZE = (100, 30)


def _app(db: Path, role: str, session: Session) -> TacitApp:
    engine = engine_factory(Config())
    return TacitApp(Store(db), Config(), open_engine=engine, role=role, session=session)


def _seed(db: Path) -> tuple[Session, Rule, Question]:
    store = Store(db)
    session = Session(title="Lead routing")
    rule = Rule(
        session_id=session.id,
        statement="Route by zip code",
        when="a lead arrives",
        then="assign the zip's team",
    )
    rule.accept("engineer")
    question = Question(
        session_id=session.id,
        text="When do you not route by zip?",
        category="exception",
        quote="we route by zip",
    )
    store.save_many([session, rule, question])
    store.close()
    return session, rule, question


@asynccontextmanager
async def _paired(
    db: Path, session: Session
) -> AsyncIterator[tuple[Pilot[None], Pilot[None], CaptureScreen, OperatorScreen]]:
    """An engineer app and an operator app on one database, both loaded."""
    engineer_app, operator_app = _app(db, "engineer", session), _app(db, "operator", session)
    async with (
        engineer_app.run_test(size=SIZE) as engineer,
        operator_app.run_test(size=SIZE) as operator,
    ):
        capture, view = engineer_app.screen, operator_app.screen
        assert isinstance(capture, CaptureScreen) and isinstance(view, OperatorScreen)
        await wait_for([engineer, operator], lambda: view.loaded and capture.loaded)
        yield engineer, operator, capture, view


async def test_operator_acceptance_shows_accepted_in_the_engineer_view(tmp_path: Path) -> None:
    db = tmp_path / "tacit.json"
    session, rule, _ = _seed(db)
    async with _paired(db, session) as (engineer, operator, capture, view):
        assert rule.id in view.query_one(WaitingRules).records
        assert capture.rule_list.records[rule.id].status == "draft"

        await operator.press("f3", "a")
        took = await wait_for(
            [engineer, operator],
            lambda: capture.rule_list.records[rule.id].status == "accepted",
        )

        assert took < 1.0, f"the engineer saw the acceptance after {took:.2f}s"
        shown = capture.rule_list.records[rule.id]
        assert shown.accepted_by_operator is not None
        assert shown.accepted_by_engineer is not None
        assert rule.id not in view.query_one(WaitingRules).records


async def test_both_people_typing_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "tacit.json"
    session, _, question = _seed(db)
    async with _paired(db, session) as (engineer, operator, capture, view):
        capture.narrative.speaker = "engineer"
        for n in range(4):
            capture.narrative.input.value = f"engineer point {n}"
            view.narrative.input.value = f"operator point {n}"
            await engineer.press("enter")
            await operator.press("enter")
        view.narrative.input.value = "half-typed by the operator"

        expected = {f"{who} point {n}" for who in ("engineer", "operator") for n in range(4)}

        def everyone_sees_everything() -> bool:
            shown_capture = {s.text for s in capture.state.segments}
            shown_operator = {s.text for s in view.narrative._shown.values()}
            return expected <= shown_capture and expected <= shown_operator

        await wait_for([engineer, operator], everyone_sees_everything)
        assert view.narrative.input.value == "half-typed by the operator"
        assert view.focused is view.narrative.input

    stored = Store(db).segments(session.id)
    said = {(s.speaker, s.text) for s in stored}
    assert {(t.split()[0], t) for t in expected} <= said
    assert question.id  # the seeded question is untouched by narrative writes


async def test_question_marked_asked_by_the_engineer_is_highlighted_for_the_operator(
    tmp_path: Path,
) -> None:
    db = tmp_path / "tacit.json"
    session, _, question = _seed(db)
    async with _paired(db, session) as (engineer, operator, capture, view):
        asked = view.query_one(AskedNow)
        assert asked.question is None and not asked.has_class("-asking")

        capture.question_list.focus()
        await engineer.press("a")
        took = await wait_for([engineer, operator], lambda: asked.question is not None)

        assert took < 1.0
        assert asked.question is not None and asked.question.id == question.id
        assert asked.has_class("-asking")


async def test_send_back_keeps_the_comment_and_withdraws_the_acceptance(tmp_path: Path) -> None:
    db = tmp_path / "tacit.json"
    session, rule, _ = _seed(db)
    operator_app = _app(db, "operator", session)
    other = Store(db)
    async with operator_app.run_test(size=SIZE) as operator:
        view = operator_app.screen
        assert isinstance(view, OperatorScreen)
        await wait_for([operator], lambda: view.loaded)
        await operator.press("f3", "a")
        await wait_for([operator], lambda: (other.get(Rule, rule.id) or rule).status == "accepted")

        view.rules[rule.id] = other.get(Rule, rule.id) or rule
        view.send_back_rule(view.rules[rule.id])
        await operator.pause()
        for key in "[b]not for VIPs[/b]":
            await operator.press(key if key != " " else "space")
        await operator.press("enter")

        def sent_back() -> bool:
            stored = other.get(Rule, rule.id)
            return stored is not None and bool(stored.comments)

        await wait_for([operator], sent_back)
    stored = other.get(Rule, rule.id)
    assert stored is not None
    assert stored.status == "draft"
    assert stored.accepted_by_operator is None
    assert stored.accepted_by_engineer is not None
    assert [(c.role, c.text) for c in stored.comments] == [("operator", "[b]not for VIPs[/b]")]


async def test_presence_shows_the_other_role(tmp_path: Path) -> None:
    db = tmp_path / "tacit.json"
    session, _, _ = _seed(db)
    operator_app = _app(db, "operator", session)
    async with operator_app.run_test(size=SIZE) as operator:
        sync = operator_app.pair_sync
        assert not sync.other_connected
        engineer_app = _app(db, "engineer", session)
        async with engineer_app.run_test(size=SIZE) as engineer:
            sync.heartbeat()
            assert sync.other_connected
            await wait_for(
                [operator, engineer],
                lambda: (
                    "engineer ● connected"
                    in str(operator_app.screen.query_one("PresenceBadge").render())
                ),
            )
        sync.heartbeat()
        assert not sync.other_connected
    assert not (tmp_path / "tacit.json.presence").exists()


async def test_engineer_saving_the_editor_keeps_the_operators_acceptance(tmp_path: Path) -> None:
    db = tmp_path / "tacit.json"
    store = Store(db)
    session = Session(title="Lead routing")
    rule = Rule(session_id=session.id, statement="Route by zip code")
    store.save_many([session, rule])
    async with _paired(db, session) as (engineer, operator, capture, _view):
        capture.rule_list.focus()
        await engineer.press("e")  # the engineer opens the rule in the editor...
        await wait_for([engineer], lambda: engineer.app.screen is not capture)
        editor = engineer.app.screen

        await operator.press("f3", "a")  # ...while the operator accepts it
        await wait_for(
            [operator], lambda: (store.get(Rule, rule.id) or rule).accepted_by_operator is not None
        )
        editor.query_one("#accept-engineer", Checkbox).value = True
        editor.query_one("#owner", Input).value = "Janet"  # not the words: acceptance stands
        await engineer.press("ctrl+s")

        def both_accepted() -> bool:
            stored = store.get(Rule, rule.id)
            return stored is not None and stored.accepted_by_engineer is not None

        await wait_for([engineer, operator], both_accepted)
        await wait_for(
            [engineer, operator], lambda: capture.rule_list.records[rule.id].status == "accepted"
        )
    stored = store.get(Rule, rule.id)
    assert stored is not None
    assert stored.accepted_by_operator is not None, "the operator's acceptance was lost"
    assert stored.status == "accepted"
    assert stored.owner == "Janet"


async def test_operator_view_shows_untrusted_text_literally(tmp_path: Path) -> None:
    db = tmp_path / "tacit.json"
    payload = "[@click=app.quit]x[/] \x1b]52;c;ZXZpbA==\x07[b]bold?"
    store = Store(db)
    session = Session(title=f"Title {payload}")
    rule = Rule(
        session_id=session.id,
        statement=f"Rule {payload}",
        when=payload,
        then=payload,
        unless=[Unless(condition=f"Unless {payload}", then=payload)],
    )
    rule.send_back("operator", f"Comment {payload}")
    asked = Question(
        session_id=session.id,
        text=f"Question {payload}",
        category="exception",
        quote=payload,
        status="asked",
    )
    store.save_many([session, rule, asked])
    operator_app = _app(db, "operator", session)
    async with operator_app.run_test(size=SIZE) as operator:
        view = operator_app.screen
        assert isinstance(view, OperatorScreen)
        await wait_for([operator], lambda: view.loaded)
        await operator.press("f3")
        await operator.pause()
        shown = _visible(operator_app.export_screenshot())
        assert operator_app.is_running
        assert "[@click=app.quit]x[/]" in shown
        assert "Question [@click" in shown and "Comment [@click" in shown
        assert "\x1b]52" not in operator_app.export_screenshot()


def _visible(svg: str) -> str:
    """The text of a screenshot, with the SVG's non-breaking spaces made plain."""
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def test_a_segment_the_operator_types_gets_questions_once_in_the_engineer_view(
    tmp_path: Path,
) -> None:
    db = tmp_path / "tacit.json"
    session, _, seeded = _seed(db)
    store = Store(db)
    said = "We route tickets by zip code; Janet takes the big ones and decides the exceptions."
    async with _paired(db, session) as (engineer, operator, capture, view):
        view.narrative.input.focus()
        await operator.pause()
        await operator.press(*said, "enter")

        def asked_about() -> list[Question]:
            [segment] = [s for s in store.segments(session.id) if s.text == said]
            return [q for q in store.questions(session.id) if q.segment_id == segment.id]

        await wait_for(
            [engineer, operator], lambda: bool(asked_about()), "questions for the segment"
        )
        await wait_for([engineer, operator], lambda: not capture.status.busy, "the engine idle")

        def all_shown() -> bool:  # written first; the write's callback then shows them
            shown = {q.id for q in capture.question_list.records.values()}
            return {q.id for q in asked_about()} <= shown

        await wait_for([engineer, operator], all_shown, "the engineer's list to show them")
        assert any(line.endswith(said) for line in capture.narrative.segment_texts())
        log = capture.narrative.log_view
        assert log.is_vertical_scroll_end or log.max_scroll_y == 0  # follows the new line
        for _ in range(10):  # more reloads (the operator's heartbeat, sync) ask nothing again
            await engineer.pause(0.05)
            await operator.pause(0.05)
    questions = asked_about()
    assert len({q.text.casefold() for q in questions}) == len(questions)
    assert len(questions) == len(Store(db).questions(session.id)) - 1  # plus the seeded one
    assert all(q.source == "offline" for q in questions if q.id != seeded.id)
