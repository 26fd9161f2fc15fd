"""A small OpenAI-compatible HTTP server on loopback for testing our clients for real.

Scripted replies are served in order (a default when the queue is empty); faults are
injected for the next N chat calls: a delay past the client timeout, an HTTP status
(500, 429, 400…), a malformed (non-JSON) body, or a dropped connection. Every request
body is recorded.
"""
from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Fault:
    kind: str  # "status" | "delay" | "garbage" | "drop"
    status: int = 500
    seconds: float = 0.0


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
        self.lock = threading.Lock()
        self.httpd = QuietServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def start(self) -> "OpenAIServer":
        self.thread.start()
        return self

    def stop(self) -> None:
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

    def garbage(self, times: int = 1) -> None:
        self._inject(Fault("garbage"), times)

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
            if fault is not None and fault.kind != "delay":
                return fault, ""
            return fault, self.replies.popleft() if self.replies else self.default_reply

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep pytest output clean
                pass

            def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _json(self, status: int, obj: dict) -> None:
                self._send(status, json.dumps(obj, ensure_ascii=False).encode())

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
                if server.reject_response_format and "response_format" in body:
                    return self._json(400, {"error": {"message": "response_format is not supported"}})
                fault, content = server._next()
                if fault and fault.kind == "status":
                    return self._json(fault.status, {"error": {"message": f"injected {fault.status}"}})
                if fault and fault.kind == "garbage":
                    return self._send(200, b"{this is not json")
                if fault and fault.kind == "drop":
                    self.close_connection = True
                    self.connection.close()
                    return None
                if fault and fault.kind == "delay":
                    time.sleep(fault.seconds)
                if body.get("stream"):
                    return self._stream(content, body)
                self._json(200, {
                    "id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()),
                    "model": body.get("model", ""),
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": content}}],
                    "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                })

            def _stream(self, content: str, body: dict) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                pieces = [content[i : i + 3] for i in range(0, len(content), 3)]
                for piece in pieces:
                    chunk = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 0,
                             "model": body.get("model", ""),
                             "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

        return Handler


def vector(text: str, dim: int = 8) -> list[float]:
    """A deterministic stand-in embedding: the same text always gets the same vector."""
    digest = hashlib.sha256(text.encode()).digest()
    return [b / 255 for b in digest[:dim]]
