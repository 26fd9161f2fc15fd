"""A served model is never worse than offline: every fault ends in the offline answer, within the
deadline, and the answer says where it came from and why it fell back."""
import json
import time

import pytest

from core.openai_api import OpenAIChatModel
from core.settings import Settings

TIMEOUT = 1.0
# fault → (how to inject it, the reason the answer gives)
FAULTS = {
    "hang": (lambda s: s.hang(times=9), "模型服务超时"),
    "drip": (lambda s: s.drip(times=9), "模型服务超时"),
    "500": (lambda s: s.fail(500, times=9), "模型服务出错"),
    "429": (lambda s: s.fail(429, times=9), "模型服务繁忙（请求过多）"),
    "401": (lambda s: s.fail(401, times=9), "模型服务拒绝了请求"),
    "empty": (lambda s: s.body(b"", times=9), "模型服务返回了无法识别的内容"),
    "{}": (lambda s: s.body(b"{}", times=9), "模型服务返回了无法识别的内容"),
    "no choices": (lambda s: s.body(b'{"choices": []}', times=9), "模型服务返回了无法识别的内容"),
    "choices nope": (lambda s: s.body(b'{"choices": "nope"}', times=9), "模型服务返回了无法识别的内容"),
    "error object": (lambda s: s.body(b'{"error": {"message": "busy"}}', times=9), "模型服务返回了无法识别的内容"),
    "not json": (lambda s: s.body(b"Bad Gateway", times=9), "模型服务返回了无法识别的内容"),
    "context": (lambda s: setattr(s, "context_limit", (50, "vllm")), "对话过长，超出模型的上下文长度"),
    "not json twice": (lambda s: s.reply("好的", "好的"), "模型的回答不符合要求的格式"),
}


def served(server, **overrides) -> OpenAIChatModel:
    settings = Settings(**{"llm_base_url": server.base_url, "llm_model": "test-model", "llm_timeout": TIMEOUT,
                           "llm_retries": 1, **overrides})
    return OpenAIChatModel(settings, backoff=0.01)


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    from assist.check import Checker
    from assist.emotion import EmotionReader
    from assist.scenario import ScenarioDetector
    from knowledge.rulebook import load_rulebook

    settings = Settings(data_dir=tmp_path_factory.mktemp("data"))
    rulebook = load_rulebook()
    return rulebook, Checker(rulebook, settings), EmotionReader(settings), ScenarioDetector(settings, rulebook)


def suggester(parts, chat_model):
    from assist.suggest import Suggester

    rulebook, checker, emotion, scenarios = parts
    return Suggester(rulebook, None, checker, emotion, scenarios, chat_model)


def grader(parts, chat_model=None):
    from simulator.grader import Grader

    rulebook, checker, emotion, scenarios = parts
    return Grader(rulebook, checker, chat_model, emotion=emotion, scenarios=scenarios)


CALL = {"persona": "angry", "scenario": "refund_not_arrived", "turns": [
    {"role": "customer", "text": "退款半个月了还没到账，你们怎么回事！"},
    {"role": "agent", "text": "您好，非常抱歉给您添麻烦了，请问您的订单号是多少？"},
    {"role": "customer", "text": "20231025778"},
    {"role": "agent", "text": "您的订单号是20231025778，对吗？退款会在3个工作日内到账，请问还有其他问题吗？"},
]}


@pytest.mark.parametrize("fault", FAULTS)
def test_suggest_falls_back_offline_and_says_why(parts, openai_server, fault):
    from core.llm import OfflineChatModel

    inject, reason = FAULTS[fault]
    inject(openai_server)
    line = "退款半个月了还没到账，你们怎么回事！"
    start = time.monotonic()
    result = suggester(parts, served(openai_server)).suggest(line)
    assert time.monotonic() - start < TIMEOUT + 2
    offline = suggester(parts, OfflineChatModel()).suggest(line)
    assert result.suggestions == offline.suggestions and offline.backend == "offline"
    assert result.backend == "offline" and result.fallback == f"{reason}，已改用离线建议"
    assert result.model_dump()["fallback"] == result.fallback and "fallback" not in offline.model_dump()


@pytest.mark.parametrize("fault", ["hang", "choices nope", "context"])
def test_grade_falls_back_to_the_rule_grade_and_says_why(parts, openai_server, fault):
    inject, reason = FAULTS[fault]
    inject(openai_server)
    start = time.monotonic()
    judged = grader(parts, served(openai_server)).grade(CALL)
    assert time.monotonic() - start < TIMEOUT + 2
    offline = grader(parts).grade(CALL)
    assert judged.score == offline.score and not judged.judge and offline.backend == "offline"
    assert judged.backend == "offline" and judged.fallback == f"{reason}，已仅按规则评分"


def test_answers_from_the_model_name_it(parts, openai_server):
    verdict = {"scores": [{"criterion": c, "score": 9, "reason": "坐席复述「您的订单号是20231025778」，处理得当"}
                          for c in ("courtesy", "empathy", "accuracy", "resolution")]}
    openai_server.reply(json.dumps({"suggestions": [{"text": "请您稍等，我马上为您查询退款进度。", "rules": [1]}]},
                                   ensure_ascii=False), json.dumps(verdict, ensure_ascii=False))
    model = served(openai_server)
    suggested = suggester(parts, model).suggest("退款怎么还没到？").model_dump(mode="json")
    graded = grader(parts, model).grade(CALL).model_dump(mode="json")
    for answer in (suggested, graded):
        assert answer["backend"] == "model:test-model" and "fallback" not in answer
        assert list(answer)[-1] == "backend"


def test_a_stream_that_stalls_ends_in_offline_suggestions(parts, openai_server):
    from assist.suggest import Suggestions

    openai_server.hang(times=3)
    start = time.monotonic()
    final = list(suggester(parts, served(openai_server)).stream("快递一个星期了还没到"))[-1]
    assert time.monotonic() - start < TIMEOUT + 2
    assert isinstance(final, Suggestions) and final.suggestions and final.fallback == "模型服务超时，已改用离线建议"


def test_a_dead_server_costs_a_few_deadlines_then_none(parts, openai_server):
    openai_server.hang(times=99)
    assist = suggester(parts, served(openai_server, llm_retries=0, llm_breaker_failures=3))
    assist.suggest("快递还没到")  # one failure
    assist.suggest("快递还没到")
    assist.suggest("快递还没到")  # three in a row: the breaker opens
    start = time.monotonic()
    results = [assist.suggest(line) for line in ("退款还没到账", "我要投诉", "电话一直打不通")]
    assert time.monotonic() - start < 0.5 and len(openai_server.chat_requests) == 3
    assert all(r.suggestions and r.fallback == "模型服务连续失败，暂停调用一段时间，已改用离线建议" for r in results)


def test_cli_answers_say_where_they_came_from(tmp_path, monkeypatch, openai_server):
    from typer.testing import CliRunner

    from core.settings import get_settings
    from cli import app

    openai_server.body(b'{"choices": []}', times=99)
    monkeypatch.setenv("KEFU_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KEFU_LLM_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("KEFU_LLM_TIMEOUT", str(TIMEOUT))
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        call = tmp_path / "call.json"
        call.write_text(json.dumps(CALL, ensure_ascii=False), encoding="utf-8")
        script = tmp_path / "agent.txt"
        script.write_text("您好，很高兴为您服务，请问您贵姓？\n非常抱歉，我马上为您查询。\n", encoding="utf-8")
        outputs = {name: runner.invoke(app, args) for name, args in {
            "check": ["check", "你自己看说明书", "--json"],
            "suggest": ["suggest", "退款怎么还没到", "--json"],
            "grade": ["grade", str(call), "--json"],
            "simulate": ["simulate", "--persona", "angry", "--scenario", "refund_not_arrived", "--seed", "3",
                         "--agent-script", str(script), "--json"],
        }.items()}
    finally:
        get_settings.cache_clear()
    data = {name: json.loads(out.output.splitlines()[-1]) for name, out in outputs.items()}
    assert data["check"]["backend"] == "offline" and "fallback" not in data["check"]
    unusable = "模型服务返回了无法识别的内容"
    assert data["suggest"]["fallback"] == f"{unusable}，已改用离线建议"
    assert data["grade"]["fallback"] == f"{unusable}，已仅按规则评分"
    assert data["simulate"]["backend"] == "offline" and data["simulate"]["fallback"].endswith("句客户台词已改用离线题库")
    assert data["simulate"]["grade"]["fallback"].endswith("，已仅按规则评分")
