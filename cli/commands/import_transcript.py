"""`tacit import-transcript FILE [--session ID] [--operator NAME]`: a recorded call in.

The transcript (WebVTT, SRT, "Name: text" or "[hh:mm:ss] Name: text"; found by extension
or content) becomes the session's segments, one per speaker turn, with timings and tags
dropped: the operator's turns as operator segments, everyone else's as engineer segments,
so the pair can work through the call in the app. Without --session a new session is made,
titled after the file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tacit.cli.commands.common import CommandError, config_from, open_store, resolve_session
from tacit.cli.commands.suggest import read_narrative
from tacit.cli.progress import Progress
from tacit.models.domain import Segment, Session
from tacit.models.exit_codes import EXIT_USAGE
from tacit.models.safe_text import clean
from tacit.question_engine import transcript
from tacit.question_engine.transcript_speakers import assign_roles


def register(subparsers: Any, name: str, parents: list[argparse.ArgumentParser]) -> None:
    """Add the import-transcript subcommand."""
    parser = subparsers.add_parser(
        name,
        parents=parents,
        help="bring a recorded call (WebVTT, SRT, 'Name: text') into a session as segments",
        description="Read a call transcript and add its turns to a session as segments.",
    )
    parser.add_argument("file", metavar="FILE", help="the transcript file")
    parser.add_argument("--session", metavar="ID", help="add to this session (default: a new one)")
    parser.add_argument(
        "--operator",
        default="",
        metavar="NAME",
        help="the speaker who is the operator (default: transcript.operator in the config, "
        "else one labelled Operator, else the one who asks fewest questions)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Add the transcript's turns to the session; exit 2 on a file that is not one."""
    configured = config_from(args).transcript.operator
    text = read_narrative(args.file)
    if not text.strip():
        raise CommandError(f"{args.file}: empty file, not a transcript", EXIT_USAGE)
    try:
        turns = transcript.parse(text, args.file)
        if not turns:
            raise CommandError(
                f"{args.file}: not a transcript (expected WebVTT, SRT or 'Name: text' lines)",
                EXIT_USAGE,
            )
        speakers = assign_roles(turns, args.operator, configured)
    except transcript.TranscriptError as error:
        raise CommandError(clean(str(error)), EXIT_USAGE) from None
    if speakers.note:
        print(f"tacit: {clean(speakers.note)}", file=sys.stderr)
    said = speakers.said
    progress = Progress()
    progress.phase(f"saving {len(said)} turns")
    store = open_store(args)
    try:
        if args.session:
            session = resolve_session(store, args.session)
        else:
            session = Session(title=f"Call: {Path(args.file).name}")
            store.save(session)
        store.save_many(Segment(session_id=session.id, speaker=r, text=t) for r, t in said)
    finally:
        store.close()
        progress.close()
    operator = sum(role == "operator" for role, _ in said)
    print(
        f"imported {len(said)} turns ({operator} operator, {len(said) - operator} engineer; "
        f"operator: {clean(speakers.operator) or '(unnamed)'}) into session {session.id}"
    )
    return 0
