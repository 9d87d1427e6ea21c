"""The one list of export formats: the CLI's --format choices, the export dialog's
list and the renderers all come from here.

Every renderer takes the export document (see models/export.py) and returns the
file's bytes; the same document always gives the same bytes. Renderers are
named, not imported, so listing the formats (e.g. for --help) stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One export target: its name on the command line, how people see it, its file
    extension and the renderer (`module:function` under tacit.models)."""

    name: str
    label: str
    extension: str
    summary: str
    renderer: str

    def render(self, doc: dict[str, Any]) -> bytes:
        """The file's bytes for this export document."""
        module_name, _, function_name = self.renderer.partition(":")
        module = import_module(f"tacit.models.{module_name}")
        function: Callable[[dict[str, Any]], bytes] = getattr(module, function_name)
        return function(doc)


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(
        "json",
        "JSON (schema v2, for agent builds)",
        "json",
        "everything, as the published JSON Schema describes it",
        "export:render_json",
    ),
    ExportFormat(
        "policy",
        "Policy (Markdown for a system prompt / AGENTS.md)",
        "md",
        "instructions the agent follows: rules, exceptions in order, config, open questions",
        "export_agent:render_policy",
    ),
    ExportFormat(
        "guidelines",
        "Guidelines (condition -> action JSON)",
        "guidelines.json",
        "one entry per rule and per exception, with priority and rule id",
        "export_agent:render_guidelines",
    ),
    ExportFormat(
        "tests",
        "Tests (pytest module from the examples)",
        "py",
        "one test per example; set TACIT_AGENT=module:function to run them",
        "export_tests:render_pytest",
    ),
    ExportFormat(
        "gherkin",
        "Gherkin (.feature with Rule:/Example:)",
        "feature",
        "the examples as Given/Then scenarios, one Rule: block per rule",
        "export_tests:render_gherkin",
    ),
    ExportFormat(
        "md",
        "Markdown report",
        "md",
        "a readable report of the sessions: rules, decisions, questions",
        "export_markdown:render_report",
    ),
)

FORMAT_NAMES: tuple[str, ...] = tuple(f.name for f in FORMATS)
DEFAULT_FORMAT = "json"


def export_format(name: str) -> ExportFormat:
    """The format called name; KeyError names the known ones."""
    for found in FORMATS:
        if found.name == name:
            return found
    raise KeyError(f"unknown export format {name!r} (known: {', '.join(FORMAT_NAMES)})")
