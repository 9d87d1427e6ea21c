"""Schema version 2: examples are scenario -> outcome pairs tied to a clause; v1 still reads."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tacit.models.domain import Example, Rule, Session, Unless, ValidationError
from tacit.models.example_text import example_line, parse_example_line
from tacit.models.export import export_document, render_json
from tacit.models.importer import import_file
from tacit.models.migrations import SCHEMA_VERSION
from tacit.models.repository import Store

SESSION = "ses_01HZZZZZZZZZZZZZZZZZZZZZZZ"
RULE = "rul_01HZZZZZZZZZZZZZZZZZZZZZZZ"
STAMP = "2026-01-02T03:04:05.000000Z"


def v1_rule(examples: list[str]) -> dict[str, object]:
    return {
        "id": RULE,
        "session_id": SESSION,
        "statement": "Route by zip code",
        "when": "a job comes in",
        "then": "the zip-code team",
        "unless": [{"condition": "an owner", "then": "owner's team"}],
        "frequency": "",
        "impact": "",
        "owner": "",
        "examples": examples,
        "category": "implicit_rule",
        "status": "draft",
        "accepted_by_operator": None,
        "accepted_by_engineer": None,
        "comments": [],
        "question_id": None,
        "segment_ids": [],
        "created_at": STAMP,
        "updated_at": STAMP,
    }


def v1_session() -> dict[str, object]:
    return {
        "id": SESSION,
        "title": "Old",
        "workflow": "",
        "participants": [],
        "started_at": STAMP,
        "ended_at": None,
        "updated_at": STAMP,
    }


FLAGGED = Example("zip 94110 goes to Mission", "", None, needs_review=True)


def test_a_version_1_database_is_migrated_with_flagged_examples(tmp_path: Path) -> None:
    path = tmp_path / "v1.json"
    tables = {
        "_meta": {"schema": {"schema_version": 1}},
        "sessions": {SESSION: v1_session()},
        "rules": {RULE: v1_rule(["zip 94110 goes to Mission"])},
    }
    path.write_bytes(orjson.dumps(tables))
    store = Store(path)
    rule = store.get(Rule, RULE)
    assert rule is not None and rule.examples == [FLAGGED]
    assert store.meta()["schema_version"] == SCHEMA_VERSION == 2
    store.close()
    on_disk = orjson.loads(path.read_bytes())
    assert on_disk["rules"][RULE]["examples"][0]["needs_review"] is True


def test_tacit_import_still_reads_a_version_1_export(tmp_path: Path) -> None:
    doc = {
        "format": "tacit-export",
        "schema_version": 1,
        "sessions": [v1_session()],
        "segments": [],
        "rules": [v1_rule(["zip 94110 goes to Mission"])],
        "decisions": [],
        "open_questions": [],
        "answered_questions": [],
    }
    path = tmp_path / "old.json"
    path.write_bytes(orjson.dumps(doc))
    store = Store(tmp_path / "db.json")
    result = import_file(store, path)
    assert result.added == {"rules": 1, "sessions": 1}
    rule = store.get(Rule, RULE)
    assert rule is not None and rule.examples == [FLAGGED]
    exported = orjson.loads(render_json(export_document(store, include_drafts=True)))
    assert exported["schema_version"] == 2


def test_examples_keep_their_clause_through_the_store(db_path: Path) -> None:
    store = Store(db_path)
    session = Session(title="t")
    rule = Rule(
        session_id=session.id,
        statement="Route by zip",
        unless=[Unless("an owner", "owner's team")],
        examples=[Example("zip 94110", "Mission"), Example("Acme, owned", "owner's team", 0)],
    )
    store.save_many([session, rule])
    again = store.get(Rule, rule.id)
    assert again is not None and again.examples == rule.examples
    assert again.examples[1].clause == 0 and not again.examples[1].is_base


def test_an_example_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(ValidationError):
        Rule(session_id=SESSION, statement="s", examples=["plain text"])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Zip 94110 -> Mission team", Example("Zip 94110", "Mission team")),
        ("unless 1: Acme → Priya's team", Example("Acme", "Priya's team", 0)),
        ("base: a lone scenario", Example("a lone scenario", "", None, needs_review=True)),
    ],
)
def test_example_lines_read_as_people_type_them(line: str, expected: Example) -> None:
    parsed = parse_example_line(line, unless_count=1)
    assert parsed == expected
    assert parse_example_line(example_line(expected), 1) == expected


def test_an_example_for_a_missing_exception_is_refused_with_a_reason() -> None:
    with pytest.raises(ValidationError, match="unless 2, but the rule has 1"):
        parse_example_line("unless 2: x -> y", unless_count=1)
