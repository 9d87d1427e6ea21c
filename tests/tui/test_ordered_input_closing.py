"""Keys held after a submit (for the screen that submit opens) while the app closes: the
hand-on timer can tick once more after the last screen is gone; tacit must not fail then."""

from __future__ import annotations

import pytest
from support.waiting import wait_for
from textual.app import App, ComposeResult, ScreenStackError
from textual.widget import Widget

from tacit.tui.widgets.ordered_input import OrderedInput


class _TitleForm(App[None]):
    def compose(self) -> ComposeResult:
        yield OrderedInput(hand_on_after_submit=True)


async def test_keys_held_while_the_screens_close_fail_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = _TitleForm()
    ticks: list[int] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "enter", "b")  # "b" is held for the next screen
        original = App.focused

        def no_screens_left(self: App[None]) -> Widget | None:
            ticks.append(1)
            raise ScreenStackError("No screens on stack")

        monkeypatch.setattr(App, "focused", property(no_screens_left))
        await wait_for(pilot, lambda: ticks, "the hand-on timer to tick")
        monkeypatch.setattr(App, "focused", original)
    assert app.return_code in (None, 0)
