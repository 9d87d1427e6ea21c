"""A separate process that writes to a tacit database through Store, for the process tests.

Usage:
  store_worker.py append DB SESSION_ID          save segments forever, print each saved id
  store_worker.py insert DB SESSION_ID N TAG    after 'go' on stdin, save N segments
  store_worker.py update DB RULE_ID ROLE N      after 'go', add N examples to a rule, then accept it
  store_worker.py import DB FILE                after 'go', import an export file
  store_worker.py hold DB                       take the writer lock, print 'locked', keep it

Every id or line is printed only after Store returned, so a printed line is an
acknowledged write.
"""

from __future__ import annotations

import sys
from functools import partial

from tacit.models.domain import Example, Rule, Segment
from tacit.models.repository import Store


def _wait_for_go() -> None:
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        raise SystemExit("expected 'go' on stdin")


def append_forever(store: Store, session_id: str) -> None:
    """Save segments until killed; ~1 KB each so commits take a while."""
    padding = "p" * 1000
    count = 0
    while True:
        segment = Segment(session_id=session_id, speaker="operator", text=f"{count} {padding}")
        store.save(segment)
        print(segment.id, flush=True)
        count += 1


def insert(store: Store, session_id: str, count: int, tag: str) -> None:
    """Save count segments, one write each."""
    _wait_for_go()
    for index in range(count):
        store.save(Segment(session_id=session_id, speaker="engineer", text=f"{tag} {index}"))
    print("done", flush=True)


def _append_example(text: str, rule: Rule) -> None:
    rule.examples.append(Example(text))


def _accept(role: str, rule: Rule) -> None:
    rule.accept(role, by=f"the {role}")


def update(store: Store, rule_id: str, role: str, count: int) -> None:
    """Append count examples to one rule, then accept it as role, each via Store.update."""
    _wait_for_go()
    for index in range(count):
        store.update(Rule, rule_id, partial(_append_example, f"{role} {index}"))
    store.update(Rule, rule_id, partial(_accept, role))
    print("done", flush=True)


def hold(store: Store) -> None:
    """Take the writer lock and keep it until killed (the test SIGSTOPs this process)."""
    with store.storage.locked():
        print("locked", flush=True)
        sys.stdin.read()  # until the test closes stdin or kills us


def import_export(store: Store, path: str) -> None:
    """Import one export file (the race under test is the is-it-newer check)."""
    from pathlib import Path

    from tacit.models.importer import import_file

    _wait_for_go()
    import_file(store, Path(path))
    print("done", flush=True)


def main(argv: list[str]) -> None:
    mode, db = argv[0], argv[1]
    store = Store(db)
    try:
        if mode == "append":
            append_forever(store, argv[2])
        elif mode == "insert":
            insert(store, argv[2], int(argv[3]), argv[4])
        elif mode == "import":
            import_export(store, argv[2])
        elif mode == "hold":
            hold(store)
        elif mode == "update":
            update(store, argv[2], argv[3], int(argv[4]))
        else:
            raise SystemExit(f"unknown mode {mode!r}")
    finally:
        store.close()


if __name__ == "__main__":
    main(sys.argv[1:])
