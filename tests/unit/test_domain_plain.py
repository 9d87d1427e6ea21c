"""The domain records compare, print and take arguments exactly as stock dataclasses do (their
`__eq__` and `__repr__` come from `Plain`, their `__init__` is written by hand, instead of
being compiled per class at import)."""

from __future__ import annotations

import copy
import dataclasses
import inspect
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
    ValidationError,
)
from tacit.models.plain_records import FACTORY


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


# The records' __init__ is written by hand (`@dataclass(init=False)`): the one @dataclass
# generates is compiled from source at every start (~1.3 M instructions per class). These
# hold each to what @dataclass would generate from the same fields.

RECORD_TYPES = [type(record) for record in _samples()]


def _stock_init_twin(cls: type) -> Any:
    """A stock @dataclass with the same fields (defaults and factories), generated __init__."""
    specs = []
    for f in dataclasses.fields(cls):
        if f.default_factory is not dataclasses.MISSING:
            spec = dataclasses.field(default_factory=f.default_factory)
        elif f.default is not dataclasses.MISSING:
            spec = dataclasses.field(default=f.default)
        else:
            spec = dataclasses.field()
        specs.append((f.name, Any, spec))
    return dataclasses.make_dataclass(cls.__name__, specs, slots=True)


def _required(cls: type) -> dict[str, Any]:
    sample = next(r for r in _samples() if type(r) is cls)
    return {
        f.name: getattr(sample, f.name)
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda c: c.__name__)
def test_a_record_takes_the_arguments_its_generated_init_would(cls: type) -> None:
    ours = inspect.signature(cls).parameters
    stock = inspect.signature(_stock_init_twin(cls)).parameters
    assert [(p.name, p.kind) for p in ours.values()] == [(p.name, p.kind) for p in stock.values()]
    for f in dataclasses.fields(cls):
        default = ours[f.name].default
        if f.default_factory is not dataclasses.MISSING:
            assert default is FACTORY, f.name
        elif f.default is not dataclasses.MISSING:
            assert default == f.default and type(default) is type(f.default), f.name
        else:
            assert default is inspect.Parameter.empty, f.name


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda c: c.__name__)
def test_a_record_built_from_its_required_fields_has_every_default(cls: type) -> None:
    required = _required(cls)
    record, again, stock = cls(**required), cls(**required), _stock_init_twin(cls)(**required)
    for f in dataclasses.fields(cls):
        value = getattr(record, f.name)
        if f.default_factory is dataclasses.MISSING:
            assert value == getattr(stock, f.name), f.name
        else:  # a fresh value from the factory each time (ids and times differ, lists are new)
            assert type(value) is type(getattr(stock, f.name)), f.name
            if isinstance(value, list):
                assert value is not getattr(again, f.name), f.name


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda c: c.__name__)
def test_a_record_built_from_all_its_fields_keeps_them_positionally_too(cls: type) -> None:
    sample = next(r for r in _samples() if type(r) is cls)
    values = [getattr(sample, f.name) for f in dataclasses.fields(cls)]
    assert cls(*values) == sample
    assert cls(**{f.name: getattr(sample, f.name) for f in dataclasses.fields(cls)}) == sample


def test_a_record_given_no_id_is_refused_not_given_a_new_one() -> None:
    """A null id (say, in an imported file) is an invalid id, as with the generated __init__."""
    with pytest.raises(ValidationError):
        Session.from_dict({"title": "Dispatch", "id": None})
    with pytest.raises(ValidationError):
        Segment(session_id="s", speaker="operator", text="x", id=None)  # type: ignore[arg-type]
