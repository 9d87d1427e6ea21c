"""Build the chat messages sent to the model from the prompt files in `prompts/`.

The narrative always travels as delimited data: inside tags the system prompt
tells the model to treat as quotes only, with any look-alike tag in the text
defused so the narrative cannot close its own delimiter.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from string import Template
from typing import Any

from tacit.models.taxonomy import CATEGORY_IDS
from tacit.question_engine.redact import redact
from tacit.question_engine.types import CapturedRule, SessionContext

DELIMITER_TAGS = ("narrative", "earlier_narrative", "question", "answer")
_TAG_LOOKALIKE = re.compile(r"<\s*(/?)\s*(" + "|".join(DELIMITER_TAGS) + r")\s*>", re.IGNORECASE)
MAX_EARLIER_CHARS = 6000

JSON_LINES_FORMAT = (
    "Write one JSON object per line (JSON Lines) and nothing else: no list, no "
    "numbering, no code fences, no commentary. Example line:\n"
    '{"question": "Who decides when ...?", "category": "exception", "quote": "..."}'
)
SCHEMA_FORMAT = 'Reply with one JSON object {"questions": [...]} holding the questions, best first.'

QUESTIONS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "questions": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "question": {"type": "string"},
                    "category": {"type": "string", "enum": list(CATEGORY_IDS)},
                    "quote": {"type": "string"},
                },
                "required": ["question", "category", "quote"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["questions"],
    "additionalProperties": False,
}


@cache
def load_prompt(name: str) -> str:
    """The text of prompts/<name>.txt."""
    return resources.files("tacit.prompts").joinpath(f"{name}.txt").read_text(encoding="utf-8")


@cache
def example_questions() -> tuple[str, ...]:
    """The questions of the prompt's worked example (a model that copies them is dropped)."""
    lines = load_prompt("example_questions").splitlines()
    return tuple(json.loads(line)["question"] for line in lines if line.strip())


def worked_example(schema: bool) -> list[dict[str, str]]:
    """A user turn and the answer a good engineer gives, shown before the real request so a
    small model sees the form: one narrative from the evaluation's dev split (never the
    test split) and its questions."""
    lines = [line for line in load_prompt("example_questions").splitlines() if line.strip()]
    if schema:
        answer = json.dumps({"questions": [json.loads(line) for line in lines]})
    else:
        answer = "\n".join(lines)
    request = (
        f"<narrative>\n{load_prompt('example_narrative').strip()}\n</narrative>\n\n"
        f"Suggest up to {len(lines)} clarification questions about the newest narrative, "
        f"best first.\n\n{SCHEMA_FORMAT if schema else JSON_LINES_FORMAT}"
    )
    return [{"role": "user", "content": request}, {"role": "assistant", "content": answer}]


def as_data(text: str, mask: bool) -> str:
    """Narrative text ready to sit between delimiter tags: tags defused, optionally redacted."""
    text = redact(text) if mask else text
    return _TAG_LOOKALIKE.sub(lambda m: f"‹{m.group(1)}{m.group(2)}›", text)


def sent_narrative(segment: str, context: SessionContext, mask: bool) -> list[str]:
    """The narrative exactly as the model sees it: new segment first, then earlier ones."""
    return [as_data(segment, mask), *(as_data(s, mask) for s in reversed(context.segments))]


def rule_line(rule: CapturedRule) -> str:
    """A captured rule as the prompt lists it: what it says and which parts it lacks."""
    missing = [
        part
        for part, has in (
            ("exception", rule.has_exception),
            ("frequency and impact", rule.has_frequency),
            ("owner", rule.has_owner),
            ("example", rule.has_example),
        )
        if not has
    ]
    return f"{rule.statement} (lacks: {', '.join(missing)})" if missing else rule.statement


def question_messages(
    segment: str, context: SessionContext, limit: int, mask: bool, schema: bool
) -> list[dict[str, str]]:
    """System + user messages asking for up to `limit` questions about `segment`."""
    earlier = "\n".join(as_data(s, mask) for s in context.segments)[-MAX_EARLIER_CHARS:]
    known = "\n".join(f"- {as_data(q, mask)}" for q in context.known_questions) or "(none)"
    rules = "\n".join(f"- {as_data(rule_line(r), mask)}" for r in context.rules) or "(none)"
    uncovered = [c for c in CATEGORY_IDS if c not in context.touched_categories]
    user = Template(load_prompt("questions")).safe_substitute(
        workflow=as_data(context.workflow, mask) or "(not named)",
        known=known,
        rules=rules,
        uncovered=", ".join(uncovered) or "(all covered)",
        earlier=earlier,
        segment=as_data(segment, mask),
        limit=str(limit),
        categories=", ".join(CATEGORY_IDS),
        format_instructions=SCHEMA_FORMAT if schema else JSON_LINES_FORMAT,
    )
    return [
        {"role": "system", "content": load_prompt("system")},
        *worked_example(schema),
        {"role": "user", "content": user},
    ]


def draft_messages(question: str, answer: str, mask: bool, quote: str = "") -> list[dict[str, str]]:
    """System + user messages asking for one rule draft from the quote, question and answer."""
    user = Template(load_prompt("draft_rule")).safe_substitute(
        quote=as_data(quote, mask), question=as_data(question, mask), answer=as_data(answer, mask)
    )
    return [
        {"role": "system", "content": load_prompt("system")},
        {"role": "user", "content": user},
    ]
