"""The named API endpoints, called the way an agent's desktop tool would: through gradio_client."""
from __future__ import annotations

import pytest
from gradio_client import Client

from app_server import AppServer, warm


@pytest.fixture(scope="module")
def client(built_settings, tmp_path_factory):
    server = AppServer(tmp_path_factory.mktemp("api") / "data", built_dir=warm(built_settings)).wait_ready()
    yield Client(server.url, verbose=False)
    server.stop()


@pytest.mark.parametrize("text, category", [
    ("这事不归我管，你找别人去", "shift_responsibility"),
    ("這 事 不 歸 我 管", "shift_responsibility"),
])
def test_check_reports_the_span_and_a_rewrite(client, text, category):
    result = client.predict(text=text, api_name="/check")
    assert result["text"] == text
    hit = next(v for v in result["violations"] if v["category"] == category)
    start, end = hit["span"]
    assert text[start:end].replace(" ", "") and hit["suggestion"] and hit["source"]["file"]


def test_check_passes_a_prescribed_phrase(client):
    assert client.predict(text="很抱歉，听不清您讲话，请您挂机后重拨", api_name="/check")["violations"] == []


@pytest.mark.parametrize("text, history", [
    ("我的退款都三天了还没到账，你们到底管不管！", ""),
    ("我等了半个小时才打进来", "客户：喂？\n坐席：您好，请讲"),
])
def test_suggest_returns_cited_replies(client, text, history):
    result = client.predict(text=text, history=history, api_name="/suggest")
    assert result["emotion"]["label"] and result["scenario"]
    assert 1 <= len(result["suggestions"]) <= 3
    assert all(s["text"] and s["sources"] for s in result["suggestions"])


@pytest.mark.parametrize("query", ["退款多久到账", "客户骂人怎么办"])
def test_search_returns_cited_hits(client, query):
    result = client.predict(query=query, k=3, api_name="/search")
    assert 1 <= len(result["hits"]) <= 3
    assert all(h["source"] and h["article"] and h["text"] for h in result["hits"])


def test_grade_scores_a_transcript_and_cites_findings(client):
    rude = {"persona": "angry", "turns": [
        {"role": "customer", "text": "我的退款到现在都没到！"},
        {"role": "agent", "text": "这事不归我管，你找别人去"},
        {"role": "customer", "text": "你什么态度！我要投诉！"},
        {"role": "agent", "text": "有意见找领导去"},
    ]}
    result = client.predict(transcript=rude, api_name="/grade")
    assert 0 <= result["score"] < 60
    assert {f["turn"] for f in result["findings"]} >= {1, 3}


@pytest.mark.parametrize("api_name, kwargs, message", [
    ("/check", {"text": "   "}, "请输入内容"),
    ("/check", {"text": "这" * 100_000}, "内容过长"),
    ("/search", {"query": "", "k": 5}, "请输入内容"),
    ("/grade", {"transcript": {"turns": []}}, "对话记录格式不正确"),
])
def test_bad_input_gets_a_chinese_message(client, api_name, kwargs, message):
    with pytest.raises(Exception, match=message):
        client.predict(api_name=api_name, **kwargs)
