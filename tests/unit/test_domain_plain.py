"""The domain records compare and print exactly as stock dataclasses do (their `__eq__` and
`__repr__` come from `Plain` instead of being compiled per class at import)."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest

from tacit.models.domain import (
    Acceptance,
    Comment,
    Decision,
    Example,
    Question,
    Rule,
    Segment,
    Session,
    Unless,
)


def _samples() -> list[Any]:
    session = Session(title="Dispatch", workflow="dispatch", participants=["Janet"])
    rule = Rule(
        session_id=session.id,
        statement="Route by zip code",
        when="a ticket arrives",
        then="route by zip code",
        unless=[Unless("the account has a primary owner", "keep it with her team")],
        examples=[Example("zip 1010, no owner", "team Vienna", clause=None)],
        category="exception",
    )
    return [
        session,
        Segment(session_id=session.id, speaker="operator", text="We route by zip code."),
        Question(session_id=session.id, text="Who decides?", category="exception", score=0.5),
        rule,
        Decision(session_id=session.id, topic="Escalation channel", options=["Slack", "Email"]),
        Unless("a holiday", "wait"),
        Example("a late ticket", "escalate", clause=0, needs_review=True),
        Acceptance("operator", fingerprint="abc"),
        Comment("operator", "Not quite: owners first."),
    ]


def _stock_twin(record: Any) -> Any:
    """The same values in a stock @dataclass of the same name and fields (eq and repr generated)."""
    cls = type(record)
    specs = [
        (f.name, Any, dataclasses.field(repr=f.repr, compare=f.compare))
        for f in dataclasses.fields(cls)
    ]
    twin_cls = dataclasses.make_dataclass(cls.__name__, specs, slots=True)
    twin_cls.__qualname__ = cls.__qualname__
    return twin_cls(**{f.name: getattr(record, f.name) for f in dataclasses.fields(cls)})


@pytest.mark.parametrize("record", _samples(), ids=lambda r: type(r).__name__)
def test_a_record_prints_as_its_stock_dataclass_twin(record: Any) -> None:
    assert repr(record) == repr(_stock_twin(record))
    assert str(record) == str(_stock_twin(record))


@pytest.mark.parametrize("record", _samples(), ids=lambda r: type(r).__name__)
def test_a_record_equals_a_copy_and_differs_when_any_field_differs(record: Any) -> None:
    assert record == copy.deepcopy(record)
    for f in dataclasses.fields(record):
        changed = copy.deepcopy(record)
        object.__setattr__(changed, f.name, ["something else"])
        assert record != changed, f.name
        assert (record == changed) == (_stock_twin(record) == _stock_twin(changed))


@pytest.mark.parametrize("record", _samples(), ids=lambda r: type(r).__name__)
def test_a_record_is_unhashable_and_never_equals_another_type(record: Any) -> None:
    with pytest.raises(TypeError):
        hash(record)
    assert record.__eq__(_stock_twin(record)) is NotImplemented
    assert record != _stock_twin(record)
    assert record != dataclasses.asdict(record)


def test_records_holding_records_compare_by_value() -> None:
    one, two = Unless("a holiday", "wait"), Unless("a holiday", "wait")
    assert [one] == [two]
    assert one in [two]
    assert Unless("a holiday", "wait") != Unless("a holiday", "escalate")
