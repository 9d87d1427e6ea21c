"""--session takes the id as shown anywhere: full, a prefix, or the status line's short id."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacit.cli.commands.common import CommandError, resolve_session
from tacit.models.domain import Session
from tacit.models.ids import short_id
from tacit.models.repository import Store

from .test_cli import one_line_error, tacit


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "t.json")


def test_the_short_id_of_the_status_line_is_accepted(store: Store) -> None:
    wanted, other = Session(title="Dispatch"), Session(title="Billing")
    store.save_many([wanted, other])
    shown = short_id(wanted.id)
    assert shown.startswith("ses_") and len(shown) == 10
    assert resolve_session(store, shown).id == wanted.id
    assert resolve_session(store, shown.lower()).id == wanted.id
    assert resolve_session(store, wanted.id).id == wanted.id
    assert resolve_session(store, wanted.id[:-3]).id == wanted.id


def test_an_ambiguous_prefix_says_so_and_lists_the_candidates(store: Store) -> None:
    first, second = Session(title="Dispatch"), Session(title="Billing")
    store.save_many([first, second])
    common = "ses_"
    with pytest.raises(CommandError) as caught:
        resolve_session(store, common)
    message = str(caught.value)
    assert "ambiguous" in message and first.id in message and second.id in message
    assert caught.value.code == 2


def test_no_match_says_no_session_matches(store: Store) -> None:
    store.save(Session(title="Dispatch"))
    with pytest.raises(CommandError, match="no session matches"):
        resolve_session(store, "ses_NOPE")


def test_export_takes_the_short_id(tmp_path: Path) -> None:
    db = tmp_path / "t.json"
    store = Store(db)
    wanted = Session(title="Dispatch")
    store.save_many([wanted, Session(title="Billing")])
    store.close()
    result = tacit("export", "--db", str(db), "--session", short_id(wanted.id))
    assert result.returncode == 0, result.stderr
    assert wanted.id in result.stdout
    line = one_line_error(tacit("export", "--db", str(db), "--session", "ses_"))
    assert "ambiguous" in line
