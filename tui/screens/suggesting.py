"""A session view that runs the question engine: every segment is asked about once, in order.

What it guarantees (the capture screen builds on it; the operator's view never runs
the engine):

- Segments wait in one queue and one worker asks about them in the order they were
  said: a burst of the operator's segments arriving in one reload all get questions.
- When the view opens (or the engineer rejoins), the operator's segments no engine
  run has reached are queued (`models.first_questions.unasked`): what was said
  before this view ran is asked about too,
  while nobody is typing (catching up with a long imported call never slows the keys).
- A segment typed here, or arriving from the other view, is queued unless another
  view already recorded questions for it.
- Questions are shown once saved, and saved only if no other view recorded questions
  for that segment first (`SessionState.record_questions`): two engineer views on
  one session never show, store or export a question twice.
- With an LLM, a view asks about a segment only while it holds the segment's claim
  (`models.segment_claims`): of two engineer views one pays for the model's answer,
  the other waits until the claim is free and finds the questions recorded.
- With an LLM, a new segment cancels the LLM run in flight (its offline questions
  are already out); the segments queued behind it are still asked about. Escape
  stops the run in flight and empties the queue.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import TYPE_CHECKING

from textual import on, work

from tacit.models.domain import Question, Segment, Session
from tacit.models.first_questions import unasked
from tacit.tui.context import AppContext
from tacit.tui.messages import (
    EngineBusy,
    EngineNoticeArrived,
    QuestionsRecorded,
    SegmentAsked,
    SuggestionArrived,
)
from tacit.tui.screens.session_screen import RELOAD_QUIET, SessionScreen

if TYPE_CHECKING:  # the engine loads after the first frame, in the suggestion worker
    from tacit.models.segment_claims import SegmentClaims
    from tacit.question_engine.service import UsageMeter
    from tacit.question_engine.session import EngineSession

CLAIM_POLL = 0.2  # seconds between looks at a segment another view is asking about


class SuggestingScreen(SessionScreen):
    """Queues segments for the engine, runs it, and records each segment's questions once."""

    def __init__(self, session: Session, context: AppContext) -> None:
        super().__init__(session, context)
        self._usage: UsageMeter | None = None
        self.engine_session: EngineSession | None = None  # this session's engine, on first use
        self._suggest_generation = 0
        self._asked_about: set[str] | None = None  # segments queued or asked (None: not loaded)
        self._waiting: deque[Segment] = deque()  # segments to ask about, in order
        self._unrecorded: list[Question] = []  # arrived, to save in one batch
        self._offered: set[str] = set()  # texts this view handed on (saved or on their way)
        self._recording = 0  # batches on their way to the store
        self._draining: int | None = None  # the run taking segments from the queue, if any
        self._backlog: set[str] = set()  # said before this view opened: asked in typing pauses
        self._claims: SegmentClaims | None = None  # made on first use (an LLM is configured)
        self.waiting_for_claim: str | None = None
        """The segment another view is asking the LLM about while this one waits, if any."""

    @property
    def usage(self) -> UsageMeter:
        """This session's LLM token and cost totals (made on first use: no engine import
        before the first frame)."""
        if self._usage is None:
            from tacit.question_engine.service import UsageMeter

            self._usage = UsageMeter()
        return self._usage

    @property
    def suggesting(self) -> bool:
        """A segment waits or is being asked about, or its questions are not saved yet."""
        running = any(w.group == "suggest" and w.is_running for w in self.workers)
        return running or bool(self._waiting or self._unrecorded or self._recording)

    def set_engine_busy(self, busy: bool) -> None:
        """Show whether the engine is working (the subclass's status line)."""

    def ask_about_new_segments(self) -> None:
        """After a load: queue what nobody asked about yet (call from `show_records`)."""
        segments = self.state.segments
        if self._asked_about is None:  # the first load: only what never got questions
            self._asked_about = {s.id for s in segments}
            arrived = unasked(segments, self.state.questions.values())
            self._backlog = {s.id for s in arrived}
        else:  # said in the other view since: asked here unless another view already did
            asked = {q.segment_id for q in self.state.questions.values()}
            arrived = [s for s in segments if s.id not in self._asked_about]
            self._asked_about.update(s.id for s in arrived)
            arrived = [s for s in arrived if s.id not in asked]
        for segment in arrived:
            self.suggest_for(segment)

    def suggest_for(self, segment: Segment) -> None:
        """Queue a segment for the engine (typed here or arrived from the other view)."""
        if self._asked_about is not None:
            self._asked_about.add(segment.id)
        self._waiting.append(segment)
        if self._draining is not None and not self.context.config.llm.enabled:
            return  # offline runs take milliseconds: the run in flight takes it next
        self._suggest_generation += 1
        self._draining = self._suggest_generation
        self._ask_in_order(self._suggest_generation)  # exclusive: cancels an LLM run in flight

    @work(exclusive=True, group="suggest", exit_on_error=False)
    async def _ask_in_order(self, generation: int) -> None:
        self.post_message(EngineBusy(True, generation))
        try:
            while self._waiting:
                segment = self._waiting.popleft()
                if segment.id in self._backlog:
                    await self._typing_pause()
                if self._has_questions(segment.id):
                    continue  # another view recorded its questions meanwhile
                claimed = self.context.config.llm.enabled
                if claimed and not await self._claim(segment):
                    continue  # the other view asked (and paid); its questions show here
                try:
                    await self._ask(segment)
                finally:
                    if claimed:  # handled after the segment's suggestions
                        self.post_message(SegmentAsked(segment.id))
        finally:  # no await between the last look at the queue and here
            if self._draining == generation:
                self._draining = None
            self.post_message(EngineBusy(False, generation))

    async def _ask(self, segment: Segment) -> None:
        """Run the engine on one segment; its questions arrive as messages."""
        from tacit.tui.screens import capture_engine  # not before the first frame

        earlier = [s for s in self.state.segments if (s.at, s.id) < (segment.at, segment.id)]
        context = capture_engine.session_context(
            earlier,
            list(self.state.questions.values()),
            list(self.state.rules.values()),
            self.session.workflow,
        )
        if self.engine_session is None:
            self.engine_session = await capture_engine.open_engine(self.context.open_engine)
        await capture_engine.stream_suggestions(
            segment,
            context,
            self.context.config,
            self.usage,
            self.engine_session,
            self.post_message,
            self.state.segments,
        )

    def _has_questions(self, segment_id: str) -> bool:
        return any(q.segment_id == segment_id for q in self.state.questions.values())

    async def _claim(self, segment: Segment) -> bool:
        """Wait until no other view is asking about segment, then claim it; False when the
        other view's questions for it are recorded by then (nothing is paid for twice)."""
        if self._claims is None:
            from tacit.models.segment_claims import SegmentClaims

            self._claims = SegmentClaims(self.state.store.path)
        claims = self._claims
        try:
            while not claims.try_claim(segment.id):
                self.waiting_for_claim = segment.id
                await asyncio.sleep(CLAIM_POLL)
                if self._has_questions(segment.id):
                    return False
        finally:
            self.waiting_for_claim = None
        try:  # the other view may have finished just before: look at the store itself
            stored = await asyncio.to_thread(self.state.store.questions, segment.session_id)
        except BaseException:
            claims.release(segment.id)
            raise
        if any(q.segment_id == segment.id for q in stored):
            claims.release(segment.id)
            return False
        return True

    @on(SegmentAsked)
    def _segment_asked(self, message: SegmentAsked) -> None:
        claims = self._claims
        if claims is None:
            return
        self._record_arrived()  # this segment's questions go to the writer now
        self.state.after_writes(lambda: claims.release(message.segment_id))

    def on_unmount(self) -> None:
        if self._claims is not None:
            self._claims.release_all()

    async def _typing_pause(self) -> None:
        """Catching up with a long backlog (an imported call) never competes with typing."""
        while (quiet := time.monotonic() - self._last_typed) < RELOAD_QUIET:
            await asyncio.sleep(RELOAD_QUIET - quiet)

    def action_stop_suggestions(self) -> None:
        """Escape: stop the suggestion run in flight (closes an LLM stream) and the queue."""
        running = [w for w in self.workers if w.group == "suggest" and w.is_running]
        self._waiting.clear()
        if running:
            self.workers.cancel_group(self, "suggest")
            self.post_message(EngineNoticeArrived("suggestions stopped"))

    @on(SuggestionArrived)
    def _suggestion_arrived(self, message: SuggestionArrived) -> None:
        question = message.question
        text = question.text.casefold()  # the session's best come again after each segment
        if text in self._offered or any(
            q.text.casefold() == text for q in self.state.questions.values()
        ):
            return
        self._offered.add(text)
        if not self._unrecorded:  # the rest of this burst joins it before the write
            self.call_later(self._record_arrived)
        self._unrecorded.append(question)

    def _record_arrived(self) -> None:
        batch, self._unrecorded = self._unrecorded, []
        if not batch:
            return
        self._recording += 1

        def recorded(kept: list[Question]) -> None:  # on the writer thread
            self.post_message(QuestionsRecorded(kept))

        self.state.record_questions(batch, recorded)

    @on(QuestionsRecorded)
    def _questions_recorded(self, message: QuestionsRecorded) -> None:
        self._recording = max(0, self._recording - 1)
        self.state.show(message.questions)
        self.show_questions()

    def show_questions(self) -> None:
        """Refresh the questions pane (the subclass's)."""

    @on(EngineBusy)
    def _engine_busy(self, message: EngineBusy) -> None:
        if message.busy or message.generation == self._suggest_generation:
            self.set_engine_busy(message.busy)
