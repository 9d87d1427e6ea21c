"""Store benchmark: insert and update latency at 10,000 documents, and concurrent writers.

Compares, in one run and on the same disk:
  - stock TinyDB with its JSONStorage (json, in-place write + fsync),
  - tacit's AtomicJSONStorage under plain TinyDB,
  - tacit's Store (the repository the app uses) on that storage,
  - a bare baseline: orjson.dumps of the same data + write + fsync, nothing else.
The backends take turns operation by operation, so load from other programs on
the machine falls on all of them alike. Prints markdown.

    python bench/bench_store.py            # 10,000 documents, 30 rounds
    python bench/bench_store.py --quick    # 2,000 documents, 8 rounds
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tacit.models.domain import Example, Rule, Segment, Session
from tacit.models.repository import Store
from tacit.models.storage import AtomicJSONStorage

Operation = Callable[[int], None]


def sample_rules(session_id: str, count: int) -> list[Rule]:
    """Rules shaped like real ones (~600 bytes of JSON each)."""
    return [
        Rule(
            session_id=session_id,
            statement=f"Route lead {i} by zip code unless the account has a primary owner",
            when="a new lead arrives from the web form",
            then="assign it to the territory team for its zip code",
            frequency="95% of leads",
            impact="a wrong owner costs a day of follow-up",
            owner="sales ops",
            examples=[
                Example(f"zip 9410{i % 10}", "West"),
                Example("a named account", "stays with Janet"),
            ],
            category="implicit_rule",
        )
        for i in range(count)
    ]


class Backend:
    """One way of storing the documents, with an insert and an update operation."""

    def __init__(self, name: str, insert: Operation, update: Operation, close: Callable[[], None]):
        self.name = name
        self.insert = insert
        self.update = update
        self.close = close
        self.times: dict[str, list[float]] = {"insert": [], "update": []}


def tinydb_backend(name: str, path: Path, docs: list[dict[str, Any]], **kwargs: Any) -> Backend:
    db = TinyDB(path, **kwargs)
    table = db.table("rules", cache_size=0)
    ids = table.insert_multiple(docs)
    extra = docs[0]

    def insert(i: int) -> None:
        table.insert({**extra, "statement": f"new rule {i}"})

    def update(i: int) -> None:
        table.update({"owner": f"owner {i}"}, doc_ids=[ids[i % len(ids)]])

    return Backend(name, insert, update, db.close)


def store_backend(path: Path, session: Session, rules: list[Rule]) -> Backend:
    store = Store(path)
    store.save(session)
    store.save_many(rules)

    def insert(i: int) -> None:
        store.save(Rule(session_id=session.id, statement=f"new rule {i}"))

    def update(i: int) -> None:
        rule_id = rules[i % len(rules)].id
        store.update(Rule, rule_id, lambda rule: setattr(rule, "owner", f"owner {i}"))

    return Backend("tacit Store (the app's path)", insert, update, store.close)


def bare_backend(path: Path, docs: list[dict[str, Any]]) -> Backend:
    data: dict[str, Any] = {"rules": {str(i): doc for i, doc in enumerate(docs, 1)}}

    def dump() -> None:
        with open(path, "wb") as handle:
            handle.write(orjson.dumps(data))
            handle.flush()
            os.fsync(handle.fileno())

    def insert(i: int) -> None:
        data["rules"][f"new{i}"] = {**docs[0], "statement": f"new rule {i}"}
        dump()

    def update(i: int) -> None:
        data["rules"][str(i % len(docs) + 1)]["owner"] = f"owner {i}"
        dump()

    return Backend("bare orjson.dumps + write + fsync", insert, update, lambda: None)


def measure(backends: list[Backend], rounds: int) -> None:
    """Round-robin: each round runs one insert and one update on every backend."""
    for kind in ("insert", "update"):
        for i in range(rounds):
            for backend in backends:
                operation = backend.insert if kind == "insert" else backend.update
                start = time.perf_counter()
                operation(i)
                backend.times[kind].append(time.perf_counter() - start)


def ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def print_latency(backends: list[Backend], docs: int, rounds: int) -> None:
    stock, bare = backends[0], backends[-1]
    print(f"### Latency at {docs:,} documents (median of {rounds} operations each)\n")
    print(
        "| backend | insert ms | update ms | speed-up vs stock (ins / upd) | × bare (ins / upd) |"
    )
    print("|---|---:|---:|---:|---:|")
    for backend in backends:
        ins, upd = ms(backend.times["insert"]), ms(backend.times["update"])
        speedup = f"{ms(stock.times['insert']) / ins:.1f}× / {ms(stock.times['update']) / upd:.1f}×"
        versus_bare = f"{ins / ms(bare.times['insert']):.2f} / {upd / ms(bare.times['update']):.2f}"
        print(f"| {backend.name} | {ins:.1f} | {upd:.1f} | {speedup} | {versus_bare} |")
    print()


def concurrent_writer(path: str, session_id: str, count: int, tag: str, ready: Any) -> None:
    store = Store(path)
    ready.wait()
    for i in range(count):
        store.save(Segment(session_id=session_id, speaker="operator", text=f"{tag} {i}"))
    store.close()


def run_concurrent(directory: Path, writers: int, each: int) -> None:
    """Several processes saving through Store at once, one write per save."""
    path = directory / "concurrent.json"
    with closing(Store(path)) as store:
        session = Session(title="concurrent")
        store.save(session)
    context = multiprocessing.get_context("fork")
    ready = context.Barrier(writers + 1)  # every writer has opened the store: start together
    processes = [
        context.Process(
            target=concurrent_writer, args=(str(path), session.id, each, f"w{n}", ready)
        )
        for n in range(writers)
    ]
    for process in processes:
        process.start()
    ready.wait()
    start = time.perf_counter()
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - start
    with closing(Store(path)) as store:
        stored = len(store.segments(session.id))
    total = writers * each
    print(f"### {writers} processes writing {each} items each through Store, concurrently\n")
    print("| writes | stored | lost | seconds | writes/s | ms per write |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {total} | {stored} | {total - stored} | {elapsed:.2f} | {total / elapsed:.0f} "
        f"| {elapsed / total * 1000:.1f} |"
    )
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 documents, 8 rounds")
    parser.add_argument("--docs", type=int, help="documents in the database (default 10,000)")
    parser.add_argument("--rounds", type=int, help="operations per backend and kind (default 30)")
    parser.add_argument("--dir", type=Path, help="where to put the files (default: a temp dir)")
    args = parser.parse_args()
    docs = args.docs or (2_000 if args.quick else 10_000)
    rounds = args.rounds or (8 if args.quick else 30)
    base = args.dir or Path(tempfile.mkdtemp(prefix="tacit-bench-"))
    base.mkdir(parents=True, exist_ok=True)

    session = Session(title="bench")
    rules = sample_rules(session.id, docs)
    dicts = [rule.to_dict() for rule in rules]
    size = len(orjson.dumps({"rules": dicts})) / 1e6
    print(f"tacit store bench · {docs:,} documents (~{size:.1f} MB of JSON) · {base}\n")

    backends = [
        tinydb_backend("stock TinyDB JSONStorage", base / "stock.json", dicts),
        tinydb_backend(
            "tacit AtomicJSONStorage via TinyDB",
            base / "atomic.json",
            dicts,
            storage=AtomicJSONStorage,
        ),
        store_backend(base / "store.json", session, rules),
        bare_backend(base / "bare.json", dicts),
    ]
    try:
        measure(backends, rounds)
    finally:
        for backend in backends:
            backend.close()
    print_latency(backends, docs, rounds)
    run_concurrent(base, writers=2, each=50 if args.quick else 200)
    if args.dir is None:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
