"""Start the Textual app (imported only here, so headless commands stay light)."""

from __future__ import annotations

import argparse

from tui.commands.common import config_from, open_store


def run_app(args: argparse.Namespace) -> int:
    """Open the store, then run the capture app until the user quits."""
    config = config_from(args)
    store = open_store(args)
    try:
        from tui.app import TacitApp

        app = TacitApp(store=store, config=config, args=args)
        app.run()
        return app.return_code or 0
    finally:
        store.close()
