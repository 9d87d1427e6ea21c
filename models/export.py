"""Exports for agent builds: versioned, schema-checked, deterministic JSON and Markdown."""

from __future__ import annotations

import json
import os
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import orjson

from tacit.models.domain import Example, Session
from tacit.models.example_text import example_line
from tacit.models.repository import Store
from tacit.models.safe_text import escape_json_controls, one_line

EXPORT_FORMAT = "tacit-export"
EXPORT_SCHEMA_VERSION = 2
EXPORTED_QUESTION_STATUSES = {"parked": "open_questions", "answered": "answered_questions"}


class ExportError(Exception):
    """The export cannot be made or written; the message is one line."""


@cache
def export_schema() -> dict[str, Any]:
    """The published JSON Schema of export files (models/export_schema.json)."""
    text = files("tacit.models").joinpath("export_schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _by_id(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(records, key=lambda r: str(r["id"]))


def export_document(
    store: Store, session_id: str | None = None, include_drafts: bool = False
) -> dict[str, Any]:
    """Everything an agent build needs, for one session or all, as a JSON-ready dict.

    Rules are the accepted ones unless include_drafts; questions are the parked
    (open) and answered ones; suggestions nobody acted on stay in the database.
    """
    if session_id is not None and store.get(Session, session_id) is None:
        raise ExportError(f"no session {session_id}")
    sessions = [s for s in store.sessions() if session_id in (None, s.id)]
    wanted = {s.id for s in sessions}
    rules = [
        r.to_dict()
        for r in store.rules()
        if r.session_id in wanted and (include_drafts or r.status == "accepted")
    ]
    doc: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "schema_version": EXPORT_SCHEMA_VERSION,
        "sessions": _by_id([s.to_dict() for s in sessions]),
        "segments": _by_id(
            [seg.to_dict() for sid in sorted(wanted) for seg in store.segments(sid)]
        ),
        "rules": _by_id(rules),
        "decisions": _by_id([d.to_dict() for d in store.decisions() if d.session_id in wanted]),
    }
    for status, key in EXPORTED_QUESTION_STATUSES.items():
        doc[key] = _by_id(
            [
                q.to_dict()
                for q in store.questions()
                if q.session_id in wanted and q.status == status
            ]
        )
    return doc


def render_json(doc: dict[str, Any]) -> bytes:
    """Deterministic JSON: sorted keys, two-space indent, trailing newline.

    C1 controls and bidi overrides are written as \\u escapes, so the file is
    safe to `cat` in a terminal and still holds exactly the same text.
    """
    raw = orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    return escape_json_controls(raw) + b"\n"


def _md(text: str) -> str:
    """Keep narrative text from being read as Markdown structure."""
    return one_line(text).replace("|", "\\|")


def _acceptance(rule: dict[str, Any]) -> str:
    parts = []
    for role in ("operator", "engineer"):
        acc = rule.get(f"accepted_by_{role}")
        parts.append(f"{role}: {_md(acc['by'])} ({_md(acc['at'][:10])})" if acc else f"{role}: no")
    return "; ".join(parts)


def _rule_markdown(rule: dict[str, Any]) -> list[str]:
    lines = [
        f"#### {_md(rule['statement'])}",
        "",
        f"`{_md(rule['id'])}` · {_md(rule['category'])} · {_md(rule['status'])}"
        f" · accepted by {_acceptance(rule)}",
        "",
    ]
    for label, key in (
        ("When", "when"),
        ("Then", "then"),
        ("Frequency", "frequency"),
        ("Impact", "impact"),
        ("Owner", "owner"),
    ):
        if rule[key]:
            lines.append(f"- **{label}:** {_md(rule[key])}")
    for clause in rule["unless"]:
        lines.append(f"- **Unless** {_md(clause['condition'])} → {_md(clause['then'])}")
    for example in rule["examples"]:
        lines.append(f"- *Example:* {_md(example_line(Example.coerce(example)))}")
    for comment in rule["comments"]:
        lines.append(f"- *{comment['role']} says:* {_md(comment['text'])}")
    lines.append("")
    return lines


def render_markdown(doc: dict[str, Any]) -> str:
    """A readable report of the same content, one section per session."""
    out = ["# tacit export", ""]
    for session in doc["sessions"]:
        sid = session["id"]
        out += [f"## {_md(session['title'])}", ""]
        if session["workflow"]:
            out += [f"Workflow: {_md(session['workflow'])}  ", ""]
        started = _md(session["started_at"][:16]).replace("T", " ")
        out += [f"Session `{_md(sid)}`, started {started} UTC", ""]
        rules = [r for r in doc["rules"] if r["session_id"] == sid]
        out += ["### Rules" if rules else "### Rules\n\nNone accepted yet.", ""]
        for rule in rules:
            out += _rule_markdown(rule)
        decisions = [d for d in doc["decisions"] if d["session_id"] == sid]
        if decisions:
            out += ["### Decisions", "", "| Decision | Choice | Owner | Why |", "|---|---|---|---|"]
            out += [
                f"| {_md(d['topic'])} | {_md(d['choice']) or '—'} | {_md(d['owner']) or '—'} "
                f"| {_md(d['reason']) or '—'} |"
                for d in decisions
            ]
            out.append("")
        open_questions = [q for q in doc["open_questions"] if q["session_id"] == sid]
        if open_questions:
            out += ["### Open questions", ""]
            out += [
                f"- {_md(q['text'])} — owner: {_md(q['owner']) or 'unassigned'}"
                for q in open_questions
            ]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def write_private(path: Path, data: bytes) -> None:
    """Write an export atomically, readable by the owner only (0600)."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise ExportError(f"{path} is a directory")
    if not path.parent.is_dir():
        raise ExportError(f"{path.parent} does not exist")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
