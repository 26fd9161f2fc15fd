"""A circuit breaker: a served model that keeps failing is skipped for a while.

Without it every request waits out the full deadline of a dead or hung server; with it the
server costs one deadline per cool-down, and callers fall back to offline answers at once.
"""
from __future__ import annotations

import threading
import time

from core.llm import LLMError


class Breaker:
    """After `limit` failed calls in a row, refuse calls for `cooldown` s; then one call probes the server."""

    def __init__(self, limit: int, cooldown: float):
        self.limit, self.cooldown = limit, cooldown
        self.failures = 0
        self.open_until = 0.0
        self.lock = threading.Lock()

    def admit(self) -> None:
        """Raise LLMError("circuit_open") while open; the first caller after the cool-down is let through."""
        with self.lock:
            if self.limit <= 0 or self.failures < self.limit:
                return
            now = time.monotonic()
            if now < self.open_until:
                raise LLMError(f"skipping the model for {self.open_until - now:.0f}s after "
                               f"{self.failures} failures in a row", "circuit_open")
            self.open_until = now + self.cooldown  # this caller probes; the others keep skipping

    def record(self, ok: bool) -> None:
        with self.lock:
            self.failures = 0 if ok else self.failures + 1
            if self.limit > 0 and self.failures >= self.limit:
                self.open_until = time.monotonic() + self.cooldown
