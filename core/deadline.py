"""A total time limit for a model call's HTTP traffic (the only httpx/httpcore import).

httpx's timeouts bound each socket operation, so a server that sends one byte a second, or
sends headers and then nothing, is never cut off by them. Here every connect, read and write
gets at most what is left of the calling thread's deadline, and fails as a timeout once it has
passed. The deadline is a context variable: threads sharing one client each keep their own.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar

import httpcore
import httpx

_deadline: ContextVar[float | None] = ContextVar("kefu_http_deadline", default=None)


@contextmanager
def deadline(at: float):
    """Within this block, this thread's HTTP I/O times out once time.monotonic() reaches `at` (or an outer deadline)."""
    outer = _deadline.get()
    token = _deadline.set(at if outer is None else min(at, outer))
    try:
        yield
    finally:
        _deadline.reset(token)


def _cap(timeout: float | None, error: type[Exception]) -> float | None:
    at = _deadline.get()
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise error("the call's deadline has passed")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every operation is bounded by the caller's deadline."""

    def __init__(self, stream: httpcore.NetworkStream):
        self.stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, _cap(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, _cap(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> "DeadlineStream":
        return DeadlineStream(self.stream.start_tls(ssl_context, server_hostname, _cap(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str):
        return self.stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """Opens DeadlineStreams through another backend."""

    def __init__(self, backend: httpcore.NetworkBackend):
        self.backend = backend

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        return DeadlineStream(self.backend.connect_tcp(host, port, _cap(timeout, httpcore.ConnectTimeout),
                                                       local_address, socket_options))

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        return DeadlineStream(self.backend.connect_unix_socket(path, _cap(timeout, httpcore.ConnectTimeout),
                                                               socket_options))

    def sleep(self, seconds: float) -> None:
        self.backend.sleep(seconds)


def http_client(timeout: float) -> httpx.Client:
    """An httpx client (environment proxies honoured, as the openai client's own) bounded by `deadline`."""
    client = httpx.Client(timeout=timeout, follow_redirects=True)
    # httpx takes no network backend, so ours goes under the connection pools it built: its own
    # and any proxy's. Every other setting stays httpx's; the deadline tests fail if this stops working.
    for transport in (client._transport, *client._mounts.values()):
        pool = getattr(transport, "_pool", None)
        if pool is not None:
            pool._network_backend = DeadlineBackend(pool._network_backend)
    return client
