"""One bad stored record, a bad schema version or a full disk: one line, the rest stays usable."""

from __future__ import annotations

import errno
import json
from pathlib import Path
from typing import Any

import pytest

from tacit.cli.main import main
from tacit.models import storage as storage_module
from tacit.models.domain import Rule, Session
from tacit.models.ids import short_id
from tacit.models.repository import Store

from .test_cli import accepted_rule_db, one_line_error, tacit


def two_sessions(db: Path) -> tuple[Session, Session, Rule]:
    store = Store(db)
    good, bad = Session(title="Good one"), Session(title="Broken one")
    rule = Rule(session_id=good.id, statement="Route by zip")
    store.save_many([good, bad, rule])
    store.close()
    return good, bad, rule


def edit_raw(db: Path, table: str, record_id: str, change: dict[str, Any]) -> None:
    data = json.loads(db.read_text())
    record = data[table][record_id]
    for key, value in change.items():
        if value is ...:
            del record[key]
        else:
            record[key] = value
    db.write_text(json.dumps(data))


@pytest.mark.parametrize(
    "change", [{"title": ...}, {"title": 5}, {"updated_at": None}, {"participants": "x"}]
)
def test_sessions_lists_the_others_and_marks_the_damaged_one_with_its_reason(
    tmp_path: Path, change: dict[str, Any]
) -> None:
    db = tmp_path / "t.json"
    good, bad, _ = two_sessions(db)
    edit_raw(db, "sessions", bad.id, change)
    result = tacit("sessions", "--db", str(db))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(good.id), result.stderr
    [marked] = [line for line in lines if line.startswith(bad.id)]
    assert "damaged:" in marked
    field = next(iter(change))
    assert field in marked, marked
    assert "__init__" not in marked and "positional" not in marked
    assert "Traceback" not in result.stderr and bad.id not in result.stderr


def test_export_stops_in_one_line_naming_the_bad_rule(tmp_path: Path) -> None:
    db = tmp_path / "t.json"
    good, _, rule = two_sessions(db)
    edit_raw(db, "rules", rule.id, {"statement": 5})
    line = one_line_error(tacit("export", "--db", str(db), "--include-drafts"))
    assert rule.id in line
    listed = tacit("sessions", "--db", str(db))
    assert good.id in listed.stdout


@pytest.mark.parametrize("version", [-1, 0, "1", None])
def test_a_bad_schema_version_is_one_line_on_every_command(tmp_path: Path, version: Any) -> None:
    db = tmp_path / "t.json"
    accepted_rule_db(db)
    data = json.loads(db.read_text())
    data["_meta"]["schema"]["schema_version"] = version
    db.write_text(json.dumps(data))
    for command in ("sessions", "export"):
        result = tacit(command, "--db", str(db))
        line = one_line_error(result)
        assert "schema" in line and result.returncode == 3


def test_a_full_disk_during_import_is_one_line_and_keeps_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = tmp_path / "source.json", tmp_path / "target.json"
    accepted_rule_db(source)
    Store(target).close()
    before = target.read_bytes()
    exported = tmp_path / "all.json"
    assert main(["export", "--db", str(source), "-o", str(exported)]) == 0
    capsys.readouterr()

    def disk_full(fd: int, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage_module.os, "write", disk_full)
    code = main(["import", "--db", str(target), str(exported)])
    monkeypatch.undo()
    errors = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(errors) == 1 and "No space left on device" in errors[0], errors
    assert target.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_opening_a_damaged_session_by_id_says_what_is_wrong(tmp_path: Path) -> None:
    db = tmp_path / "t.json"
    _, bad, _ = two_sessions(db)
    edit_raw(db, "sessions", bad.id, {"title": ...})
    for command in (["export", "--session", bad.id], ["check", "--session", short_id(bad.id)]):
        result = tacit(*command, "--db", str(db))
        line = one_line_error(result)
        assert result.returncode == 3 and "damaged" in line and "title" in line, line
