"""Turn every failure inside a UI handler into a Chinese message instead of a traceback."""
from __future__ import annotations

import functools
import logging
from collections.abc import Callable

import gradio as gr

from ui.messages import SERVICE_FAILED, SERVICE_MISSING, InputError

log = logging.getLogger(__name__)


class ServiceMissing(RuntimeError):
    """A service that is still being written (or failed to load) was asked for."""


def require(service, what: str):
    """Return the service, or stop the handler with a Chinese message naming it."""
    if service is None:
        raise ServiceMissing(what)
    return service


def guarded(what: str) -> Callable:
    """Decorate a handler: bad input and failures become gr.Error with a Chinese message."""

    def wrap(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def handler(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except gr.Error:
                raise
            except InputError as exc:
                raise gr.Error(str(exc), title="输入有误", print_exception=False) from None
            except ServiceMissing as exc:
                raise gr.Error(SERVICE_MISSING.format(what=exc.args[0]), title="提示", print_exception=False) from None
            except Exception:
                # The trace goes to the server log only; the browser gets a plain message.
                log.exception("%s failed", what)
                raise gr.Error(SERVICE_FAILED.format(what=what), title="出错了", print_exception=False) from None

        return handler

    return wrap
