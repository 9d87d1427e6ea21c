"""The rule editor opens on the start of a long drafted statement, and the first key typed
adds to it: the field was scrolled to its tail with everything selected, so the base rule
looked dropped and one keystroke erased the draft."""

from __future__ import annotations

from support.dialog_host import Host
from support.waiting import wait_for
from textual.widgets import Input

from tacit.models.domain import Rule
from tacit.tui.screens.rule_editor import RuleEditor

SESSION = "ses_01JQ8ZK4M3ABCDEFGHJKMNPQRS"
STATEMENT = (
    "We route jobs by zip code, but key accounts stay with the owner's team, even when she is out."
)


async def test_the_statement_opens_at_its_start_and_typing_keeps_it() -> None:
    rule = Rule(session_id=SESSION, statement=STATEMENT, then="We route jobs by zip code")
    app = Host(lambda: RuleEditor(rule, role="engineer"))
    async with app.run_test(size=(80, 24)) as pilot:
        field = app.screen.query_one("#statement", Input)
        await wait_for(pilot, lambda: app.screen.focused is field, "the statement focused")
        await pilot.pause()
        assert field.scroll_offset.x == 0 and field.cursor_position == 0
        assert field.selection.is_empty
        await pilot.press("end", "!")
        assert field.value == STATEMENT + "!"
