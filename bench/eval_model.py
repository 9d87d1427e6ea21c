"""Scoring a configured model with the engine evaluation (`eval_engine.py --model M`).

The model is asked through the same call `tacit suggest` makes, and a broken model is
reported, never fatal: the evaluation of a team's model must finish whatever it answers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from tacit.question_engine.types import Suggestion


def _reason_kind(reason: str) -> str:
    """A drop reason without the words it quotes (a test split's words stay unseen)."""
    reason = re.sub(r"\btreats \S+ as\b", "treats a name as", reason)
    return reason.split(" (")[0] if "quotes a fragment" in reason else reason


class ModelAsker:
    """Questions from a configured model for a whole narrative (its top 10, best first).

    The same call `tacit suggest` makes when an LLM is configured (LLMClient.stream_questions,
    the same prompt and checks). Never raises: a failure, a timeout or garbage counts as no
    questions and is tallied; `summary()` says how many questions the model offered, how
    many survived the checks, why the others were dropped, and the time per narrative.
    """

    def __init__(self, model: str, api_base: str, timeout: float = 300.0) -> None:
        from tacit.models.config import LLMConfig

        self.config = LLMConfig(
            model=model,
            api_base=api_base,
            timeout=timeout,
            num_retries=0,
            max_suggestions=10,
            temperature=0.0,
        )
        self.progress: Callable[[str], None] | None = None
        self.reset()

    def reset(self) -> None:
        """Start a new tally (one per split)."""
        self.calls: list[dict[str, Any]] = []

    def __call__(self, segments: list[str]) -> list[Suggestion]:
        import asyncio
        import time

        start = time.monotonic()
        found: list[Suggestion] = []
        call: dict[str, Any] = {"offered": 0, "shown": 0, "dropped": Counter(), "failure": ""}
        try:
            asyncio.run(self._ask("\n\n".join(segments), found, call))
        except Exception as error:  # the eval reports a broken model; it never stops
            call["failure"] = call["failure"] or f"eval: {type(error).__name__}"
        call["seconds"] = time.monotonic() - start
        self.calls.append(call)
        if self.progress is not None:
            self.progress(
                f"{len(self.calls)}: {call['shown']}/{call['offered']} questions kept, "
                f"{call['seconds']:.0f} s{'; ' + call['failure'] if call['failure'] else ''}"
            )
        return found

    async def _ask(self, text: str, found: list[Suggestion], call: dict[str, Any]) -> None:
        import asyncio

        from tacit.question_engine.llm import LLMClient, LLMFailure
        from tacit.question_engine.types import SessionContext

        client = LLMClient(self.config)

        async def consume() -> None:
            async for event in client.stream_questions(text, SessionContext()):
                if isinstance(event, Suggestion):
                    found.append(event)

        try:
            # the client's timeout bounds each read; this bounds the whole answer
            await asyncio.wait_for(consume(), self.config.timeout * 2)
        except LLMFailure as failure:
            call["failure"] = str(failure)
        except TimeoutError:
            call["failure"] = f"no complete answer within {self.config.timeout * 2:g} s"
        finally:
            call["offered"] = client.report.offered
            call["shown"] = client.report.shown
            call["dropped"] = client.report.dropped

    def summary(self) -> dict[str, Any]:
        """Totals over the calls since reset()."""
        dropped: Counter[str] = Counter()
        failures: Counter[str] = Counter()
        for call in self.calls:
            for reason, count in call["dropped"].items():
                dropped[_reason_kind(reason)] += count
            if call["failure"]:
                failures[call["failure"]] += 1
        count = max(1, len(self.calls))
        return {
            "offered": sum(c["offered"] for c in self.calls),
            "shown": sum(c["shown"] for c in self.calls),
            "dropped": dict(dropped.most_common()),
            "failures": dict(failures.most_common()),
            "seconds_per_narrative": sum(c["seconds"] for c in self.calls) / count,
        }
