"""`tacit suggest [FILE|-] [--json]`: clarification questions for a narrative, headless.

The narrative is plain text, one segment per paragraph (blank-line separated). The
output is the ranked questions, as a JSON array of {text, category, quote, source,
score} with --json, or a readable numbered list.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from tacit.cli.commands.common import CommandError, config_from
from tacit.cli.progress import Progress
from tacit.models.config import Config
from tacit.models.exit_codes import EXIT_USAGE
from tacit.models.safe_text import escape_json_controls, plain_words
from tacit.question_engine import transcript
from tacit.question_engine.bank import BankError
from tacit.question_engine.text import clean
from tacit.question_engine.transcript_speakers import assign_roles
from tacit.question_engine.types import Suggestion

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def register(subparsers: Any, name: str, parents: list[argparse.ArgumentParser]) -> None:
    """Add the suggest subcommand."""
    parser = subparsers.add_parser(
        name,
        parents=parents,
        help="suggest clarification questions for a narrative",
        description="Read narrative text (one segment per paragraph) and print the ranked "
        "clarification questions a good engineer would ask.",
    )
    parser.add_argument(
        "file",
        nargs="?",
        default="-",
        metavar="FILE",
        help="narrative text file, or - for stdin (default: stdin)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    parser.add_argument(
        "--workflow",
        default="",
        metavar="NAME",
        help="the workflow's name, used in coverage questions",
    )
    parser.add_argument(
        "--limit", type=int, default=0, metavar="N", help="print at most N questions (default: all)"
    )
    parser.add_argument(
        "--lines", action="store_true", help="one segment per line (transcripts), not per paragraph"
    )
    parser.add_argument(
        "--operator",
        default="",
        metavar="NAME",
        help="in a transcript (WebVTT, SRT, 'Name: text'), the speaker who is the operator "
        "(default: transcript.operator in the config, else a speaker labelled Operator, else "
        "the one who asks fewest questions)",
    )
    parser.set_defaults(handler=run)


def read_narrative(source: str) -> str:
    """The text of FILE, or stdin for '-'; CommandError (exit 2) when it cannot be read."""
    if source == "-":
        if sys.stdin is None or sys.stdin.isatty():
            raise CommandError("no narrative: give a FILE or pipe text on stdin", EXIT_USAGE)
        try:
            return sys.stdin.read()
        except UnicodeDecodeError:
            raise CommandError("stdin: not UTF-8 text", EXIT_USAGE) from None
    path = Path(source).expanduser()
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(f"{source}: no such file", EXIT_USAGE) from None
    except IsADirectoryError:
        raise CommandError(f"{source}: is a directory, not a text file", EXIT_USAGE) from None
    except UnicodeDecodeError:
        raise CommandError(f"{source}: not UTF-8 text", EXIT_USAGE) from None
    except OSError as error:
        raise CommandError(
            f"{source}: cannot read ({error.strerror or error})", EXIT_USAGE
        ) from None


def split_segments(text: str, by_line: bool = False) -> list[str]:
    """One segment per paragraph (blank lines separate paragraphs), or per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = text.split("\n") if by_line else _PARAGRAPH_BREAK.split(text)
    return [" ".join(part.split()) for part in parts if part.strip()]


def suggestions_for(
    segments: list[str] | list[tuple[str, str]],
    config: Config,
    workflow: str = "",
    progress: Progress | None = None,
) -> list[Suggestion]:
    """Ranked questions for a whole narrative.

    The offline engine always; when `config.llm.enabled`, the LLM's questions about the
    whole narrative are merged in (duplicates dropped, each labelled with its source).
    When the LLM fails, the offline questions stand and one line on stderr says why.
    """
    from tacit.question_engine.service import open_session

    session = open_session(config)  # this run's engine session: it holds the state
    session.workflow = workflow
    if progress is not None:
        progress.phase("analysing segments", len(segments))
    for segment in segments:
        if progress is not None:
            progress.advance()
        if isinstance(segment, tuple):
            session.add_segment(segment[1], segment[0])
        else:
            session.add_segment(segment)
    offline = session.ranked()
    if not config.llm.enabled:
        return offline
    import asyncio

    from tacit.question_engine.merge import merge
    from tacit.question_engine.service import llm_suggestions

    context = session.context()
    context.segments = []
    said = "\n\n".join(s[1] if isinstance(s, tuple) else s for s in segments)
    if progress is not None:
        progress.phase(f"asking {config.llm.model}")
    llm, failure = asyncio.run(llm_suggestions(said, context, config))
    if failure is not None:
        print(f"tacit: {clean(failure)}; offline questions shown", file=sys.stderr)
        return offline
    return merge(llm, offline)


def format_readable(suggestions: list[Suggestion]) -> str:
    """A numbered list: question, category and the quote it comes from, in plain words (a
    terminal shows `*not*` as literal asterisks)."""
    if not suggestions:
        return "No questions: nothing in the narrative raised one."
    lines = []
    for number, suggestion in enumerate(suggestions, 1):
        lines.append(f"{number:>2}. [{suggestion.category}] {plain_words(suggestion.text)}")
        if suggestion.quote:
            lines.append(f'    "{clean(suggestion.quote)}"')
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the questions for FILE (or stdin); exit 2 on unreadable or empty input."""
    config = config_from(args)
    text = read_narrative(args.file)
    segments: list[str] | list[tuple[str, str]] = split_segments(
        text, getattr(args, "lines", False)
    )
    try:
        turns = transcript.parse(text, "" if args.file == "-" else args.file)
        if turns:
            speakers = assign_roles(
                turns, getattr(args, "operator", ""), config.transcript.operator
            )
            segments = speakers.said
            if speakers.note:
                print(f"tacit: {clean(speakers.note)}", file=sys.stderr)
    except transcript.TranscriptError as error:
        raise CommandError(clean(str(error)), EXIT_USAGE) from None
    if not segments:
        name = "stdin" if args.file == "-" else args.file
        raise CommandError(f"{name}: no narrative text (it is empty)", EXIT_USAGE)
    if args.limit < 0:
        raise CommandError("--limit must be 0 (all) or more", EXIT_USAGE)
    try:
        with Progress() as progress:
            suggestions = suggestions_for(segments, config, args.workflow, progress)
    except BankError as error:
        raise CommandError(str(error), EXIT_USAGE) from None
    if args.limit:
        suggestions = suggestions[: args.limit]
    if args.json:
        text = json.dumps([s.to_dict() for s in suggestions], ensure_ascii=False, indent=2)
        sys.stdout.buffer.write(escape_json_controls(text.encode("utf-8")) + b"\n")
        sys.stdout.flush()
    else:
        print(format_readable(suggestions))
    return 0
