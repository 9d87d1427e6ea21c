"""`tacit export`, `tacit import` and `tacit sessions`: the headless data commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tacit.cli.commands.common import NO_SESSIONS_YET, CommandError, no_sessions_yet, open_store
from tacit.cli.progress import Progress
from tacit.models.damaged_sessions import damaged_sessions
from tacit.models.exit_codes import EXIT_USAGE
from tacit.models.safe_text import one_line


def register(subparsers: Any, name: str, parents: list[argparse.ArgumentParser]) -> None:
    """Add the named data subcommand to the CLI."""
    if name == "export":
        from tacit.models.export_formats import DEFAULT_FORMAT, FORMAT_NAMES, FORMATS

        parser = subparsers.add_parser(
            "export",
            parents=parents,
            help=f"export rules for an agent build ({', '.join(FORMAT_NAMES)})",
            formatter_class=argparse.RawDescriptionHelpFormatter,
            epilog="formats:\n" + "\n".join(f"  {f.name:<11} {f.summary}" for f in FORMATS),
        )
        parser.add_argument(
            "--format",
            choices=FORMAT_NAMES,
            default=DEFAULT_FORMAT,
            help=f"what to write (default: {DEFAULT_FORMAT}; see below)",
        )
        parser.add_argument("--session", metavar="ID", help="one session (default: all)")
        parser.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
        parser.add_argument(
            "--split",
            metavar="DIR",
            help="write one JSON file per rule, decision and question, plus index.json, to DIR",
        )
        parser.add_argument(
            "--include-drafts",
            action="store_true",
            help="also draft, rejected and superseded rules",
        )
        parser.set_defaults(handler=run_export)
    elif name == "import":
        parser = subparsers.add_parser(
            "import",
            parents=parents,
            help="merge an export file or a split directory into the database",
        )
        parser.add_argument(
            "file", metavar="FILE", help="an export file, or a directory written by export --split"
        )
        parser.set_defaults(handler=run_import)
    elif name == "sessions":
        parser = subparsers.add_parser(
            "sessions", parents=parents, help="list sessions, most recent first"
        )
        parser.set_defaults(handler=run_sessions)


def _check_output(output: str | None) -> Path | None:
    if output is None or output == "-":
        return None
    path = Path(output).expanduser()
    if path.is_dir():
        raise CommandError(f"{path} is a directory", EXIT_USAGE)
    if not path.parent.is_dir():
        raise CommandError(f"{path.parent}: no such directory", EXIT_USAGE)
    return path


def run_export(args: argparse.Namespace) -> int:
    """Write the export to -o FILE or stdout."""
    from tacit.cli.commands.documents import export_document_for
    from tacit.models.export import ExportError, write_private
    from tacit.models.export_formats import export_format

    if args.split and (args.output or args.format != "json"):
        raise CommandError("--split writes JSON files to a directory: drop -o/--format", EXIT_USAGE)
    output = _check_output(args.output)
    with Progress() as progress:
        progress.phase("reading the database")
        doc = export_document_for(args, include_drafts=args.include_drafts)
        if args.split:
            progress.close()
            return _write_split(doc, Path(args.split))
        progress.phase(f"writing {len(doc['rules'])} rules as {args.format}")
        data = export_format(args.format).render(doc)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        write_private(output, data)
    except ExportError as error:
        raise CommandError(str(error)) from None
    rules = len(doc["rules"])
    print(f"tacit: wrote {rules} rule{'s' * (rules != 1)} to {output}", file=sys.stderr)
    return 0


def _write_split(doc: dict[str, Any], directory: Path) -> int:
    from tacit.models.split import SplitError, write_split

    try:
        written = write_split(doc, directory)
    except SplitError as error:
        raise CommandError(str(error)) from None
    rules = len(doc["rules"])
    print(
        f"tacit: wrote {rules} rule{'s' * (rules != 1)} as {written} files to {directory}",
        file=sys.stderr,
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Validate the file whole, then merge it by id."""
    from tacit.models.importer import ImportRefused, import_document, read_export

    with Progress() as progress:
        progress.phase(f"reading and checking {Path(args.file).name}")
        try:
            # read once (stdin and pipes cannot be read twice); refuse a bad file before
            # opening (or creating) the database
            doc = read_export(Path(args.file))
        except ImportRefused as error:
            raise CommandError(str(error) + _transcript_hint(Path(args.file)), EXIT_USAGE) from None
        progress.phase("opening the database")
        store = open_store(args)
        try:
            result = import_document(store, doc, Path(args.file), progress)
        except ImportRefused as error:
            raise CommandError(str(error), EXIT_USAGE) from None
        finally:
            store.close()
    print(f"tacit: imported {args.file}: {result.summary()}", file=sys.stderr)
    return 0


def _transcript_hint(path: Path) -> str:
    """What to run instead when the file refused as an export is a call transcript."""
    from tacit.question_engine.transcript import PLAIN, detect

    if str(path) in ("-", "/dev/stdin") or not path.is_file():
        return ""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(65536)
    except OSError:
        return ""
    if detect(head, path.name) == PLAIN:
        return ""
    return f"; it looks like a call transcript: tacit import-transcript {path}"


def run_sessions(args: argparse.Namespace) -> int:
    """Print one line per session: id, title, workflow, counts; a damaged session marked
    `damaged:` with its reason; other damaged records named on stderr. None yet on a
    fresh install is no error."""
    if no_sessions_yet(args):
        print(f"tacit: {NO_SESSIONS_YET}", file=sys.stderr)
        return 0
    store = open_store(args, create=False)
    try:
        totals: dict[str, list[int]] = {}  # session id -> [accepted, all], in one pass
        for rule in store.rule_summaries():
            counts_of = totals.setdefault(rule["session_id"], [0, 0])
            counts_of[0] += rule["status"] == "accepted"
            counts_of[1] += 1
        for session in store.sessions():
            accepted, total = totals.get(session.id, [0, 0])
            workflow = f" [{session.workflow}]" if session.workflow else ""
            counts = f"{accepted}/{total} rules accepted"
            print(one_line(f"{session.id}  {session.title}{workflow}  {counts}"))
        broken = damaged_sessions(store)
        for damaged in broken:
            print(one_line(f"{damaged.id}  {damaged.title}  damaged: {damaged.reason}"))
        sys.stdout.flush()
        listed = {damaged.id for damaged in broken}
        for record_id, problem in sorted(store.damaged.items()):
            if record_id not in listed:
                print(f"tacit: skipped: {one_line(problem)}", file=sys.stderr)
    finally:
        store.close()
    return 0
