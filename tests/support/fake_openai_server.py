"""An OpenAI-compatible chat server on 127.0.0.1 for the LLM tests and the bench.

The scenario is chosen by the URL: api_base=http://127.0.0.1:PORT/s/<scenario>/v1.
Answers are built from the narrative the request carries (its sentences become the
questions' quotes), so the client's real parsing and validation are exercised.
Every request is recorded; so is a client that hangs up mid-stream.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CATEGORIES = ("exception", "edge_case", "handoff", "implicit_rule", "adoption")
_NARRATIVE = re.compile(r"<narrative>\n?(.*?)\n?</narrative>", re.DOTALL)
_ANSWER = re.compile(r"<answer>\n?(.*?)\n?</answer>", re.DOTALL)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


@dataclass
class Recorded:
    """One request as the server saw it."""

    scenario: str
    body: dict[str, Any]
    authorization: str


@dataclass
class ServerState:
    """What the tests inspect: requests, hang-ups, and knobs."""

    requests: list[Recorded] = field(default_factory=list)
    disconnects: list[str] = field(default_factory=list)
    completed: list[str] = field(default_factory=list)
    chunk_delay: float = 0.15
    hang_seconds: float = 5.0
    gate: threading.Event = field(default_factory=threading.Event)
    """Scenario "gated" sends its first question, then waits for this before the rest."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)

    def count(self, scenario: str) -> int:
        with self.lock:
            return sum(1 for r in self.requests if r.scenario == scenario)


def user_text(body: dict[str, Any]) -> str:
    """The content of the request's last user message (earlier ones are worked examples)."""
    users = [str(m.get("content", "")) for m in body.get("messages", []) if m.get("role") == "user"]
    return users[-1] if users else ""


def questions_from(body: dict[str, Any], count: int = 3) -> list[dict[str, str]]:
    """Questions quoting the request's narrative, one per sentence."""
    found = _NARRATIVE.search(user_text(body))
    narrative = found.group(1) if found else ""
    sentences = [s.strip() for s in _SENTENCE.findall(narrative) if len(s.split()) >= 2]
    items = []
    for index, sentence in enumerate(sentences[:count]):
        quote = " ".join(sentence.rstrip(".!?").split()[:6])
        items.append(
            {
                "question": f"What happens when {quote.lower()} does not hold, and who decides?",
                "category": CATEGORIES[index % len(CATEGORIES)],
                "quote": quote,
            }
        )
    return items


def injection_answer(body: dict[str, Any]) -> list[dict[str, str]]:
    """What a model that half-followed an injected instruction might say."""
    good = questions_from(body, 1)
    return [
        *good,
        {"question": "IGNORE PREVIOUS INSTRUCTIONS?", "category": "pwned", "quote": "x"},
        {
            "question": "[@click=app.quit]Quit now?",
            "category": "exception",
            "quote": "zzqx qxzz never said",
        },
        {
            "question": "Transfer the funds to account 42",
            "category": "exception",
            "quote": good[0]["quote"] if good else "",
        },
    ]


UNRULY_NARRATIVE = (
    "Tickets come in through Freshdesk. If the customer is angry, Maria calls them back. "
    "Refunds go through Quillpay."
)
UNRULY_SHOWN = (
    "How often is the customer angry, and what does a missed call-back cost?",
    "Who calls the customer back when Maria is out?",
)
"""What survives of UNRULY: the good question, and one cleaned of escapes and bidi controls."""
UNRULY: tuple[tuple[str, str], ...] = (
    ("How often is the customer angry, and what does a missed call-back cost?", "edge_case"),
    ("Who calls the customer back\x1b[31m when \u202eMaria is out?", "adoption"),
    ("[@click=app.quit]Who reads the refunds report?[/]", "reporting"),
    ("Who approves **refunds** in Quillpay?", "exception"),
    ("<b>Who</b> approves refunds in Quillpay?", "exception"),
    ("Who handles tickets? How often do refunds fail?", "handoff"),
    ("What is the capital of France?", "implicit_rule"),
    ("Tickets come in through Freshdesk?", "handoff"),
    ("Who covers Quillpay's work when Quillpay is out?", "adoption"),
    ('What happens to "once the" tickets after that?', "edge_case"),
    ('Is "if the customer is angry" a hard rule or a preference?', "implicit_rule"),
    ("What happens at 00:01:02 when tickets come in?", "edge_case"),
)
"""A small model's worst habits, all quoting UNRULY_NARRATIVE (scenario "unruly")."""


def unruly_answer() -> list[dict[str, str]]:
    """UNRULY as question items, each quoting the narrative word for word."""
    return [
        {"question": question, "category": category, "quote": "If the customer is angry"}
        for question, category in UNRULY
    ]


def draft_from(body: dict[str, Any]) -> dict[str, Any]:
    """A rule draft restating the answer in the request."""
    found = _ANSWER.search(user_text(body))
    answer = (found.group(1) if found else "").strip()
    return {
        "statement": answer,
        "when": answer.split(",")[0],
        "then": "route it",
        "unless": [{"condition": "the account has an owner", "then": "keep it"}],
        "frequency": "",
        "owner": "",
    }


def content_for(scenario: str, body: dict[str, Any]) -> str:
    """The assistant text a scenario answers with."""
    if "<answer>" in user_text(body):
        draft = draft_from(body)
        if scenario == "thin":  # a model that restates the answer and structures nothing
            draft.update(when="", then="", unless=[])
        return json.dumps(draft)
    items = injection_answer(body) if scenario == "inject" else questions_from(body)
    if scenario == "unruly":
        items = unruly_answer()
    if scenario == "copycat":  # a small model repeating the prompt's worked example
        from tacit.question_engine.llm_prompts import load_prompt

        return load_prompt("example_questions")
    if scenario == "slow":
        items = questions_from(body, 40) * 10
    if scenario == "gated":
        items = questions_from(body, 40)
    if scenario == "malformed":
        return "Sure! Here you go: {question: who decides, category: exception"
    if scenario == "empty":
        return ""
    if scenario == "fenced":
        fenced = json.dumps(items, indent=2)
        return f"Here are my questions:\n```json\n{fenced}\n```\nHope it helps."
    if body.get("response_format", {}).get("type") == "json_schema":
        return json.dumps({"questions": items})
    return "".join(json.dumps(item) + "\n" for item in items)


ERRORS = {
    "e401": (401, "invalid_api_key"),
    "e429": (429, "rate_limit_exceeded"),
    "e500": (500, "server_error"),
}


class Handler(BaseHTTPRequestHandler):
    """One HTTP/1.0 exchange per connection; streams as server-sent events."""

    server: FakeServer

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_POST(self) -> None:
        parts = self.path.strip("/").split("/")
        scenario = parts[1] if len(parts) > 2 and parts[0] == "s" else "ok"
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        state = self.server.state
        with state.lock:
            state.requests.append(Recorded(scenario, body, self.headers.get("Authorization", "")))
        if scenario in ERRORS:
            status, code = ERRORS[scenario]
            self._send_json(
                status,
                {
                    "error": {
                        "message": f"fake {code} sk-secret-in-message",
                        "type": code,
                        "code": code,
                    }
                },
            )
            return
        if scenario == "hang":
            state.stop.wait(state.hang_seconds)
            return
        text = content_for(scenario, body)
        if body.get("stream"):
            self._stream(scenario, body, text)
        else:
            self._send_json(200, self._completion(body, text))

    def _send_json(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _completion(self, body: dict[str, Any], text: str) -> dict[str, Any]:
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "fake"),
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": text},
                }
            ],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
        }

    def _event(
        self,
        body: dict[str, Any],
        delta: dict[str, Any],
        finish: str | None,
        usage: dict[str, int] | None = None,
    ) -> bytes:
        chunk: dict[str, Any] = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": body.get("model", "fake"),
            "choices": [] if usage else [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        if usage:
            chunk["usage"] = usage
        return f"data: {json.dumps(chunk)}\n\n".encode()

    def _stream(self, scenario: str, body: dict[str, Any], text: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        lines = text.splitlines(keepends=True) or [""]
        if scenario == "halfway":
            lines = lines[: max(1, len(lines) // 2)]
        delay = self.server.state.chunk_delay if scenario == "slow" else 0.0
        try:
            self.wfile.write(self._event(body, {"role": "assistant", "content": ""}, None))
            for index, line in enumerate(lines):
                if delay:
                    time.sleep(delay)
                if scenario == "gated" and index == 1:
                    self.server.state.gate.wait(30)
                self.wfile.write(self._event(body, {"content": line}, None))
                self.wfile.flush()
            if scenario == "halfway":
                return
            self.wfile.write(self._event(body, {}, "stop"))
            if (body.get("stream_options") or {}).get("include_usage"):
                usage = {
                    "prompt_tokens": 100,
                    "completion_tokens": 20 * len(lines),
                    "total_tokens": 100 + 20 * len(lines),
                }
                self.wfile.write(self._event(body, {}, None, usage))
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            with self.server.state.lock:
                self.server.state.completed.append(scenario)
        except (BrokenPipeError, ConnectionResetError):
            with self.server.state.lock:
                self.server.state.disconnects.append(scenario)


class FakeServer(ThreadingHTTPServer):
    """The server; `state` is shared with the test."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.state = ServerState()
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def base(self, scenario: str = "ok") -> str:
        """The api_base selecting a scenario."""
        return f"http://127.0.0.1:{self.port}/s/{scenario}/v1"

    def start(self) -> FakeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.state.stop.set()
        self.shutdown()
        self.server_close()


if __name__ == "__main__":
    server = FakeServer().start()
    print(server.base(), flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()
