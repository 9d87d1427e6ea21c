"""Import compares instants, accepts only real ASCII RFC 3339 UTC times, refuses duplicate ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tacit.models.domain import Session
from tacit.models.export import export_document, render_json
from tacit.models.importer import ImportRefused, import_file
from tacit.models.repository import Store


def exported(tmp_path: Path, title: str = "Dispatch") -> tuple[dict[str, Any], Session]:
    store = Store(tmp_path / "source.json")
    session = Session(title=title)
    store.save(session)
    doc = json.loads(render_json(export_document(store, include_drafts=True)))
    store.close()
    return doc, session


def write(tmp_path: Path, doc: dict[str, Any], name: str = "in.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def stored_title(db: Path, session_id: str) -> str:
    store = Store(db)
    try:
        found = store.get(Session, session_id)
        assert found is not None
        return found.title
    finally:
        store.close()


@pytest.mark.parametrize(
    "stamp",
    [
        "２０３０-01-01T00:00:00Z",  # full-width digits: \\d in the schema matched them
        "2030-01-01T00:00:00Z\n",
        "2023-99-99T99:99:99Z",
        "2023-02-30T00:00:00Z",
        "2023-01-01T24:00:00Z",
        "2023-01-01T00:00:00+01:00",
        "2023-01-01 00:00:00Z",
        "2023-01-01T00:00:00.Z",
        "٢٠٣٠-01-01T00:00:00Z",  # Arabic-Indic digits
    ],
)
def test_odd_timestamps_are_refused_in_one_line(tmp_path: Path, stamp: str) -> None:
    doc, _ = exported(tmp_path)
    doc["sessions"][0]["updated_at"] = stamp
    store = Store(tmp_path / "db.json")
    with pytest.raises(ImportRefused) as caught:
        import_file(store, write(tmp_path, doc))
    message = str(caught.value)
    assert "updated_at" in message and "\n" not in message
    assert store.sessions() == []


def test_a_fraction_of_a_second_later_is_newer(tmp_path: Path) -> None:
    doc, session = exported(tmp_path)
    db = tmp_path / "db.json"
    doc["sessions"][0]["updated_at"] = "2030-01-01T00:00:10Z"
    doc["sessions"][0]["title"] = "whole second"
    import_file(Store(db), write(tmp_path, doc, "a.json"))
    doc["sessions"][0]["updated_at"] = "2030-01-01T00:00:10.500000Z"
    doc["sessions"][0]["title"] = "half a second later"
    result = import_file(Store(db), write(tmp_path, doc, "b.json"))
    assert result.updated == {"sessions": 1}
    assert stored_title(db, session.id) == "half a second later"
    doc["sessions"][0]["updated_at"] = "2030-01-01T00:00:10.25Z"
    doc["sessions"][0]["title"] = "older by a quarter"
    import_file(Store(db), write(tmp_path, doc, "c.json"))
    assert stored_title(db, session.id) == "half a second later"


def test_duplicate_ids_in_one_file_are_refused(tmp_path: Path) -> None:
    doc, session = exported(tmp_path)
    twin = dict(doc["sessions"][0], title="twin", updated_at="2001-01-01T00:00:00Z")
    doc["sessions"].append(twin)
    store = Store(tmp_path / "db.json")
    with pytest.raises(ImportRefused, match=f"duplicate id {session.id}") as caught:
        import_file(store, write(tmp_path, doc))
    assert "\n" not in str(caught.value)
    assert store.sessions() == []


@pytest.mark.parametrize("suffix", ["\n", "\u0660", "１"])
def test_ids_with_trailing_newline_or_non_ascii_digits_are_refused(
    tmp_path: Path, suffix: str
) -> None:
    doc, session = exported(tmp_path)
    doc["sessions"][0]["id"] = session.id[:-1] + suffix if suffix != "\n" else session.id + "\n"
    store = Store(tmp_path / "db.json")
    with pytest.raises(ImportRefused):
        import_file(store, write(tmp_path, doc))
    assert store.sessions() == []
