"""Start the Textual app (imported only here, so headless commands stay light).

The composition root of the app: the store, the config and the session to open
are built here and handed to `TacitApp` as explicit parameters.
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

from tacit.cli.commands.common import (
    CommandError,
    config_from,
    open_store,
    resolve_session,
)
from tacit.models.config import Config
from tacit.models.domain import Session
from tacit.models.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from tacit.models.repository import Store

if TYPE_CHECKING:
    from argparse import Namespace
    from types import SimpleNamespace

    from tacit.question_engine.session import EngineSession
    from tacit.tui.context import EngineFactory
    from tacit.tui.store_writer import StoreWriter


def engine_factory(config: Config) -> EngineFactory:
    """Each capture session's engine: the offline question bank, plus the LLM when one is
    configured. The engine is imported when the first segment needs it, never before the
    first frame."""

    def open_engine() -> EngineSession:
        from tacit.question_engine.service import open_session

        return open_session(config)

    return open_engine


def initial_session(store: Store, args: Namespace | SimpleNamespace) -> Session | None:
    """The session to open at once (--session or --demo), or None to offer the picker."""
    if getattr(args, "session", None):
        return resolve_session(store, args.session)
    if getattr(args, "demo", False):
        from tacit.cli.demo import DEMO_TITLE, create_demo

        # reopen the demo made earlier rather than piling up copies in the database
        earlier = next((s for s in store.sessions() if s.title == DEMO_TITLE), None)
        return earlier or create_demo(store)
    return None


def _finish_writes(writer: StoreWriter, timeout: float) -> bool:
    """Flush queued writes (bounded); what cannot be written goes to a file, and we say where."""
    if writer.close(timeout=timeout):
        return True
    saved_to = writer.save_pending_elsewhere()
    if saved_to is not None:
        print(
            f"tacit: the database was locked, so {len(writer.pending())} change(s) were saved to"
            f" {saved_to}; merge them with: tacit import {saved_to}",
            file=sys.stderr,
        )
    else:
        print("tacit: some changes could not be written in time", file=sys.stderr)
    return False


def _on_a_terminal() -> bool:
    """Whether stdin and stdout are both a terminal (the app reads keys and draws there)."""
    return all(getattr(stream, "isatty", lambda: False)() for stream in (sys.stdin, sys.stdout))


def run_app(args: Namespace | SimpleNamespace) -> int:
    """Open the store, then run the capture app until the user quits."""
    config = config_from(args)
    store = open_store(args)
    try:
        session = initial_session(store, args)
        if not _on_a_terminal():  # it drew escape codes into a file or pipe, waiting for ever
            raise CommandError(
                "the capture app needs a terminal (stdin and stdout); "
                "the headless commands are listed by tacit --help",
                EXIT_USAGE,
            )
        from tacit.tui.app import TacitApp
        from tacit.tui.lifeline import start_lifeline

        app = TacitApp(
            store,
            config,
            open_engine=engine_factory(config),
            role=args.role or "engineer",
            session=session,
            after_first_frame=gc.enable,  # main() turned collection off for start-up
        )
        start_lifeline(  # never outlive the terminal
            lambda: _finish_writes(app.state.writer, 5.0), on_gone=app.terminal_gone
        )
        gc.freeze()  # what start-up imported lives for good: collections stop re-scanning it
        app.run()
        if not _finish_writes(app.state.writer, 1.0):
            return EXIT_FAILURE
        return app.return_code or EXIT_OK
    finally:
        store.close()
