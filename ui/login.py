"""The trainer password check every trainer-only tab shares, with a limit on wrong attempts per client."""
from __future__ import annotations

import hmac
import math
import threading
import time
from collections import deque

import gradio as gr

from ui.messages import TRAINER_BAD_PASSWORD, TRAINER_LOCKED, TRAINER_TOO_MANY, InputError

MAX_FAILURES = 5  # wrong passwords allowed per client in one window
WINDOW_S = 300.0  # a client that used them up waits until the oldest failure is this old


class Attempts:
    """Recent failed logins per client address; thread-safe, since Gradio runs handlers on a pool."""

    def __init__(self, limit: int = MAX_FAILURES, window: float = WINDOW_S, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Seconds this client must wait before it may try again (0 when it may try now)."""
        with self._lock:
            failures = self._recent(client)
            return self.window - (self.clock() - failures[0]) if len(failures) >= self.limit else 0.0

    def fail(self, client: str) -> None:
        with self._lock:
            self._recent(client).append(self.clock())

    def clear(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)

    def _recent(self, client: str) -> deque[float]:
        failures = self._failures.setdefault(client, deque())
        while failures and self.clock() - failures[0] >= self.window:
            failures.popleft()
        return failures


ATTEMPTS = Attempts()  # one per process: every trainer tab counts against the same limit


def client_of(request: gr.Request | None) -> str:
    """The caller's address, or one shared key when Gradio gives no request (direct calls in tests)."""
    host = getattr(getattr(request, "client", None), "host", None)
    return host or "local"


def verify(password: str, given: str | None, request: gr.Request | None, attempts: Attempts = ATTEMPTS) -> None:
    """Raise InputError (Chinese) for a wrong password, or for any try while the client is locked out."""
    client = client_of(request)
    if wait := attempts.wait(client):
        raise InputError(TRAINER_TOO_MANY.format(minutes=max(1, math.ceil(wait / 60))))
    if not hmac.compare_digest((given or "").encode(), password.encode()):
        attempts.fail(client)
        raise InputError(TRAINER_BAD_PASSWORD)
    attempts.clear(client)


def require_trainer(authed: bool) -> None:
    """Raise InputError unless this page signed in; every trainer handler checks it (a hidden panel is no permission)."""
    if not authed:
        raise InputError(TRAINER_LOCKED)
