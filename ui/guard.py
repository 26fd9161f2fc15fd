"""Turn every failure inside a UI handler into a Chinese message instead of a traceback."""
from __future__ import annotations

import functools
import logging
from collections.abc import Callable

import gradio as gr

from ui.messages import SERVICE_FAILED, InputError

log = logging.getLogger(__name__)


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
            except Exception:
                # The trace goes to the server log only; the browser gets a plain message.
                log.exception("%s failed", what)
                raise gr.Error(SERVICE_FAILED.format(what=what), title="出错了", print_exception=False) from None

        return handler

    return wrap
