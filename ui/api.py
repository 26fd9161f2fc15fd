"""The named API endpoints (check, suggest, search, grade) an agent's desktop tool calls with gradio_client."""
from __future__ import annotations

import gradio as gr
from pydantic import ValidationError

from services import Services
from simulator.transcript import Transcript
from ui.assist_tab import parse_turns
from ui.guard import guarded
from ui.knowledge_tab import run_search
from ui.messages import INVALID_TRANSCRIPT, InputError, clean_line


def parse_transcript(data) -> Transcript:
    """Validate a transcript from a client; what is wrong is named in Chinese."""
    try:
        return Transcript.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "transcript"
        raise InputError(INVALID_TRANSCRIPT.format(detail=f"{where}: {first['msg']}")) from None


def _dump(obj) -> dict:
    return obj.model_dump(mode="json") if hasattr(obj, "model_dump") else dict(obj)


def register(services: Services) -> None:
    """Add the four endpoints to the current gr.Blocks."""

    @guarded("检查")
    def check(text: str) -> dict:
        """Check one agent utterance: {"text", "violations": [{"rule", "category", "span", ...}], "backend"}."""
        return _dump(services.checker.check(clean_line(text)))

    @guarded("建议回复")
    def suggest(text: str, history: str = "") -> dict:
        """Suggest up to three compliant replies to the customer's latest line (history: 客户：/坐席： lines)."""
        return _dump(services.suggester.suggest(parse_turns(history, clean_line(text))))

    @guarded("检索")
    def search(query: str, k: int = 5) -> dict:
        """Search the regulations: {"query", "hits": [{"text", "source", "article", "score"}]}."""
        return _dump(run_search(services, query, k))

    @guarded("评分")
    def grade(transcript: dict) -> dict:
        """Grade a transcript {"persona", "turns": [{"role", "text"}]}: {"score", "subscores", "findings", "summary"}."""
        return _dump(services.grader.grade(parse_transcript(transcript)))

    for fn in (check, suggest, search, grade):
        gr.api(fn, api_name=fn.__name__)
