"""The LLM engine: questions and rule drafts from any model litellm can reach.

litellm is imported here only, lazily, in a thread (it costs ~3-4 s and ~200 MB),
and only when an LLM is configured. Every failure becomes an `LLMFailure` whose
message is one line fit for the status line: never a key, never a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import threading
from collections import Counter
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tacit.models.config import LLMConfig, api_base_problem
from tacit.question_engine import llm_prompts
from tacit.question_engine.llm_parse import ObjectScanner, judge, to_rule_draft
from tacit.question_engine.merge import is_duplicate
from tacit.question_engine.slots import Lexicon
from tacit.question_engine.types import EngineUsage, RuleDraft, SessionContext, Suggestion

_litellm: Any = None
_import_lock = threading.Lock()
RETRY_BACKOFF_SECONDS = 0.25
TOKENS_PER_QUESTION = 120
"""Output budget per asked-for question, so a rambling model cannot run on."""
DRAFT_MAX_TOKENS = 600


class LLMFailure(Exception):
    """The LLM call did not give usable output; the message is one line saying why."""


def litellm_loaded() -> bool:
    """True once litellm has been imported in this process."""
    return "litellm" in sys.modules


def load_litellm() -> Any:
    """Import litellm once (blocking: call it from a thread), quiet and offline-safe."""
    global _litellm
    with _import_lock:
        if _litellm is None:
            os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
            os.environ.setdefault("LITELLM_TELEMETRY", "False")
            import litellm

            litellm.suppress_debug_info = True
            litellm.telemetry = False
            setattr(litellm, "set_verbose", False)  # noqa: B010 (not exported)
            litellm.callbacks = []
            litellm.success_callback = []
            litellm.failure_callback = []
            _litellm = litellm
    return _litellm


async def ensure_litellm() -> Any:
    """litellm, imported in a thread the first time so the event loop keeps running."""
    if _litellm is not None:
        return _litellm
    try:
        return await asyncio.to_thread(load_litellm)
    except ImportError as error:
        raise LLMFailure(f"litellm cannot be imported ({error.name or error})") from None


def describe_failure(error: BaseException, config: LLMConfig) -> str:
    """One line saying why a call failed; exception texts are not echoed (they may hold keys)."""
    if isinstance(error, LLMFailure):
        return str(error)
    name = type(error).__name__
    status = getattr(error, "status_code", None)
    where = _without_credentials(config.api_base) or config.model
    if name == "Timeout" or isinstance(error, TimeoutError):
        return f"LLM timed out after {config.timeout:g} s"
    if name == "AuthenticationError" or status == 401:
        return "LLM rejected the API key (401)"
    if name == "RateLimitError" or status == 429:
        return "LLM rate limit reached (429)"
    if name == "NotFoundError" or status == 404:
        return f"LLM model or endpoint not found at {where} (404)"
    if _is_missing_key(error):  # the SDK's own refusal, which litellm reports as a 500
        return (
            f"LLM has no API key for {config.model} "
            "(set the provider's key variable, or llm.api_key_env in config.toml)"
        )
    if name == "APIConnectionError" or (name == "InternalServerError" and _is_connection(error)):
        return f"LLM unreachable at {where}"
    if isinstance(status, int) and status >= 500:
        return f"LLM server error ({status})"
    if name == "BadRequestError" or status == 400:
        return "LLM rejected the request (400)"
    return f"LLM call failed ({name})"


def _without_credentials(url: str) -> str:
    """The URL with any user:password@ part removed, fit to show."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _is_transient(error: BaseException) -> bool:
    """Worth another try: the server may answer next time."""
    status = getattr(error, "status_code", None)
    if type(error).__name__ in {"Timeout", "APIConnectionError", "RateLimitError"}:
        return True
    return isinstance(status, int) and (status == 429 or status >= 500)


def _is_missing_key(error: BaseException) -> bool:
    text = str(error).lower()
    return "missing credentials" in text or "api_key client option must be set" in text


def _is_connection(error: BaseException) -> bool:
    text = str(error).lower()
    return "connect" in text or "connection" in text or "refused" in text


@dataclass(slots=True)
class CallReport:
    """What the model's last answer held: questions offered, shown, and why others were not."""

    offered: int = 0
    shown: int = 0
    dropped: Counter[str] = field(default_factory=Counter)


class LLMClient:
    """Asks one configured model for questions and rule drafts."""

    def __init__(self, config: LLMConfig) -> None:
        self.config = config
        self.report = CallReport()
        """The last stream_questions call's questions, kept and dropped (for the eval)."""

    def _call_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {
            "model": self.config.model,
            "timeout": self.config.timeout,
            "temperature": self.config.temperature,
            # tacit retries itself (see _call): litellm's num_retries stacks on the
            # OpenAI SDK's own retries (1 + 2n requests), so both are switched off.
            "num_retries": 0,
            "max_retries": 0,
        }
        if self.config.api_base:
            problem = api_base_problem(self.config.api_base)
            if problem is not None:
                raise LLMFailure(f"LLM not called: {problem}")
            options["api_base"] = self.config.api_base
        if self.config.api_key_env:
            key = os.environ.get(self.config.api_key_env)
            if not key:
                raise LLMFailure(f"LLM key variable {self.config.api_key_env} is not set")
            options["api_key"] = key
        return options

    def _supports_schema(self, litellm: Any) -> bool:
        try:
            return bool(litellm.supports_response_schema(model=self.config.model))
        except Exception:
            return False

    async def stream_questions(
        self, segment: str, context: SessionContext
    ) -> AsyncGenerator[Suggestion | EngineUsage, None]:
        """Validated suggestions as each completes, then this call's usage.

        Raises LLMFailure on any failure, including output with no usable question
        and a stream that stops before the model says it finished. Cancelling the
        consumer closes the HTTP stream.
        """
        options = self._call_options()
        litellm = await ensure_litellm()
        schema = self._supports_schema(litellm)
        limit = self.config.max_suggestions
        messages = llm_prompts.question_messages(
            segment, context, limit, self.config.redact, schema
        )
        narrative = llm_prompts.sent_narrative(segment, context, self.config.redact)
        lexicon = Lexicon.load()  # the offline engine's checks apply to the model's questions
        if schema:
            options["response_format"] = {
                "type": "json_schema",
                "json_schema": {
                    "name": "questions",
                    "schema": llm_prompts.QUESTIONS_SCHEMA,
                    "strict": True,
                },
            }
        response = await self._call(
            litellm,
            messages=messages,
            stream=True,
            stream_options={"include_usage": True},
            max_tokens=TOKENS_PER_QUESTION * limit + 100,
            **options,
        )
        scanner = ObjectScanner()
        self.report = CallReport()
        received = False
        produced = 0
        finished = False
        usage: Any = None
        try:
            async for chunk in response:
                received = True
                usage = getattr(chunk, "usage", None) or usage
                for choice in getattr(chunk, "choices", None) or []:
                    finished = finished or bool(getattr(choice, "finish_reason", None))
                    delta = getattr(choice, "delta", None)
                    text = getattr(delta, "content", None) if delta is not None else None
                    if not text:
                        continue
                    for item in scanner.feed(text):
                        suggestion = self._admit(item, narrative, produced, lexicon)
                        if suggestion is not None and produced < limit:
                            produced += 1
                            yield suggestion
                if produced >= limit:  # enough: stop the model rather than wait for it
                    finished = True
                    break
        except asyncio.CancelledError:
            raise
        except Exception as error:
            reason = "LLM stream stopped halfway" if received else None
            raise LLMFailure(reason or describe_failure(error, self.config)) from None
        finally:
            await _close(response)
        if usage is not None:
            yield self._usage(litellm, usage)
        if not finished:
            raise LLMFailure("LLM stream stopped halfway")
        if produced == 0:
            raise LLMFailure("LLM gave no usable questions")

    def _admit(
        self, item: dict[str, Any], narrative: list[str], rank: int, lexicon: Lexicon
    ) -> Suggestion | None:
        """The item as a Suggestion when it passes every check; counted either way."""
        if "question" not in item and "text" not in item:
            return None  # a wrapper object ({"questions": [...]}) or a stray one
        self.report.offered += 1
        verdict = judge(item, narrative, lexicon)
        if not isinstance(verdict, str) and is_duplicate(
            verdict[0], llm_prompts.example_questions()
        ):
            verdict = "copies the prompt's example"
        if isinstance(verdict, str):
            self.report.dropped[verdict] += 1
            return None
        self.report.shown += 1
        text, category, quote = verdict
        return Suggestion(
            text=text,
            category=category,
            quote=quote,
            source=self.config.model,
            score=round(max(0.1, 0.9 - 0.05 * rank), 4),
        )

    async def _call(self, litellm: Any, **request: Any) -> Any:
        """litellm.acompletion with `num_retries` retries on transient failures only
        (connection, timeout, 429, 5xx); never on 4xx like a bad key."""
        attempt = 0
        while True:
            try:
                return await litellm.acompletion(**request)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                if attempt >= self.config.num_retries or not _is_transient(error):
                    raise LLMFailure(describe_failure(error, self.config)) from None
            attempt += 1
            await asyncio.sleep(RETRY_BACKOFF_SECONDS * attempt)

    def _usage(self, litellm: Any, usage: Any) -> EngineUsage:
        prompt_tokens = int(getattr(usage, "prompt_tokens", 0) or 0)
        completion_tokens = int(getattr(usage, "completion_tokens", 0) or 0)
        cost: float | None
        try:
            prompt_cost, completion_cost = litellm.cost_per_token(
                model=self.config.model,
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
            )
            cost = float(prompt_cost) + float(completion_cost)
        except Exception:
            cost = None
        return EngineUsage(prompt_tokens, completion_tokens, cost)

    async def draft_rule(
        self, question: str, answer: str, quote: str = ""
    ) -> tuple[RuleDraft, EngineUsage | None]:
        """A rule draft from the model (and the call's usage); LLMFailure when none fits."""
        options = self._call_options()
        litellm = await ensure_litellm()
        messages = llm_prompts.draft_messages(question, answer, self.config.redact, quote)
        response = await self._call(
            litellm, messages=messages, max_tokens=DRAFT_MAX_TOKENS, **options
        )
        try:
            text = str(response.choices[0].message.content or "")
        except (AttributeError, IndexError, TypeError):
            raise LLMFailure("LLM gave no usable rule draft") from None
        draft = to_rule_draft(text)
        if draft is None:
            raise LLMFailure("LLM gave no usable rule draft")
        usage = getattr(response, "usage", None)
        return draft, (self._usage(litellm, usage) if usage is not None else None)


async def _close(response: Any) -> None:
    """Close the HTTP stream even while the caller is being cancelled."""
    close = getattr(response, "aclose", None)
    if close is None:
        return
    with contextlib.suppress(BaseException):  # best effort; the caller's own error wins
        await asyncio.shield(close())
