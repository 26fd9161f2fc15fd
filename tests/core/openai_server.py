"""A small OpenAI-compatible HTTP server on loopback for testing our clients for real.

Scripted replies are served in order (a default when the queue is empty); faults are
injected for the next N chat calls: a delay, a hang (never answers), a drip (the response
one byte a second), a paced stream (one event every few seconds), an HTTP status (500, 429, 400…), a raw 200 body (empty, `{}`, non-JSON…),
or a dropped connection. Options make it reject what strict chat templates reject (a system
message that is not first) and prompts past a context limit, worded like vLLM, llama.cpp or
OpenAI. Every request body is recorded.
"""
from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# How each server family words "the prompt is longer than the context window" (HTTP 400).
CONTEXT_ERRORS = {
    "openai": {"error": {"message": "This model's maximum context length is 1024 tokens. However, your messages "
                                    "resulted in 5000 tokens. Please reduce the length of the messages.",
                         "type": "invalid_request_error", "param": "messages", "code": "context_length_exceeded"}},
    "vllm": {"object": "error", "message": "This model's maximum context length is 1024 tokens. However, you requested "
                                           "5000 tokens (4800 in the messages, 200 in the completion). Please reduce "
                                           "the length of the messages or completion.",
             "type": "BadRequestError", "param": None, "code": 400},
    "llamacpp": {"error": {"code": 400, "message": "the request exceeds the available context size, try increasing it",
                           "type": "exceed_context_size_error", "n_prompt_tokens": 5000, "n_ctx": 1024}},
}


@dataclass
class Fault:
    kind: str  # "status" | "delay" | "hang" | "drip" | "pace" | "body" | "drop"
    status: int = 500
    seconds: float = 0.0
    body: bytes = b""


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that gave up (timeout test) closes its socket; that is expected here."""


class OpenAIServer:
    """Start with `start()`; point a client at `base_url`; stop with `stop()`."""

    def __init__(self, default_reply: str = "好的。"):
        self.default_reply = default_reply
        self.replies: deque[str] = deque()
        self.faults: deque[Fault] = deque()
        self.requests: list[dict] = []
        self.reject_response_format = False
        # Templates of some local models accept one leading system message only.
        self.require_leading_system = False
        # (characters of message content, wording) past which a prompt is "too long".
        self.context_limit: tuple[int, str] | None = None
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.httpd = QuietServer(("127.0.0.1", 0), self._handler())
        # A short poll interval: stop() waits for one poll, and every test stops a server.
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def start(self) -> "OpenAIServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # releases hanging and dripping handlers
        self.httpd.shutdown()
        self.httpd.server_close()

    # --- scripting ---
    def reply(self, *texts: str) -> None:
        """Queue the content of the next chat completions, in order."""
        with self.lock:
            self.replies.extend(texts)

    def fail(self, status: int = 500, times: int = 1) -> None:
        self._inject(Fault("status", status=status), times)

    def delay(self, seconds: float, times: int = 1) -> None:
        self._inject(Fault("delay", seconds=seconds), times)

    def hang(self, times: int = 1) -> None:
        """Read the request and never answer."""
        self._inject(Fault("hang"), times)

    def drip(self, times: int = 1, seconds: float = 1.0) -> None:
        """Send a valid response one byte every `seconds`, status line included."""
        self._inject(Fault("drip", seconds=seconds), times)

    def pace(self, seconds: float, times: int = 1) -> None:
        """Stream the next completions one event (three characters) every `seconds`, as a slow model writes."""
        self._inject(Fault("pace", seconds=seconds), times)

    def body(self, raw: bytes | str, times: int = 1) -> None:
        """Answer 200 with exactly this body (empty, `{}`, an error object, not JSON…)."""
        self._inject(Fault("body", body=raw.encode() if isinstance(raw, str) else raw), times)

    def garbage(self, times: int = 1) -> None:
        self.body(b"{this is not json", times)

    def drop(self, times: int = 1) -> None:
        self._inject(Fault("drop"), times)

    def _inject(self, fault: Fault, times: int) -> None:
        with self.lock:
            self.faults.extend([fault] * times)

    @property
    def chat_requests(self) -> list[dict]:
        return [r for r in self.requests if r["path"].endswith("/chat/completions")]

    def _next(self) -> tuple[Fault | None, str]:
        with self.lock:
            fault = self.faults.popleft() if self.faults else None
            if fault is not None and fault.kind not in ("delay", "drip", "pace"):
                return fault, ""
            return fault, self.replies.popleft() if self.replies else self.default_reply

    def _refusal(self, body: dict) -> tuple[int, dict] | None:
        """The 400 a strict server would send for this request, if any."""
        messages = body.get("messages", [])
        if self.reject_response_format and "response_format" in body:
            return 400, {"error": {"message": "response_format is not supported"}}
        if self.require_leading_system and any(m.get("role") == "system" for m in messages[1:]):
            return 400, {"error": {"message": "System message must be at the beginning.", "type": "BadRequestError"}}
        if self.context_limit and sum(len(str(m.get("content", ""))) for m in messages) > self.context_limit[0]:
            return 400, CONTEXT_ERRORS[self.context_limit[1]]
        return None

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep pytest output clean
                pass

            def _raw(self, status: int, body: bytes, content_type: str = "application/json") -> bytes:
                head = (f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}\r\n"
                        f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n")
                return head.encode() + body

            def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
                self.wfile.write(self._raw(status, body, content_type))

            def _json(self, status: int, obj: dict) -> None:
                self._send(status, json.dumps(obj, ensure_ascii=False).encode())

            def _drip(self, data: bytes, seconds: float) -> None:
                for i in range(len(data)):
                    if server.stopping.wait(seconds):
                        return
                    try:
                        self.wfile.write(data[i : i + 1])
                        self.wfile.flush()
                    except OSError:  # the client gave up, as it should
                        return

            def do_GET(self):
                if self.path.endswith("/models"):
                    self._json(200, {"object": "list", "data": [{"id": "test-model", "object": "model",
                                                                   "created": 0, "owned_by": "kefu-tests"}]})
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except ValueError:
                    return self._json(400, {"error": {"message": "request body is not JSON"}})
                with server.lock:
                    server.requests.append({"path": self.path, "body": body,
                                            "authorization": self.headers.get("Authorization", "")})
                if self.path.endswith("/embeddings"):
                    return self._embeddings(body)
                if self.path.endswith("/chat/completions"):
                    return self._chat(body)
                self._json(404, {"error": {"message": "not found"}})

            def _embeddings(self, body: dict) -> None:
                texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
                data = [{"object": "embedding", "index": i, "embedding": vector(t)} for i, t in enumerate(texts)]
                self._json(200, {"object": "list", "data": data, "model": body.get("model", ""),
                                 "usage": {"prompt_tokens": 0, "total_tokens": 0}})

            def _chat(self, body: dict) -> None:
                if refusal := server._refusal(body):
                    return self._json(*refusal)
                fault, content = server._next()
                if fault and fault.kind == "status":
                    return self._json(fault.status, {"error": {"message": f"injected {fault.status}"}})
                if fault and fault.kind == "body":
                    return self._send(200, fault.body)
                if fault and fault.kind == "hang":
                    server.stopping.wait()
                    return None
                if fault and fault.kind == "drop":
                    self.close_connection = True
                    self.connection.close()
                    return None
                if fault and fault.kind == "delay":
                    time.sleep(fault.seconds)
                if fault and fault.kind == "pace" and body.get("stream"):
                    self.close_connection = True
                    return self._paced(self._events(content, body), fault.seconds)
                if body.get("stream"):
                    response = b"".join(self._events(content, body))
                else:
                    response = self._raw(200, self._completion(content, body))
                if fault and fault.kind == "drip":
                    self.close_connection = True
                    return self._drip(response, fault.seconds)
                self.wfile.write(response)
                self.close_connection = bool(body.get("stream"))

            @staticmethod
            def _completion(content: str, body: dict) -> bytes:
                return json.dumps({
                    "id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()),
                    "model": body.get("model", ""),
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": content}}],
                    "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                }, ensure_ascii=False).encode()

            def _paced(self, events: list[bytes], seconds: float) -> None:
                for i, event in enumerate(events):
                    if i > 1 and server.stopping.wait(seconds):  # the head and first event at once
                        return
                    try:
                        self.wfile.write(event)
                        self.wfile.flush()
                    except OSError:
                        return

            @staticmethod
            def _events(content: str, body: dict) -> list[bytes]:
                """A streamed completion, three characters per event: the head, then one byte string per event."""
                events = [b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"]
                for i in range(0, len(content), 3):
                    chunk = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 0,
                             "model": body.get("model", ""),
                             "choices": [{"index": 0, "delta": {"content": content[i : i + 3]}, "finish_reason": None}]}
                    events.append(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                return events + [b"data: [DONE]\n\n"]

        return Handler


def vector(text: str, dim: int = 8) -> list[float]:
    """A deterministic stand-in embedding: the same text always gets the same vector."""
    digest = hashlib.sha256(text.encode()).digest()
    return [b / 255 for b in digest[:dim]]
