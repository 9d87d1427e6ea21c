"""What the LLM engine costs: per-call overhead over bare litellm, and start-up with an LLM.

Run:  python bench/bench_llm.py [--calls 10] [--runs 5] [--no-llama] [--no-startup]

1. Overhead per suggestion call: `LLMClient.stream_questions` (prompt building,
   redaction, streaming JSON parsing, validation) against a bare
   `litellm.acompletion(stream=True)` with the same messages and token budget, to
   the same server, interleaved in one run. Servers: the fake OpenAI server from
   tests/ (deterministic, isolates the client's own cost) and, when set up by
   scripts/setup-llama-server.sh, a local llama.cpp server with SmolLM2-135M.
2. Start-up to first frame in tmux, `tacit --session ID` with an LLM configured
   (--model/--api-base) against without, interleaved (target: equal; litellm must
   not be imported before the first frame). Reuses bench/bench_startup.py's helpers.

Prints figures only; nothing here asserts timings.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from fake_openai_server import FakeServer  # noqa: E402

from tacit.models.config import LLMConfig  # noqa: E402
from tacit.question_engine import llm_prompts  # noqa: E402
from tacit.question_engine.llm import TOKENS_PER_QUESTION, LLMClient, LLMFailure, load_litellm  # noqa: E402
from tacit.question_engine.types import SessionContext  # noqa: E402

SEGMENT = (
    "We route claims by zip code. Unless the account has a primary owner, then it "
    "stays with that owner's team even when she is out. Refunds over 500 dollars go "
    "to Finance by email, and Janet checks them on Fridays."
)


def _ms(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    median = statistics.median(ms)
    return f"median {median:7.1f} ms  (min {ms[0]:.1f}, max {ms[-1]:.1f}, n={len(ms)})"


async def bare_call(litellm: Any, config: LLMConfig) -> float:
    """One bare litellm streaming call with tacit's messages, read to the end."""
    messages = llm_prompts.question_messages(
        SEGMENT, SessionContext(), config.max_suggestions, False, False
    )
    start = time.perf_counter()
    response = await litellm.acompletion(
        model=config.model,
        api_base=config.api_base,
        messages=messages,
        stream=True,
        temperature=config.temperature,
        timeout=config.timeout,
        num_retries=0,
        max_retries=0,
        max_tokens=TOKENS_PER_QUESTION * config.max_suggestions + 100,
        stream_options={"include_usage": True},
    )
    async for _ in response:
        pass
    return time.perf_counter() - start


async def tacit_call(config: LLMConfig) -> tuple[float, int]:
    """One tacit suggestion call, read to the end; seconds and questions kept."""
    start = time.perf_counter()
    kept = 0
    try:
        async for event in LLMClient(config).stream_questions(SEGMENT, SessionContext()):
            kept += hasattr(event, "text")
    except LLMFailure:
        pass
    return time.perf_counter() - start, kept


async def overhead(label: str, config: LLMConfig, calls: int) -> None:
    litellm = load_litellm()
    await bare_call(litellm, config)  # warm up connections and caches
    await tacit_call(config)
    bare, tacit, kept = [], [], []
    for _ in range(calls):
        bare.append(await bare_call(litellm, config))
        seconds, questions = await tacit_call(config)
        tacit.append(seconds)
        kept.append(questions)
    extra = statistics.median(tacit) - statistics.median(bare)
    print(f"Suggestion call, {label}:")
    print(f"  bare litellm.acompletion(stream): {_ms(bare)}")
    print(
        f"  tacit LLMClient.stream_questions: {_ms(tacit)}  "
        f"(questions kept per call: {statistics.median(kept):g})"
    )
    print(
        f"  tacit overhead: {extra * 1000:+.1f} ms per call (medians), "
        f"{(min(tacit) - min(bare)) * 1000:+.1f} ms (minimums)"
    )


def llama_server(calls: int) -> None:
    from test_llm_llamacpp import find_model, llama_python, start_llama_server

    python = llama_python()
    model = find_model(python)
    if model is None:
        print(
            f"Suggestion call, llama.cpp: skipped (not installed at {python}; "
            "run scripts/setup-llama-server.sh)"
        )
        return
    process, base = start_llama_server(python, model)
    try:
        config = LLMConfig(
            model="openai/smollm2",
            api_base=base,
            timeout=120.0,
            num_retries=0,
            temperature=0.0,
            max_suggestions=3,
        )
        asyncio.run(overhead("local llama.cpp server, SmolLM2-135M", config, calls))
    finally:
        process.terminate()
        process.wait(10)


def startup(runs: int, api_base: str) -> None:
    from bench_startup import Tmux, env_prefix, make_database, tacit_command

    with tempfile.TemporaryDirectory(prefix="tacit-bench-llm-") as tmp:
        work = Path(tmp)
        tmux = Tmux(work)
        db = work / "startup.json"
        session_id, _ = make_database(db, 10)
        base = (
            f"{env_prefix(db, work)} OPENAI_API_KEY=unused {tacit_command()} --session {session_id}"
        )
        without, with_llm = [], []
        try:
            for run in range(runs):
                without.append(tmux.launch(f"off{run}", base, "Narrative"))
                command = f"{base} --model openai/fake-small --api-base {api_base}"
                with_llm.append(tmux.launch(f"llm{run}", command, "Narrative"))
                for name in (f"off{run}", f"llm{run}"):
                    tmux.run("send-keys", "-t", f"bench:{name}", "C-q")
        finally:
            tmux.close()
    print("Launch to first frame in tmux (100x30):")
    print(f"  tacit, no LLM:          {_ms(without)}")
    print(f"  tacit, LLM configured:  {_ms(with_llm)}")
    ratio = statistics.median(with_llm) / statistics.median(without)
    print(f"  ratio LLM/no LLM (medians): {ratio:.2f}x  (target 1.00x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10, help="calls of each kind per server")
    parser.add_argument("--runs", type=int, default=5, help="launches of each start-up kind")
    parser.add_argument(
        "--llama-calls",
        type=int,
        default=3,
        help="calls of each kind to the llama.cpp server (slow: seconds each)",
    )
    parser.add_argument("--no-llama", action="store_true", help="skip the llama.cpp server")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up runs")
    args = parser.parse_args()
    os.environ.setdefault("OPENAI_API_KEY", "sk-bench-unused")
    started = time.perf_counter()
    load_litellm()
    print(
        f"import litellm (once per process, in a thread in the app): "
        f"{(time.perf_counter() - started) * 1000:.0f} ms"
    )
    server = FakeServer().start()
    try:
        config = LLMConfig(
            model="openai/fake-small", api_base=server.base("ok"), timeout=10.0, num_retries=0
        )
        asyncio.run(overhead("fake OpenAI server on 127.0.0.1", config, args.calls))
        if not args.no_llama:
            llama_server(args.llama_calls)
        if not args.no_startup:
            startup(args.runs, server.base("ok"))
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
