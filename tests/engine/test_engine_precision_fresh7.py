"""Questions one pane asks twice about the same named thing (bench/eval/README.md, sixth
round, second judge: duplicates), each checked on sentences invented for it: a system by
its name and by its name plus a head noun, a role by its full title and by its head, and a
threshold's limit question beside a generic "exception to" the same sentence."""

from __future__ import annotations

from support.engine_session import ranked_questions

from tacit.question_engine.offline import OfflineEngine


def ask(engine: OfflineEngine, *segments: str) -> list[str]:
    return [q.text for q in ranked_questions(engine, *segments)]


def test_a_system_and_its_database_are_asked_down_once(engine: OfflineEngine) -> None:
    asked = ask(
        engine,
        "Every returned cask is booked into KegWise on arrival. Each morning the yard hand "
        "looks the overdue ones up in the KegWise database.",
    )
    down = [q for q in asked if "KegWise" in q and " is down " in q]
    assert len(down) == 1, down


def test_two_different_systems_are_both_asked_down(engine: OfflineEngine) -> None:
    asked = ask(
        engine,
        "Every returned cask is booked into KegWise on arrival. Each morning the yard hand "
        "looks the overdue ones up in the PubLedger database.",
    )
    assert any("KegWise is down" in q for q in asked)
    assert any("PubLedger database is down" in q for q in asked)


def test_a_role_and_its_head_are_asked_absent_once(engine: OfflineEngine) -> None:
    asked = ask(
        engine,
        "Overtime is allowed only if approved by the Director of Maintenance. Every Friday "
        "the Director reviews the overtime sheet.",
    )
    assert any("Who approves when the Director of Maintenance is away" in q for q in asked)
    assert not any(q.startswith("Who stands in for the Director ") for q in asked)


def test_a_threshold_exception_is_asked_once(engine: OfflineEngine) -> None:
    asked = ask(engine, "Drivers may not work more than ten hours in a shift.")
    assert any("ten hours" in q and "can anyone make an exception" in q for q in asked)
    assert not any(q.startswith("Who may make an exception to") for q in asked)


def test_an_exception_to_a_rule_without_a_limit_is_still_asked(engine: OfflineEngine) -> None:
    asked = ask(engine, "Refunds are never given without the original receipt.")
    assert any("exception" in q for q in asked)
