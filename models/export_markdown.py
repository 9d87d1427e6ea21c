"""The `md` format: a readable report, one section per session.

A rule reads in the order a reader follows it: when, then, unless (in
precedence order, each with its outcome), owner, frequency and impact,
examples, provenance. Untrusted text is escaped so it never becomes Markdown
structure; simple `*emphasis*` is kept because it renders here.
"""

from __future__ import annotations

from typing import Any

from tacit.models.domain import Example
from tacit.models.example_text import clause_label
from tacit.models.safe_text import markdown_inline, one_line


def md(text: str) -> str:
    """Untrusted text as one line of Markdown."""
    return markdown_inline(text)


def _acceptance(rule: dict[str, Any]) -> str:
    parts = []
    for role in ("operator", "engineer"):
        acc = rule.get(f"accepted_by_{role}")
        parts.append(f"{role}: {md(acc['by'])} ({md(acc['at'][:10])})" if acc else f"{role}: no")
    return "; ".join(parts)


def _example(example: Example) -> str:
    outcome = md(example.outcome) if example.outcome.strip() else "*(outcome not stated yet)*"
    return f"- {clause_label(example.clause)}: {md(example.scenario)} → {outcome}"


def _provenance(rule: dict[str, Any], doc: dict[str, Any]) -> list[str]:
    questions = {q["id"]: q for q in doc["answered_questions"] + doc["open_questions"]}
    segments = {s["id"]: s for s in doc["segments"]}
    lines: list[str] = []
    question = questions.get(rule["question_id"] or "")
    if question is not None:
        answer = f" — answered: {md(question['answer'])}" if question["answer"] else ""
        lines.append(
            f"- From question `{one_line(question['id'])}`: {md(question['text'])}{answer}"
        )
    for segment_id in rule["segment_ids"]:
        segment = segments.get(segment_id)
        if segment is not None:
            lines.append(f"- {md(segment['speaker'])} said: “{md(segment['text'])}”")
    return lines


def rule_markdown(rule: dict[str, Any], doc: dict[str, Any]) -> list[str]:
    """One rule as a Markdown block."""
    lines = [
        f"#### {md(rule['statement'])}",
        "",
        f"`{one_line(rule['id'])}` · {md(rule['category'])} · {md(rule['status'])}"
        f" · accepted by {_acceptance(rule)}",
        "",
    ]
    if rule["when"]:
        lines.append(f"- **When:** {md(rule['when'])}")
    if rule["then"]:
        lines.append(f"- **Then:** {md(rule['then'])}")
    for number, clause in enumerate(rule["unless"], start=1):
        outcome = md(clause["then"]) if clause["then"] else "*(no outcome stated)*"
        lines.append(f"- **Unless ({number})** {md(clause['condition'])} → {outcome}")
    if rule["owner"]:
        lines.append(f"- **Owner (decides):** {md(rule['owner'])}")
    if rule["frequency"] or rule["impact"]:
        frequency = md(rule["frequency"]) or "?"
        impact = md(rule["impact"]) or "?"
        lines.append(f"- **Frequency:** {frequency} · **Impact:** {impact}")
    examples = [Example.coerce(e) for e in rule["examples"]]
    if examples:
        lines += ["", "Examples:", ""] + [_example(e) for e in examples]
    provenance = _provenance(rule, doc)
    if provenance:
        lines += ["", "Provenance:", "", *provenance]
    if rule["comments"]:
        lines += ["", "Comments:", ""]
        lines += [f"- {c['role']}: {md(c['text'])}" for c in rule["comments"]]
    lines.append("")
    return lines


def _session_markdown(session: dict[str, Any], doc: dict[str, Any]) -> list[str]:
    sid = session["id"]
    out = [f"## {md(session['title'])}", ""]
    if session["workflow"]:
        out += [f"Workflow: {md(session['workflow'])}  ", ""]
    started = md(session["started_at"][:16].replace("T", " "))
    out += [f"Session `{one_line(sid)}`, started {started} UTC", ""]
    rules = [r for r in doc["rules"] if r["session_id"] == sid]
    out += ["### Rules" if rules else "### Rules\n\nNone accepted yet.", ""]
    for rule in rules:
        out += rule_markdown(rule, doc)
    decisions = [d for d in doc["decisions"] if d["session_id"] == sid]
    if decisions:
        out += ["### Decisions", "", "| Decision | Choice | Owner | Why |", "|---|---|---|---|"]
        out += [
            f"| {md(d['topic'])} | {md(d['choice']) or '—'} | {md(d['owner']) or '—'} "
            f"| {md(d['reason']) or '—'} |"
            for d in decisions
        ]
        out.append("")
    open_questions = [q for q in doc["open_questions"] if q["session_id"] == sid]
    if open_questions:
        out += ["### Open questions", ""]
        out += [
            f"- {md(q['text'])} — owner: {md(q['owner']) or 'unassigned'}" for q in open_questions
        ]
        out.append("")
    answered = [q for q in doc["answered_questions"] if q["session_id"] == sid]
    if answered:
        out += ["### Answered questions", ""]
        for q in answered:
            out += [f"- **Q:** {md(q['text'])}", f"  **A:** {md(q['answer']) or '—'}"]
        out.append("")
    return out


def render_markdown(doc: dict[str, Any]) -> str:
    """The report as text."""
    out = ["# tacit export", ""]
    for session in doc["sessions"]:
        out += _session_markdown(session, doc)
    return "\n".join(out).rstrip("\n") + "\n"


def render_report(doc: dict[str, Any]) -> bytes:
    """The `md` format's bytes."""
    return render_markdown(doc).encode("utf-8")
