"""Streamed suggestions for the 坐席助手 tab: a served model's text as it arrives, then the checked replies.

The handler is a generator, so Gradio sends each step to the browser as it is produced: while the
model writes, the draft text shows where the suggestions will be; then the checked and cited result
replaces it, with a badge saying where the replies came from (离线 / 模型 / 已回退离线及原因).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

import gradio as gr

from services import Services
from ui import workspace_bar
from ui.guard import guarded
from ui.markup import citations_html, emotion_badge, field_of
from ui.messages import NO_CUSTOMER_LINE, SCENARIO_NAMES, InputError, clean_line, escape, label

MAX_SUGGESTIONS = 3
_DONE = object()


def backend_badge(result) -> str:
    """Where an answer came from, as a small badge: 离线, 模型：<name>, or 已回退离线：<reason>."""
    backend = str(field_of(result, "backend", "offline") or "offline")
    fallback = field_of(result, "fallback", None)
    if fallback:
        kind, text = "fallback", f"已回退离线：{fallback}"
    elif backend.startswith("model:"):
        kind, text = "model", f"模型：{backend.removeprefix('model:')}"
    else:
        kind, text = "offline", "离线"
    return f'<span class="kefu-backend" id="assist-backend" data-backend="{kind}">{escape(text)}</span>'


def draft_html(text: str) -> str:
    """The model's text so far, shown while it writes (replaced by the checked replies)."""
    return (f'<div class="kefu-streaming" id="assist-streaming"><p>正在生成建议（尚未检查）……</p>'
            f'<pre style="white-space: pre-wrap">{escape(text)}</pre></div>')


def _steps(services: Services, parse_turns: Callable, history_text: str, latest_text: str,
           name: str | None) -> Iterator[list]:
    """Every update of the tab's outputs: [texts, emotion, scenario, citations, *buttons]."""
    svc = workspace_bar.chosen(services, name)
    if not (latest_text or "").strip():
        raise InputError(NO_CUSTOMER_LINE)
    turns = parse_turns(history_text, clean_line(latest_text))
    hidden = [gr.update(value="", visible=False)] * MAX_SUGGESTIONS
    text = ""
    for item in svc.suggester.stream(turns):
        if isinstance(item, str):
            text += item
            yield [gr.update(), gr.update(), gr.update(), draft_html(text), *hidden]
            continue
        options = list(field_of(item, "suggestions", []))[:MAX_SUGGESTIONS]
        replies = [str(field_of(o, "text", "")) for o in options]
        sources = [src for o in options for src in field_of(o, "sources", [])]
        updates = [gr.update(value=r, visible=True) for r in replies] + hidden[len(replies):]
        scenario = f"场景：{escape(label(SCENARIO_NAMES, field_of(item, 'scenario', '')))}"
        yield [replies, emotion_badge(field_of(item, "emotion", {})), scenario,
               backend_badge(item) + citations_html(sources, svc.rulebook), *updates]


def suggest_handler(services: Services, parse_turns: Callable) -> Callable[..., Iterator[list]]:
    """A generator handler for the suggest button; every failure becomes a Chinese gr.Error."""
    # Each step runs under `guarded`, so a failure mid-stream reads like one in a plain handler.
    step = guarded("建议回复")(lambda steps: next(steps, _DONE))

    def suggest(history_text: str, latest_text: str, name: str | None = None) -> Iterator[list]:
        steps = _steps(services, parse_turns, history_text, latest_text, name)
        while (update := step(steps)) is not _DONE:
            yield update

    return suggest
