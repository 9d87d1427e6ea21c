"""reload_from_store: another instance's writes appear without disturbing the user."""

from __future__ import annotations

from pathlib import Path

from support.capture import capture_ready, make_app, writes_done
from support.waiting import wait_for

from tacit.models.domain import Question, Rule, Segment, Session
from tacit.models.repository import Store


async def test_reload_keeps_typing_focus_and_cursor(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, _store = make_app(db_path, session)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_ready(pilot)
        await pilot.press(*"unless the account has a primary ow")
        await pilot.press("left", "left")
        cursor = screen.narrative.input.cursor_position
        other = Store(db_path)  # the other person's instance, same file
        other.save(
            Segment(session_id=session.id, speaker="operator", text="Janet takes the big ones.")
        )
        other.save(
            Question(session_id=session.id, text="What if Janet is out?", category="adoption")
        )
        other.save(Rule(session_id=session.id, statement="Big accounts go to Janet"))
        other.close()
        screen.reload_from_store()
        await wait_for(pilot, lambda: screen.narrative.segment_count == 1, "the other's segment")
        await wait_for(pilot, lambda: screen.rule_list.option_count == 1, "the other's rule")
        assert screen.question_list.option_count == 1
        assert app.focused is screen.narrative.input
        assert screen.narrative.input.value == "unless the account has a primary ow"
        assert screen.narrative.input.cursor_position == cursor


async def test_reload_keeps_the_highlighted_question(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    first = Question(session_id=session.id, text="Who decides exceptions?", category="exception")
    second = Question(session_id=session.id, text="Who reads the report?", category="reporting")
    store.save_many([first, second])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_ready(pilot)
        screen.question_list.focus()
        screen.question_list.highlighted = screen.question_list.get_option_index(first.id)
        newest = Question(
            session_id=session.id, text="How often does it happen?", category="edge_case"
        )
        store.save(newest)  # lands at the top of the list
        store.update(Question, first.id, lambda q: q.set_status("asked"))
        screen.reload_from_store()
        await wait_for(pilot, lambda: screen.question_list.option_count == 3, "the new question")
        await wait_for(pilot, lambda: screen.state.questions[first.id].status == "asked")
        assert screen.question_list.selected_id == first.id
        assert app.focused is screen.question_list


async def test_reload_does_not_drop_a_segment_not_yet_on_disk(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    async with app.run_test() as pilot:
        screen = await capture_ready(pilot)
        await pilot.press(*"first thing said", "enter")
        screen.reload_from_store()  # may read the file before the write lands
        await writes_done(pilot)
        loads = screen.loads
        screen.reload_from_store()
        await wait_for(pilot, lambda: screen.loads > loads, "a reload after the write")
        assert screen.narrative.segment_count == 1
    assert [s.text for s in store.segments(session.id)] == ["first thing said"]
