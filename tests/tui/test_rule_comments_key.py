"""A sent-back rule's comment is one key away in the engineer's rules list: `c`, in the footer."""

from __future__ import annotations

from pathlib import Path

from support.capture import capture_ready, make_app, screen_lines
from support.waiting import wait_for

from tacit.models.domain import Rule, Session
from tacit.tui.screens.capture import CaptureScreen


async def test_c_shows_the_comments_of_the_highlighted_rule_at_80x24(db_path: Path) -> None:
    session = Session(title="Dispatch")
    app, store = make_app(db_path, session)
    plain = Rule(session_id=session.id, statement="Urgent jobs go on Slack")
    sent = Rule(session_id=session.id, statement="Route by zip code")
    sent.accept("engineer")
    sent.send_back("operator", "[b]Janet's[/b] accounts stay with her team")
    store.save_many([plain, sent])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_ready(pilot)
        rules = screen.rule_list
        await wait_for(pilot, lambda: rules.option_count == 2, "both rules")
        rules.focus()
        rules.highlighted = list(rules.records).index(plain.id)
        await wait_for(
            pilot, lambda: "c Comments" in screen_lines(app)[-1], "the key in the footer"
        )
        await pilot.press("c")
        await wait_for(
            pilot,
            lambda: any("No comments" in str(n.message) for n in app._notifications),
            "a notice",
        )
        assert isinstance(app.screen, CaptureScreen)
        rules.highlighted = list(rules.records).index(sent.id)
        await pilot.press("c")
        await wait_for(pilot, lambda: not isinstance(app.screen, CaptureScreen), "the comments")
        shown = "\n".join(screen_lines(app))
        assert "operator" in shown and "[b]Janet's[/b] accounts stay with her team" in shown
        assert "Route by zip code" in shown
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "back to the capture screen")
        assert app.focused is rules
