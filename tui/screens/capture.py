"""The capture screen: narrative left, suggested questions and rules right, coverage below.

Panes are refreshed only from message handlers; store reads and writes go
through workers (see `tacit.tui.store_writer`), and suggestions stream from the engine
in an async worker that a new segment cancels.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from tacit.models.domain import Decision, Question, Record, Rule, Segment, Session
from tacit.models.ids import short_id
from tacit.question_engine.service import engine_label
from tacit.tui import keymap
from tacit.tui.messages import (
    EngineBusy,
    EngineNoticeArrived,
    EngineUsageArrived,
    SessionLoaded,
    SessionSnapshot,
)
from tacit.tui.screens.capture_actions import CaptureActions
from tacit.tui.widgets.coverage import CoverageMeter
from tacit.tui.widgets.narrative import NarrativePane
from tacit.tui.widgets.record_list import QuestionList, RuleList
from tacit.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from tacit.tui.app import TacitApp

RELOAD_QUIET = 0.4  # seconds without typing before a live reload runs
RELOAD_MAX_DELAY = 2.0  # ...but the other person's changes never wait longer than this


def read_snapshot(app: TacitApp, session_id: str) -> SessionSnapshot | None:
    """Everything about one session, read from the store (runs in a worker thread)."""
    store = app.store
    session = store.get(Session, session_id)
    if session is None:
        return None
    return SessionSnapshot(
        session=session,
        segments=store.segments(session_id),
        questions=store.questions(session_id),
        rules=store.rules(session_id),
        decisions=store.decisions(session_id),
    )


def _overlay(records: list[Any], local: dict[str, Record], kind: type[Record]) -> list[Any]:
    """Records from disk with this instance's newer unsaved versions laid over them."""
    by_id = {r.id: r for r in records}
    for record_id, record in local.items():
        if isinstance(record, kind):
            by_id[record_id] = record
    return list(by_id.values())


class CaptureScreen(CaptureActions, Screen[None]):
    """The split screen a pair runs a whole call in."""

    BINDINGS = keymap.bindings(keymap.SCREEN_KEYS)
    HELP_SECTIONS = keymap.CAPTURE_HELP
    AUTO_FOCUS = "#narrative-input"

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.segments: list[Segment] = []
        self.questions: dict[str, Question] = {}
        self.rules: dict[str, Rule] = {}
        self.decisions: list[Decision] = []
        self.loaded = False
        self.retired = False  # replaced by another session's screen; stops live reloads
        self._last_typed = 0.0
        self._reload_wanted_since: float | None = None
        self._reload_timer: Timer | None = None
        self._local: dict[str, Record] = {}
        self._suggest_generation = 0
        self._usage = None
        self._engine_session = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield NarrativePane(self.tacit.tz, coaching=True, id="narrative")
            with Vertical(id="side"):
                yield QuestionList(id="questions")
                yield RuleList(id="rules")
        yield CoverageMeter(id="coverage")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#questions").border_title = "Questions"
        self.query_one("#rules").border_title = "Rules"
        status = self.status
        status.db_path = str(self.tacit.store.path)
        status.engine = engine_label(self.tacit.config)
        self._show_session_label()
        self.call_after_refresh(self._load_snapshot)  # first frame first, then the store

    def _show_session_label(self) -> None:
        self.status.session_label = f"{self.session.title} ({short_id(self.session.id)})"
        self.sub_title = self.session.title

    # loading and live sync ------------------------------------------------

    def reload_from_store(self) -> None:
        """Re-read the session and refresh panes; focus, cursor and typing are left alone.

        A live reload waits for a pause in typing (RELOAD_QUIET), but never longer
        than RELOAD_MAX_DELAY, so the other person's changes still show up while
        the keys stay instant.
        """
        if self.retired:
            return
        if self._reload_wanted_since is None:
            self._reload_wanted_since = time.monotonic()
        self._reload_when_quiet()

    def _reload_when_quiet(self) -> None:
        if self._reload_wanted_since is None or self.retired:
            return
        now = time.monotonic()
        quiet_for = now - self._last_typed
        if quiet_for >= RELOAD_QUIET or now - self._reload_wanted_since >= RELOAD_MAX_DELAY:
            self._reload_wanted_since = None
            self._load_snapshot()
        elif self._reload_timer is None:

            def again() -> None:
                self._reload_timer = None
                self._reload_when_quiet()

            self._reload_timer = self.set_timer(RELOAD_QUIET - quiet_for + 0.01, again)

    @on(Input.Changed, "#narrative-input")
    def _typing(self) -> None:
        self._last_typed = time.monotonic()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load_snapshot(self) -> None:
        try:
            snapshot = read_snapshot(self.tacit, self.session.id)
        except Exception as error:  # a damaged or locked file becomes a notice
            self.post_message(EngineNoticeArrived(f"cannot read the session: {error}"))
            return
        if snapshot is not None and not get_current_worker().is_cancelled:
            self.post_message(SessionLoaded(snapshot))

    @on(SessionLoaded)
    def _apply_snapshot(self, message: SessionLoaded) -> None:
        snapshot = message.snapshot
        on_disk: dict[str, Record] = {}
        for record in [*snapshot.segments, *snapshot.questions, *snapshot.rules]:
            on_disk[record.id] = record
        for record_id, record in list(self._local.items()):
            stored = on_disk.get(record_id)
            if stored is not None and stored.updated_at >= record.updated_at:
                del self._local[record_id]
        self.session = snapshot.session
        self.decisions = snapshot.decisions
        seen = {s.id for s in self.segments}
        segments = _overlay(snapshot.segments, self._local, Segment)
        self.segments = sorted(segments, key=lambda s: (s.at, s.id))
        arrived = [s for s in self.segments if s.id not in seen] if self.loaded else []
        questions = _overlay(snapshot.questions, self._local, Question)
        self.questions = {q.id: q for q in questions}
        rules = _overlay(snapshot.rules, self._local, Rule)
        self.rules = {r.id: r for r in rules}
        self._show_session_label()
        self.narrative.sync(self.segments)
        self._refresh_questions()
        self._refresh_rules()
        self.loaded = True
        for segment in arrived:  # said in the other view (pair mode): this view runs the engine
            self._suggest_for_arrived(segment)

    def _suggest_for_arrived(self, segment: Segment) -> None:
        """Questions for a segment another instance added: the engineer's view asks the engine.

        Only the capture screen runs the engine (the operator's view never does), and a
        segment this instance typed is already known, so each segment is asked about once.
        """
        index = self.segments.index(segment)
        self.start_suggestions(segment, [s.text for s in self.segments[:index]])

    def _refresh_questions(self) -> None:
        """Newest segment's questions first; within one segment, the engine's best first."""
        said_at = {s.id: s.at for s in self.segments}

        def newest_best(q: Question) -> tuple[str, float, str]:
            return (said_at.get(q.segment_id or "", q.created_at), q.score, q.created_at)

        self.question_list.show(sorted(self.questions.values(), key=newest_best, reverse=True))
        self._refresh_coverage()

    def _refresh_rules(self) -> None:
        ordered = sorted(self.rules.values(), key=lambda r: (r.created_at, r.id))
        self.rule_list.show(ordered)
        self._refresh_coverage()

    def _refresh_coverage(self) -> None:
        from tacit.models.checks import check_records

        rules = list(self.rules.values())
        questions = self.questions.values()
        to_fix = len(check_records(rules, questions, self.decisions)) if rules else None
        self.query_one(CoverageMeter).show(questions, rules, to_fix)

    def remember(self, record: Record) -> None:
        """Keep a locally changed record until the store shows it, and queue its save."""
        self.keep_local(record)
        self.tacit.writer.save(record)

    def keep_local(self, record: Record) -> None:
        """Show this version over the store's until a reload has it (its save is queued)."""
        self._local[record.id] = record

    def save_on_hangup(self) -> None:
        """The terminal went away (SIGHUP): keep the half-typed narrative as a segment."""
        text = self.narrative.input.value.strip()
        if text:
            speaker = self.narrative.speaker
            self.remember(Segment(session_id=self.session.id, speaker=speaker, text=text))
            self.narrative.input.value = ""

    # narrative ------------------------------------------------------------

    @on(NarrativePane.Submitted)
    def _add_segment(self, event: NarrativePane.Submitted) -> None:
        earlier = [s.text for s in self.segments]
        segment = Segment(session_id=self.session.id, speaker=event.speaker, text=event.text)
        self.segments.append(segment)
        self.narrative.append(segment)
        hint = self.narrative.hint(segment.id)
        if hint is not None:
            self.status.notice = f"coach: {hint.text}"
        self.remember(segment)
        self.start_suggestions(segment, earlier)

    # engine events --------------------------------------------------------

    @on(EngineBusy)
    def _engine_busy(self, message: EngineBusy) -> None:
        if message.busy or message.generation == self._suggest_generation:
            self.status.busy = message.busy

    @on(EngineNoticeArrived)
    def _engine_notice(self, message: EngineNoticeArrived) -> None:
        self.status.notice = message.text

    @on(EngineUsageArrived)
    def _engine_usage(self, message: EngineUsageArrived) -> None:
        tokens = message.prompt_tokens + message.completion_tokens
        cost = f" ${message.cost_usd:.4f}" if message.cost_usd is not None else ""
        self.status.usage = f"{tokens} tok{cost}"
