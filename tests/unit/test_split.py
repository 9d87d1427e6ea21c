"""Rules in git: one canonical file per record, merged back exactly like an export file."""

from __future__ import annotations

import stat
from pathlib import Path

import orjson
import pytest
from support.rulebook import HOLD_RULE, ZIP_RULE, save_rulebook

from tacit.models.domain import Rule
from tacit.models.export import export_document
from tacit.models.importer import ImportRefused, import_file
from tacit.models.repository import Store
from tacit.models.split import SplitError, write_split


def tree(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_split_import_split_is_byte_identical(tmp_path: Path) -> None:
    source = Store(tmp_path / "a.json")
    save_rulebook(source)
    first = tmp_path / "first"
    write_split(export_document(source, include_drafts=True), first)
    files = tree(first)
    assert f"rules/{ZIP_RULE}.json" in files and f"rules/{HOLD_RULE}.json" in files
    assert "index.json" in files and any(name.startswith("decisions/") for name in files)
    assert any(name.startswith("open_questions/") for name in files)
    target = Store(tmp_path / "b.json")
    import_file(target, first)
    second = tmp_path / "second"
    write_split(export_document(target, include_drafts=True), second)
    assert tree(second) == files
    assert stat.S_IMODE((first / f"rules/{ZIP_RULE}.json").stat().st_mode) == 0o600


def test_importing_a_directory_twice_changes_nothing_and_newer_wins(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.json")
    save_rulebook(store)
    directory = tmp_path / "rules-repo"
    write_split(export_document(store), directory)
    assert import_file(store, directory).unchanged > 0
    assert import_file(store, directory).added == {}
    rule_file = directory / f"rules/{ZIP_RULE}.json"
    edited = orjson.loads(rule_file.read_bytes())
    edited["owner"] = "Priya"
    edited["updated_at"] = "2030-01-01T00:00:00.000000Z"
    rule_file.write_bytes(orjson.dumps(edited))
    result = import_file(store, directory)
    assert result.updated == {"rules": 1}
    stored = store.get(Rule, ZIP_RULE)
    assert stored is not None and stored.owner == "Priya"


def test_a_record_no_longer_exported_loses_its_file(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.json")
    save_rulebook(store)
    directory = tmp_path / "out"
    write_split(export_document(store), directory)
    store.update(Rule, HOLD_RULE, lambda rule: rule.withdraw("operator"))
    write_split(export_document(store), directory)
    assert not (directory / f"rules/{HOLD_RULE}.json").exists()
    assert (directory / f"rules/{ZIP_RULE}.json").exists()


def test_a_planted_symlink_is_refused(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.json")
    save_rulebook(store)
    directory = tmp_path / "out"
    directory.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (directory / "rules").symlink_to(elsewhere)
    with pytest.raises(SplitError, match="not a plain directory"):
        write_split(export_document(store), directory)
    assert list(elsewhere.iterdir()) == []


def test_a_directory_that_is_not_a_split_export_is_refused(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.json")
    with pytest.raises(ImportRefused, match="not a tacit split export"):
        import_file(store, tmp_path)
    broken = tmp_path / "broken"
    write_split(export_document(store), broken)
    (broken / "rules" / "rul_x.json").write_text("{")
    with pytest.raises(ImportRefused, match="not valid JSON"):
        import_file(store, broken)
