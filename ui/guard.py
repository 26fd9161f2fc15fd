"""Turn every failure inside a UI handler into a Chinese message instead of a traceback."""
from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable

import gradio as gr

from ui.messages import SERVICE_FAILED, InputError

log = logging.getLogger(__name__)
_DONE = object()


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



def _warn(exc: gr.Error) -> dict:
    gr.Warning(exc.message, title=exc.title)
    return gr.skip()  # one skip() leaves every output as it was


def warned(what: str) -> Callable:
    """Decorate a page handler: any failure becomes a Chinese warning toast and the page keeps what it showed.

    gr.Error would mark every output with an error overlay until the next good event; a warning leaves
    the trainee's chat, mood meter and typed reply in place, so the mistake is fixed without a reload.
    Generator handlers (streamed answers) are guarded step by step.
    """

    def wrap(fn: Callable) -> Callable:
        if inspect.isgeneratorfunction(fn):
            @functools.wraps(fn)
            def streamed(*args, **kwargs):
                steps = fn(*args, **kwargs)
                step = guarded(what)(lambda: next(steps, _DONE))
                while True:
                    try:
                        update = step()
                    except gr.Error as exc:
                        yield _warn(exc)
                        return
                    if update is _DONE:
                        return
                    yield update

            return streamed
        checked = guarded(what)(fn)

        @functools.wraps(fn)
        def handler(*args, **kwargs):
            try:
                return checked(*args, **kwargs)
            except gr.Error as exc:
                return _warn(exc)

        return handler

    return wrap
