"""Questions one pane asks twice about the same named thing (bench/eval/README.md, sixth
round, second judge: duplicates), each checked on sentences invented for it: a system by
its name and by its name plus a head noun, a role by its full title and by its head, and a
threshold's limit question beside a generic "exception to" the same sentence."""

from __future__ import annotations

from support.engine_session import ranked_questions

from tacit.question_engine.offline import OfflineEngine
from tacit.question_engine.session import EngineSession


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


# --- a process carried "to" a figure is a target, not a limit ----------------------------


def test_a_figure_a_process_is_carried_to_is_no_limit(engine: OfflineEngine) -> None:
    asked = ask(engine, "Harvested hops are dried to 9 % moisture before they are baled.")
    assert not any("at 9 % moisture" in q for q in asked)


def test_a_share_a_mix_is_diluted_to_is_no_limit(engine: OfflineEngine) -> None:
    asked = ask(engine, "The cleaning concentrate is diluted to 5 percent before use.")
    assert not any("at 5 percent" in q or "5 percent line" in q for q in asked)


def test_a_reading_held_below_a_figure_is_still_a_limit(engine: OfflineEngine) -> None:
    asked = ask(engine, "Hops above 12 % moisture are sent back to the kiln.")
    assert any("at 12 % moisture" in q for q in asked)


def test_a_target_asks_what_happens_when_it_is_not_reached(engine: OfflineEngine) -> None:
    asked = ask(engine, "Fresh juice is chilled to 3 degrees before bottling.")
    assert any("doesn't get to 3 degrees" in q for q in asked)


# --- the app's pane: a segment's own questions, as the capture screen stores them ----------


def segment_asks(engine: OfflineEngine, segment: str) -> list[str]:
    """What the Questions pane gets for one segment (the app stores these, not a ranking)."""
    return [q.text for q in EngineSession(engine).add_segment(segment)]


def test_a_segments_own_questions_ask_a_threshold_exception_once(engine: OfflineEngine) -> None:
    """Found in a pair at 80x24: 'Loads over 40 crates go on the big lorry.' showed the
    threshold's question and 'Who may make an exception to "Loads over …"' side by side;
    `tacit suggest` (the session's ranking) already asked it once."""
    asked = segment_asks(engine, "Drivers may not work more than ten hours in a shift.")
    assert any("ten hours" in q and "can anyone make an exception" in q for q in asked)
    assert not any(q.startswith("Who may make an exception to") for q in asked)


def test_a_segments_own_questions_ask_a_system_down_once(engine: OfflineEngine) -> None:
    asked = segment_asks(
        engine,
        "Every returned cask is booked into KegWise on arrival. Each morning the yard hand "
        "looks the overdue ones up in the KegWise database.",
    )
    down = [q for q in asked if "KegWise" in q and " is down " in q]
    assert len(down) <= 1, down


def test_a_segments_threshold_is_not_asked_again_as_a_generic_edge(engine: OfflineEngine) -> None:
    """With the exception question gone, the pane showed the generic 'For "Loads over 40
    crates …": what happens with a case right at its edge' in its place (tmux, 80x24)."""
    asked = segment_asks(engine, "Loads over 40 crates go on the big lorry.")
    assert any("at exactly 40 crates" in q for q in asked)
    assert not any("case right at its edge" in q for q in asked), asked


def test_a_sentence_with_two_limits_keeps_both_threshold_questions(
    engine: OfflineEngine,
) -> None:
    asked = segment_asks(
        engine, "Claims under 5,000 euros are paid within five days without a site visit."
    )
    assert any("5,000 euros" in q for q in asked), asked
    assert any("five days" in q for q in asked), asked
