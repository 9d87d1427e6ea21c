"""End to end: `tacit pair` in tmux, two people attached, each typing in their own view.

An outer tmux server stands in for the two people's terminals: window "engineer"
runs `tacit pair` (which starts the pair and attaches), window "operator" runs
`tacit pair --join`. Keys go in through those outer panes, like a person typing.
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
from support.pair_tmux import TACIT, Tmux, pair_server, tmux
from support.waiting import wait_until

from tacit.cli.commands.pair import pair_running
from tacit.models.domain import Rule, Session
from tacit.models.repository import Store

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
__all__ = ["pair_server", "tmux"]


def test_two_people_pair_each_in_their_own_view(
    tmux: Tmux, pair_server: Tmux, tmp_path: Path
) -> None:
    db = tmp_path / "tacit.json"
    store = Store(db)
    session = Session(title="Lead routing")
    rule = Rule(
        session_id=session.id,
        statement="Route by zip code",
        when="a lead arrives",
        then="assign the zip's team",
    )
    store.save_many([session, rule])

    tmux.start("people", [*TACIT, "pair", "--db", str(db)])
    tmux.run("rename-window", "-t", "people:0", "engineer")
    wait_until(lambda: pair_running(pair_server.socket), "the pair's tmux session")
    tmux.window("people:", "operator", [*TACIT, "pair", "--join", "--db", str(db)])
    engineer, operator = "people:engineer", "people:operator"

    tmux.wait_text(engineer, "Questions")
    tmux.wait_text(operator, "operator view")
    tmux.wait_text(operator, "engineer ● connected")
    tmux.wait_text(engineer, "operator ● connected")
    assert "operator view" not in tmux.screen(engineer)
    assert "Questions" not in tmux.screen(operator)
    clients = pair_server.run("list-clients", "-F", "#{session_name} #{window_name}")
    assert sorted(line.split()[1] for line in clients.splitlines()) == ["engineer", "operator"]

    tmux.type(operator, "VIPs stay with owner")
    tmux.keys(operator, "Enter")
    tmux.wait_text(operator, "operator: VIPs stay with owner")
    took = tmux.wait_text(engineer, "VIPs stay with owner")
    print(f"operator -> engineer narrative: {took:.2f}s")

    tmux.type(engineer, "Zip rule noted")
    tmux.keys(engineer, "Enter")
    took = tmux.wait_text(operator, "Zip rule noted")
    print(f"engineer -> operator narrative: {took:.2f}s")

    tmux.type(operator, "still typing")
    tmux.keys(operator, "F3")
    tmux.wait_for(operator, lambda shown: "a Accept" in shown, "the rules list focused")
    tmux.keys(operator, "a")
    took = tmux.wait_text(engineer, "O✓ E·")
    print(f"operator acceptance -> engineer view: {took:.2f}s")
    wait_until(
        lambda: (store.get(Rule, rule.id) or rule).accepted_by_operator is not None,
        "the acceptance on disk",
    )
    tmux.keys(operator, "F4")
    tmux.wait_text(operator, "still typing")

    said = [(s.speaker, s.text) for s in store.segments(session.id)]
    assert ("operator", "VIPs stay with owner") in said
    assert any(text == "Zip rule noted" for _, text in said)


def _clients(pair_server: Tmux) -> list[str]:
    listed = pair_server.run("list-clients", "-F", "#{window_name}", check=False)
    return sorted(listed.split())


def test_a_view_that_quits_detaches_only_its_person_and_rejoining_recreates_it(
    tmux: Tmux, pair_server: Tmux, tmp_path: Path
) -> None:
    db = tmp_path / "tacit.json"
    Store(db).save(Session(title="Lead routing"))
    tmux.start("people", [*TACIT, "pair", "--db", str(db), "--offline"])
    tmux.run("rename-window", "-t", "people:0", "engineer")
    wait_until(lambda: pair_running(pair_server.socket), "the pair's tmux session")
    join = [*TACIT, "pair", "--join", "--db", str(db)]
    tmux.window("people:", "operator", join)
    engineer, operator = "people:engineer", "people:operator"
    tmux.wait_text(operator, "operator view")
    tmux.wait_text(engineer, "Questions")
    wait_until(lambda: _clients(pair_server) == ["engineer", "operator"], "both attached")

    tmux.keys(operator, "C-q")
    wait_until(lambda: _clients(pair_server) == ["engineer"], "only the operator detached")
    assert "Questions" not in tmux.screen(operator)  # never the engineer's window
    tmux.type(engineer, "Engineer still typing")
    tmux.keys(engineer, "Enter")
    tmux.wait_text(engineer, ": Engineer still typing")

    tmux.run("respawn-pane", "-k", "-t", operator, shlex.join(join))
    tmux.wait_text(operator, "operator view")
    tmux.wait_text(operator, "Engineer still typing")
    wait_until(lambda: _clients(pair_server) == ["engineer", "operator"], "the operator back")
    assert "Questions" not in tmux.screen(operator)

    tmux.keys(engineer, "C-q")
    wait_until(lambda: _clients(pair_server) == ["operator"], "only the engineer detached")
    tmux.run("respawn-pane", "-k", "-t", engineer, shlex.join([*TACIT, "pair", "--db", str(db)]))
    tmux.wait_text(engineer, "Questions")
    wait_until(lambda: _clients(pair_server) == ["engineer", "operator"], "the engineer back")
