"""A ready-made sample dispatch session for `tacit --demo`.

The narrative is fixed; the questions come from running the real offline engine
over it, segment by segment, exactly as the capture screen would. A few of them
are then moved along (asked, answered, parked with an owner, dismissed) and two
rules and two decisions are added, so every pane has something to show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tacit.models.config import EngineConfig
from tacit.models.domain import (
    DECISION_PRESETS,
    Decision,
    Example,
    Question,
    Record,
    Rule,
    Segment,
    Session,
    Unless,
)
from tacit.models.repository import Store

if TYPE_CHECKING:
    from tacit.question_engine.types import QuestionEngine

DEMO_TITLE = "Demo: field-service dispatch"
DEMO_WORKFLOW = "dispatch"

NARRATIVE: tuple[tuple[str, str], ...] = (
    (
        "operator",
        "When a job comes in we route by zip code, and we try to balance load "
        "across the technicians so nobody gets slammed.",
    ),
    ("engineer", "So the zip code decides the team. Is that always how it goes?"),
    (
        "operator",
        "Mostly. Janet looks at the big accounts by hand: if the account has a "
        "primary owner it stays with that owner's team, even when she is out.",
    ),
    (
        "operator",
        "If a technician calls in sick, Janet reassigns the morning jobs, and urgent "
        "ones get escalated on Slack to the regional lead.",
    ),
    ("operator", "Every Friday we send a summary of late jobs to the regional manager."),
)

ANSWER = (
    "Zip code decides the team, unless the account has a primary owner: then the "
    "owner's team keeps it, even when she is out."
)


def _suggest(session: Session, segments: list[Segment], engine: QuestionEngine) -> list[Question]:
    """Run the engine over each segment in turn, like the capture screen."""
    from tacit.question_engine.types import SessionContext

    context = SessionContext(workflow=session.workflow)
    questions: list[Question] = []
    for segment in segments:
        for suggestion in engine.suggest(segment.text, context):
            questions.append(suggestion.to_question(session.id, segment.id))
            context.known_questions.append(suggestion.text)
        context.segments.append(segment.text)
    return questions


def _move_along(questions: list[Question]) -> Question | None:
    """Give the questions a realistic mix of statuses; return the answered one."""
    answered: Question | None = None
    for index, question in enumerate(questions):
        step = index % 5
        if step == 0 and answered is None:
            question.set_status("asked")
            question.answer = ANSWER
            question.set_status("answered")
            answered = question
        elif step == 1:
            question.owner = "Janet"
            question.set_status("parked")
        elif step == 2:
            question.set_status("dismissed")
        elif step == 3:
            question.set_status("asked")
    return answered


def _rules(session: Session, segments: list[Segment], source: Question | None) -> list[Rule]:
    routing = Rule(
        session_id=session.id,
        statement="New jobs go to the team that covers the job's zip code.",
        when="a job comes in",
        then="assign it to the team covering its zip code, balancing load across technicians",
        unless=[
            Unless(
                condition="the account has a primary owner",
                then="it stays with the owner's team, even when she is out",
            )
        ],
        frequency="most jobs; big accounts are the exception",
        owner="Janet",
        examples=[
            Example(
                scenario="A job at zip 94110; the account has no owner", outcome="Mission team"
            ),
            Example(
                scenario="A job for Acme, whose primary owner Priya is out today",
                outcome="Priya's team",
                clause=0,
            ),
        ],
        category="implicit_rule",
        question_id=source.id if source else None,
        segment_ids=[segments[0].id, segments[2].id],
    )
    routing.accept("operator", by="operator")
    routing.accept("engineer", by="engineer")
    sick = Rule(
        session_id=session.id,
        statement="When a technician is out sick, Janet reassigns the morning jobs.",
        when="a technician calls in sick",
        then="Janet reassigns the morning jobs",
        unless=[Unless(condition="a job is urgent", then="escalate on Slack to the regional lead")],
        owner="Janet",
        category="exception",
        segment_ids=[segments[3].id],
    )
    return [routing, sick]


def _decisions(session: Session) -> list[Decision]:
    by_kind = {kind: (topic, options) for kind, topic, options in DECISION_PRESETS}
    topic, options = by_kind["escalation_channel"]
    escalation = Decision(
        session_id=session.id,
        topic=topic,
        kind="escalation_channel",
        options=list(options),
        choice="Slack message",
        owner="regional lead",
        reason="Urgent reassignments already go to Slack today.",
    )
    topic, options = by_kind["retry_policy"]
    retry = Decision(
        session_id=session.id,
        topic=topic,
        kind="retry_policy",
        options=list(options),
        owner="Janet",
    )
    return [escalation, retry]


def create_demo(store: Store, engine: QuestionEngine | None = None) -> Session:
    """Save a fresh sample dispatch session (new ids every call) and return it.

    The questions come from `engine`, by default the real offline engine (the
    one import from the engine layer, kept lazy so models stays importable alone).
    """
    if engine is None:
        from tacit.question_engine.offline import OfflineEngine

        engine = OfflineEngine(EngineConfig())
    session = Session(
        title=DEMO_TITLE, workflow=DEMO_WORKFLOW, participants=["operator", "engineer"]
    )
    segments = [Segment(session_id=session.id, speaker=s, text=t) for s, t in NARRATIVE]
    questions = _suggest(session, segments, engine)
    answered = _move_along(questions)
    records: list[Record] = [session, *segments, *questions]
    records += _rules(session, segments, answered)
    records += _decisions(session)
    store.save_many(records)
    return session
