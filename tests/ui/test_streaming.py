"""The 坐席助手 tab's streamed suggestions: draft text while the model writes, then checked replies and a badge."""
from __future__ import annotations

import json
from types import SimpleNamespace

import gradio as gr
import pytest

from core.llm import OfflineChatModel
from core.openai_api import OpenAIChatModel
from core.settings import Settings
from ui.assist_tab import parse_turns
from ui.streaming import backend_badge, suggest_handler

LINES = ["我的退款都三天了还没到账，你们到底管不管！", "快递一个星期了还没到，能帮我查一下吗？"]


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    from assist.check import Checker
    from assist.emotion import EmotionReader
    from assist.scenario import ScenarioDetector
    from knowledge.rulebook import load_rulebook

    settings = Settings(data_dir=tmp_path_factory.mktemp("data"))
    rulebook = load_rulebook()
    return rulebook, Checker(rulebook, settings), EmotionReader(settings), ScenarioDetector(settings, rulebook)


def services_with(parts, chat_model):
    """The part of Services the tab uses: one workspace with a suggester over `chat_model`."""
    from assist.suggest import Suggester

    rulebook, checker, emotion, scenarios = parts
    suggester = Suggester(rulebook, None, checker, emotion, scenarios, chat_model)
    services = SimpleNamespace(rulebook=rulebook, suggester=suggester, workspace=SimpleNamespace(name="demo"))
    services.in_workspace = lambda name: services
    return services


def served(server) -> OpenAIChatModel:
    return OpenAIChatModel(Settings(llm_base_url=server.base_url, llm_model="test-model", llm_timeout=5,
                                    llm_retries=0), backoff=0.01)


def is_draft(step) -> bool:
    return "assist-streaming" in step[3]


@pytest.mark.parametrize("line", LINES)
def test_text_shows_as_it_arrives_then_the_checked_replies(parts, openai_server, line):
    replies = "非常理解您的心情，我马上为您查询处理进度。[1]\n请您稍等，我这边帮您核实一下。[1]"
    openai_server.reply(replies)
    openai_server.pace(0.01)
    steps = list(suggest_handler(services_with(parts, served(openai_server)), parse_turns)("", line))
    drafts, final = steps[:-1], steps[-1]
    assert len(drafts) >= 2 and all(is_draft(s) for s in drafts)
    assert "非常理解" in drafts[-1][3] and not any(b["visible"] for s in drafts for b in s[4:])
    assert not is_draft(final) and final[0] and final[4]["visible"] and final[4]["value"] == final[0][0]
    assert 'data-backend="model"' in final[3] and "模型：test-model" in final[3]


def test_offline_answers_in_one_step_with_an_offline_badge(parts):
    steps = list(suggest_handler(services_with(parts, OfflineChatModel()), parse_turns)("", LINES[0]))
    assert len(steps) == 1 and steps[0][0] and 'data-backend="offline"' in steps[0][3]


@pytest.mark.parametrize("status, reason", [(500, "模型服务出错"), (401, "模型服务拒绝了请求")])
def test_a_failing_model_ends_in_offline_replies_that_say_why(parts, openai_server, status, reason):
    openai_server.fail(status, times=3)
    final = list(suggest_handler(services_with(parts, served(openai_server)), parse_turns)("", LINES[1]))[-1]
    assert final[0] and 'data-backend="fallback"' in final[3] and f"已回退离线：{reason}" in final[3]


@pytest.mark.parametrize("latest", ["", "   "])
def test_an_empty_customer_line_is_a_chinese_message(parts, latest):
    handler = suggest_handler(services_with(parts, OfflineChatModel()), parse_turns)
    with pytest.raises(gr.Error, match="客户"):
        list(handler("", latest))


@pytest.mark.parametrize("answer, shown", [
    ({"backend": "offline"}, "离线"),
    ({"backend": "model:qwen-7b"}, "模型：qwen-7b"),
    ({"backend": "offline", "fallback": "模型服务超时，已改用离线建议"}, "已回退离线：模型服务超时，已改用离线建议"),
    ({"backend": "model:<b>x</b>"}, "模型：&lt;b&gt;x&lt;/b&gt;"),
])
def test_the_badge_says_where_replies_came_from(answer, shown):
    assert shown in backend_badge(answer) and "<b>" not in backend_badge(answer)


def test_cli_stream_prints_text_then_the_checked_json(tmp_path, monkeypatch, openai_server):
    from typer.testing import CliRunner

    from core.settings import get_settings
    from cli import app

    # The default reply: the CLI's emotion reader may ask the model first.
    openai_server.default_reply = "您好，非常理解您的心情，我马上为您查询。[1]"
    monkeypatch.setenv("KEFU_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KEFU_LLM_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("KEFU_LLM_MODEL", "test-model")
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        shown = runner.invoke(app, ["suggest", LINES[0], "--stream"])
        data = runner.invoke(app, ["suggest", LINES[1], "--stream", "--json"])
    finally:
        get_settings.cache_clear()
    assert shown.exit_code == 0 and "非常理解您的心情" in shown.output and "检查后的建议" in shown.output
    answer = json.loads(data.stdout.splitlines()[-1])
    assert answer["suggestions"] and answer["backend"] == "model:test-model"
