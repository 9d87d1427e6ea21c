"""Two processes importing the same record at once always keep the newer version."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

from tacit.models.domain import Session
from tacit.models.export import export_document, render_json
from tacit.models.repository import Store

from .test_store_processes import fast_dir, finish, start_together, start_worker

__all__ = ["fast_dir"]  # the fixture, used by name
RUNS = 6


def two_versions(directory: Path) -> tuple[str, Path, Path]:
    """Export files holding an older and a newer version of one session."""
    with closing(Store(directory / "source.json")) as source:
        session = Session(title="base")
        source.save(session)
        doc = json.loads(render_json(export_document(source, include_drafts=True)))
    paths = []
    for name, stamp in (("older", "2030-01-01T00:00:10Z"), ("newer", "2030-01-01T00:00:10.5Z")):
        doc["sessions"][0].update(title=name, updated_at=stamp)
        path = directory / f"{name}.json"
        path.write_text(json.dumps(doc))
        paths.append(path)
    return session.id, paths[0], paths[1]


def test_concurrent_imports_of_one_id_keep_the_newer(fast_dir: Path) -> None:
    session_id, older, newer = two_versions(fast_dir)
    for run in range(RUNS):
        db = fast_dir / f"run{run}.json"
        Store(db).close()
        files = (older, newer) if run % 2 else (newer, older)
        workers = [start_worker("import", str(db), str(path)) for path in files]
        start_together(workers)
        finish(workers)
        with closing(Store(db)) as store:
            stored = store.get(Session, session_id)
            assert stored is not None and stored.title == "newer", f"run {run}"
