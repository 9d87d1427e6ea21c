"""Exports a build pipeline can trust; imports that merge and never damage the database."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tacit.models.domain import Decision, Example, Question, Rule, Segment, Session, Unless
from tacit.models.export import (
    export_document,
    export_schema,
    render_json,
    write_private,
)
from tacit.models.export_markdown import render_markdown
from tacit.models.importer import ImportRefused, import_file
from tacit.models.repository import Store

PAYLOAD = "[bold]x[/] [@click=app.quit] \x1b[31mred"


def fill(store: Store, title: str = "Dispatch") -> Session:
    """A session with one accepted rule, one draft, an open and an answered question."""
    session = Session(title=title, workflow="dispatch")
    seg = Segment(session_id=session.id, speaker="operator", text="We route by zip code.")
    answered = Question(
        session_id=session.id,
        text="When do you not route by zip code?",
        category="exception",
        quote="route by zip code",
        segment_id=seg.id,
    )
    answered.set_status("asked")
    answered.answer = "Janet's accounts stay with her team"
    answered.set_status("answered")
    parked = Question(
        session_id=session.id,
        text="Who reads the weekly report?",
        category="reporting",
        owner="Ops lead",
        status="parked",
    )
    accepted = Rule(
        session_id=session.id,
        statement="Route by zip code",
        unless=[Unless("the account has a primary owner", "keep it with that team")],
        frequency="5%",
        impact="high",
        owner="Dispatch lead",
        examples=[Example("Acme (Janet)", "Janet's team", clause=0)],
        question_id=answered.id,
        segment_ids=[seg.id],
        category="exception",
    )
    accepted.accept("operator", by="Dana")
    accepted.accept("engineer", by="Sam")
    draft = Rule(session_id=session.id, statement=PAYLOAD)
    decision = Decision(
        session_id=session.id,
        topic="Escalation channel",
        kind="escalation_channel",
        options=["Slack", "Jira"],
        choice="Jira",
        owner="Dana",
        reason="audit trail",
    )
    store.save_many([session, seg, answered, parked, accepted, draft, decision])
    return session


def validate(doc: dict[str, object]) -> None:
    Draft202012Validator.check_schema(export_schema())
    errors = list(Draft202012Validator(export_schema()).iter_errors(doc))
    assert errors == []


def test_export_holds_accepted_rules_decisions_and_open_questions(db_path: Path) -> None:
    store = Store(db_path)
    fill(store)
    doc = export_document(store)
    validate(doc)
    assert doc["schema_version"] == 2
    assert [r["statement"] for r in doc["rules"]] == ["Route by zip code"]
    rule = doc["rules"][0]
    assert rule["unless"] == [
        {"condition": "the account has a primary owner", "then": "keep it with that team"}
    ]
    assert rule["accepted_by_operator"]["by"] == "Dana"
    assert rule["accepted_by_engineer"]["by"] == "Sam"
    assert [q["owner"] for q in doc["open_questions"]] == ["Ops lead"]
    assert doc["answered_questions"][0]["answer"] == "Janet's accounts stay with her team"
    assert doc["decisions"][0]["choice"] == "Jira"
    with_drafts = export_document(store, include_drafts=True)
    validate(with_drafts)
    assert len(with_drafts["rules"]) == 2


def test_export_of_one_session_only(db_path: Path) -> None:
    store = Store(db_path)
    first = fill(store, "First")
    fill(store, "Second")
    doc = export_document(store, first.id)
    validate(doc)
    assert [s["title"] for s in doc["sessions"]] == ["First"]
    assert {r["session_id"] for r in doc["rules"]} == {first.id}


def test_round_trip_export_import_export_is_byte_identical(tmp_path: Path) -> None:
    source = Store(tmp_path / "a.json")
    fill(source, "One")
    fill(source, "Two")
    first = render_json(export_document(source, include_drafts=True))
    path = tmp_path / "export.json"
    write_private(path, first)
    target = Store(tmp_path / "b.json")
    import_file(target, path)
    second = render_json(export_document(target, include_drafts=True))
    assert second == first
    assert render_json(export_document(source, include_drafts=True)) == first  # deterministic


def test_importing_twice_changes_nothing_and_newer_wins(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.json")
    session = fill(store)
    path = tmp_path / "e.json"
    write_private(path, render_json(export_document(store, include_drafts=True)))
    other = Store(tmp_path / "other.json")
    import_file(other, path)
    before = (tmp_path / "other.json").read_bytes()
    result = import_file(other, path)
    assert result.added == {} and result.updated == {}
    assert (tmp_path / "other.json").read_bytes() == before
    # the source edits the rule later: importing that export updates it
    rule = next(r for r in store.rules(session.id) if r.status == "accepted")
    store.update(Rule, rule.id, lambda r: setattr(r, "owner", "Night shift lead") or r.touch())
    write_private(path, render_json(export_document(store, include_drafts=True)))
    result = import_file(other, path)
    assert result.updated == {"rules": 1}
    assert other.get(Rule, rule.id).owner == "Night shift lead"  # type: ignore[union-attr]
    # an older copy never overwrites a newer one
    older = json.loads(path.read_text())
    older["rules"][0]["owner"] = "stale"
    older["rules"][0]["updated_at"] = "2000-01-01T00:00:00.000000Z"
    path.write_text(json.dumps(older))
    import_file(other, path)
    assert other.get(Rule, older["rules"][0]["id"]).owner != "stale"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not valid JSON"),
        (b'{"format": "tacit-export", "schema_version": 1', "not valid JSON"),
        (b"[1, 2]", "not a tacit export"),
        (b'{"format": "tacit-export", "schema_version": 99}', "does not match the export schema"),
    ],
)
def test_bad_import_files_are_refused_without_touching_the_db(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    store = Store(tmp_path / "db.json")
    fill(store)
    before = (tmp_path / "db.json").read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(ImportRefused, match=reason):
        import_file(store, bad)
    assert (tmp_path / "db.json").read_bytes() == before


def test_import_refuses_a_bad_category_with_its_location(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.json")
    fill(store)
    doc = export_document(store)
    doc["rules"][0]["category"] = "misc"
    bad = tmp_path / "bad.json"
    bad.write_bytes(render_json(doc))
    with pytest.raises(ImportRefused, match="at rules/0/category"):
        import_file(Store(tmp_path / "other.json"), bad)


def test_exports_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "out.json"
        write_private(path, b"{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_markdown_export_reads_as_a_report(db_path: Path) -> None:
    store = Store(db_path)
    fill(store)
    text = render_markdown(export_document(store))
    assert "## Dispatch" in text
    assert "#### Route by zip code" in text
    assert "**Unless (1)** the account has a primary owner → keep it with that team" in text
    assert "| Escalation channel | Jira | Dana | audit trail |" in text
    assert "- Who reads the weekly report? — owner: Ops lead" in text
