"""Opening a database parses the file once: what the app does before its first frame."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from tacit.models.domain import Rule, Session
from tacit.models.repository import Store


def test_opening_a_database_and_listing_it_reads_the_file_once(db_path: Path) -> None:
    """A second parse of the same file (one for the writers' copy, one for the readers')
    doubled the start-up read of a large database."""
    with closing(Store(db_path)) as first:
        session = Session(title="Dispatch")
        first.save_many([session, Rule(session_id=session.id, statement="on disk")])
    with closing(Store(db_path)) as reopened:
        assert [s.id for s in reopened.sessions()] == [session.id]
        assert [r.statement for r in reopened.rules(session.id)] == ["on disk"]
        assert reopened.storage.disk_reads == 1
        reopened.save(Rule(session_id=session.id, statement="then written"))  # writers load
        assert len(reopened.rules(session.id)) == 2
    with closing(Store(db_path)) as again:
        assert len(again.rules(session.id)) == 2


def test_a_new_database_is_still_stamped_with_its_schema(tmp_path: Path) -> None:
    with closing(Store(tmp_path / "new.json")) as store:
        assert store.meta().get("schema_version") is not None
    assert (tmp_path / "new.json").exists()
