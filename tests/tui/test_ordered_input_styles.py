"""An OrderedInput looks as the Input it stands for: compact (one line, no border) when
asked, styled as a plain input otherwise, whatever it skips to stay light at start-up
(it is not restyled before it mounts, nor marked valid when it has nothing to validate)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input

from tacit.tui.widgets.ordered_input import OrderedInput


class _Form(App[None]):
    def compose(self) -> ComposeResult:
        yield OrderedInput(placeholder="title", id="ours-compact", compact=True)
        yield Input(placeholder="title", id="stock-compact", compact=True)
        yield OrderedInput(placeholder="title", id="ours")
        yield Input(placeholder="title", id="stock")


async def test_an_ordered_input_is_styled_as_the_stock_input() -> None:
    app = _Form()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for ours_id, stock_id in (("#ours-compact", "#stock-compact"), ("#ours", "#stock")):
            ours, stock = app.query_one(ours_id, Input), app.query_one(stock_id, Input)
            assert ours.compact == stock.compact
            assert ours.has_class("-textual-compact") == stock.has_class("-textual-compact")
            assert ours.size == stock.size
            assert ours.styles.border == stock.styles.border
            assert ours.styles.padding == stock.styles.padding
        assert app.query_one("#ours-compact", Input).size.height == 1
        assert app.query_one("#ours", Input).size.height == 1  # inside its tall border
        assert app.query_one("#ours", Input).outer_size.height == 3


async def test_an_ordered_input_compacted_later_loses_its_border() -> None:
    app = _Form()
    async with app.run_test(size=(80, 24)) as pilot:
        field = app.query_one("#ours", Input)
        field.compact = True
        await pilot.pause()
        assert field.has_class("-textual-compact")
        assert field.outer_size.height == 1
