"""`tacit check`: are the accepted rules ready for an agent build? Exit 0 ready, 1 not."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any, name: str, parents: list[argparse.ArgumentParser]) -> None:
    """Add `check` to the CLI."""
    parser = subparsers.add_parser(
        name,
        parents=parents,
        help="check the rules are ready for an agent build (exit 0 ready, 1 not)",
        description="One line per finding, with the ids it is about: conflicting rules, "
        "exceptions without an outcome or an example, rules without an example, accepted "
        "rules with an open question, decisions with no choice.",
    )
    parser.add_argument("--session", metavar="ID", help="one session (default: all)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the findings; exit 1 when there is any."""
    from tacit.cli.commands.documents import export_document_for
    from tacit.models.checks import check_document, readiness

    doc = export_document_for(args)
    findings = check_document(doc)
    for finding in findings:
        print(finding.line())
    rules = len(doc["rules"])
    print(
        f"tacit: {readiness(findings)} ({rules} accepted rule{'s' * (rules != 1)})", file=sys.stderr
    )
    return 0 if not findings else 1
