"""Companion questions: a named thing asked about from a second side (a role: who stands
in, and what reaches it; a system work goes through: the hand-off, and what if it is down),
ranked below the cue's own question, and never where the value is not of the needed kind.
Sentences are invented for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.engine_session import ranked_questions

from tacit.question_engine.bank import BankError, read_bank_file
from tacit.question_engine.offline import OfflineEngine

ask = ranked_questions


def test_a_role_is_also_asked_what_reaches_it_after_who_stands_in(engine: OfflineEngine) -> None:
    asked = ask(engine, "The night supervisor checks the pallets before they leave the yard.")
    texts = [q.text for q in asked]
    stands_in = texts.index(
        "Who stands in for the night supervisor when they are out or swamped — and does the "
        "work wait for them?"
    )
    reaches = [
        q for q in asked if q.text.startswith("What reaches the night supervisor, from whom")
    ]
    assert reaches and reaches[0].category == "handoff"
    assert texts.index(reaches[0].text) > stands_in


def test_a_system_work_goes_through_is_also_asked_what_if_it_is_down(
    engine: OfflineEngine,
) -> None:
    asked = ask(engine, "Requests come in via email and the portal.")
    down = [q for q in asked if q.text.startswith("When email is down or slow")]
    assert down and down[0].category == "operational_decision"


def test_a_ticket_or_a_party_is_never_asked_as_down(engine: OfflineEngine) -> None:
    asked = ask(
        engine,
        "Claims come in through the broker and we log them.",
        "For each request we raise a ServiceNow ticket and track it there.",
    )
    assert not [q.text for q in asked if " is down" in q.text and "ServiceNow" not in q.text]
    assert not [q.text for q in asked if "ticket is down" in q.text]


def test_generic_questions_rank_below_questions_naming_what_was_said(
    engine: OfflineEngine,
) -> None:
    asked = ask(
        engine,
        "Requests come in via email and the portal.",
        "The night supervisor checks the pallets before they leave the yard.",
        "Refunds are only issued for orders under 90 days old.",
    )
    generic = [i for i, q in enumerate(asked) if not q.quote]  # coverage: names nothing said
    companion = [i for i, q in enumerate(asked) if q.text.startswith("What reaches the night")]
    assert generic and companion and max(companion) < min(generic)


def test_a_companion_with_an_unknown_slot_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bank.toml"
    path.write_text(
        '[[companion]]\nfamily = "role"\ncategory = "handoff"\n'
        'slots = { thing = "planet" }\ntemplates = ["What reaches {thing}?"]\n',
        encoding="utf-8",
    )
    with pytest.raises(BankError, match=r"bank\.toml: line 1: companion #1: slots"):
        read_bank_file(path)


def test_a_companion_with_an_unknown_category_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bank.toml"
    path.write_text(
        '[[companion]]\nfamily = "role"\ncategory = "gossip"\n'
        'templates = ["What reaches {thing}?"]\n',
        encoding="utf-8",
    )
    with pytest.raises(BankError, match="unknown category 'gossip'"):
        read_bank_file(path)


def test_a_companion_share_outside_zero_to_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bank.toml"
    path.write_text(
        '[[companion]]\nfamily = "role"\ncategory = "handoff"\nshare = 1.5\n'
        'templates = ["What reaches {thing}?"]\n',
        encoding="utf-8",
    )
    with pytest.raises(BankError, match=r"share must be a number in \(0, 1\]"):
        read_bank_file(path)


def test_a_companion_when_pattern_that_does_not_compile_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bank.toml"
    path.write_text(
        '[[companion]]\nfamily = "role"\ncategory = "handoff"\nwhen = "decid(e"\n'
        'templates = ["What reaches {thing}?"]\n',
        encoding="utf-8",
    )
    with pytest.raises(BankError, match=r"companion #1: when: missing \)"):
        read_bank_file(path)
