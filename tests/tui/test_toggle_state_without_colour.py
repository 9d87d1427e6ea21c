"""A box or radio button shows whether it is on by its glyph, not only by colour:
a monochrome terminal, a screen reader or `tmux capture-pane -p` reads the same state."""

from __future__ import annotations

from pathlib import Path

from support.capture import capture_ready, make_app, screen_lines
from support.waiting import wait_for

from tacit.models.domain import Session
from tacit.tui.screens.export import ExportDialog


async def test_export_dialog_shows_the_chosen_format_and_the_unticked_box_in_plain_text(
    db_path: Path,
) -> None:
    app, _store = make_app(db_path, Session(title="Refunds"))
    async with app.run_test(size=(80, 24)) as pilot:
        await capture_ready(pilot)
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "▐●▌ JSON" in text  # the default format
        assert "▐ ▌ Policy" in text and "▐ ▌ Markdown report" in text
        assert "▐ ▌ Include draft rules" in text
        await pilot.press("down")  # the next format
        await wait_for(pilot, lambda: "▐●▌ Policy" in "\n".join(screen_lines(app)))
        assert "▐ ▌ JSON" in "\n".join(screen_lines(app))
        app.screen.query_one("#export-drafts").value = True
        await wait_for(pilot, lambda: "▐X▌ Include draft rules" in "\n".join(screen_lines(app)))
