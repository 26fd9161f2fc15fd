"""The REST API agent desktops call (/api/v1/…): token, limits, workspaces, JSON shapes, SSE, and a fuzz."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from app_server import ROOT, AppServer, warm
from core.settings import Settings
from core.workspace import create_workspace
from services import build_services
from ui.rest import MAX_BODY, create_api, exposure_problem

TOKEN = "kefu-测试-token".encode().hex()
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CHINESE = re.compile(r"[\u4e00-\u9fff]")
ROUTES = ["check", "suggest", "suggest/stream", "search", "grade"]
# The first test pays for the session's ingest and model training: minutes on a busy shared machine.
pytestmark = pytest.mark.timeout(900)


@pytest.fixture(scope="module")
def services(built_settings):
    return build_services(built_settings).warm()  # models trained once here, not inside the first (fuzzed) call


def make_client(services, **overrides) -> TestClient:
    settings = services.base_settings.model_copy(update={"api_token": TOKEN, **overrides})
    return TestClient(create_api(services, settings))


@pytest.fixture(scope="module")
def client(services):
    return make_client(services)


def post(client, route: str, body, headers=AUTH):
    return client.post(f"/api/v1/{route}", json=body, headers=headers)


def assert_chinese_error(response, status: int) -> None:
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str) and CHINESE.search(detail) and "Traceback" not in detail


# --- token, size and rate limits ---


def test_health_needs_no_token(client):
    answer = client.get("/api/v1/health").json()
    assert answer["status"] == "ok" and answer["api"] is True and answer["workspace"] == "demo"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                                     {"Authorization": f"Basic {TOKEN}"}, {"Authorization": "Bearer"}])
@pytest.mark.parametrize("route", ROUTES)
def test_a_missing_or_wrong_token_is_401(client, route, headers):
    response = post(client, route, {"text": "您好，请问有什么可以帮您？"}, headers)
    assert_chinese_error(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


def test_without_a_configured_token_the_api_says_how_to_enable_it(services):
    response = post(make_client(services, api_token=None), "check", {"text": "您好"}, {"Authorization": "Bearer "})
    assert_chinese_error(response, 503)
    assert "KEFU_API_TOKEN" in response.json()["detail"]


def test_a_body_over_the_limit_is_413(client):
    big = {"text": "您好" * (MAX_BODY // 3)}
    assert_chinese_error(post(client, "check", big), 413)


def test_a_chunked_body_over_the_limit_is_413(client):
    chunks = (b"x" * 65536 for _ in range(MAX_BODY // 65536 + 2))
    response = client.post("/api/v1/check", content=chunks, headers={**AUTH, "Content-Type": "application/json"})
    assert_chinese_error(response, 413)


def test_a_chunked_body_under_the_limit_is_read(client):
    chunks = iter([b'{"text": "', "您好，请问有什么可以帮您".encode(), b'"}'])
    response = client.post("/api/v1/check", content=chunks, headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 200 and response.json()["text"] == "您好，请问有什么可以帮您"


def test_the_rate_limit_answers_429_past_the_burst(tmp_path):
    # An empty body is refused (422) after the token and the rate are checked, so no service is built here.
    limited = make_client(build_services(Settings(data_dir=tmp_path)), api_rate_limit=0.5)
    codes = [post(limited, "check", {}).status_code for _ in range(4)]
    assert codes == [422, 429, 429, 429]
    refused = post(limited, "check", {})
    assert_chinese_error(refused, 429)
    assert int(refused.headers["retry-after"]) == 2
    assert post(limited, "check", {}, {"Authorization": "Bearer other"}).status_code == 401  # a bad token is not let through


def test_no_rate_limit_by_default(client):
    assert {post(client, "check", {"text": "好的，马上为您处理"}).status_code for _ in range(30)} == {200}


# --- each route's JSON, as the CLI's --json prints it ---


@pytest.mark.parametrize("text, flagged", [
    ("这个不归我们部门管，你自己去问别人吧", True),
    ("女士您好，请问有什么可以帮您？", False),
])
def test_check_returns_violations_with_spans(client, text, flagged):
    answer = post(client, "check", {"text": text}).json()
    assert answer["text"] == text and answer["backend"] == "offline"
    assert bool(answer["violations"]) is flagged
    for violation in answer["violations"]:
        start, end = violation["span"]
        assert 0 <= start < end <= len(text) and violation["source"]["file"] and violation["severity"]


@pytest.mark.parametrize("text", ["您好\x00，请问\x00有什么可以帮您", "\x00\x00这事不归我管"])
def test_nul_characters_are_stripped(client, text):
    answer = post(client, "check", {"text": text}).json()
    assert answer["text"] == text.replace("\x00", "")


@pytest.mark.parametrize("body", [
    {"text": "我买的空调装好第二天就坏了，你们什么时候来修？"},
    {"turns": [{"role": "customer", "text": "喂，是售后吗？"}, {"role": "agent", "text": "您好，这里是售后服务中心"},
               {"role": "customer", "text": "我的快递一周了还没发货，到底怎么回事"}]},
])
def test_suggest_returns_cited_replies(client, body):
    answer = post(client, "suggest", body).json()
    assert set(answer) >= {"text", "emotion", "scenario", "suggestions", "backend"}
    assert answer["emotion"]["label"] and 1 <= len(answer["suggestions"]) <= 3
    assert all(s["text"] and s["sources"] for s in answer["suggestions"])


@pytest.mark.parametrize("body", [{}, {"text": "您好", "turns": [{"role": "customer", "text": "您好"}]},
                                  {"turns": [{"role": "customer", "text": "\x00 "}]}])
def test_suggest_needs_exactly_one_usable_input(client, body):
    assert_chinese_error(post(client, "suggest", body), 422)


@pytest.mark.parametrize("query, k", [("退货的运费由谁承担", 3), ("客户情绪激动时应该怎么安抚", 1)])
def test_search_returns_cited_hits(client, query, k):
    answer = post(client, "search", {"query": query, "k": k}).json()
    assert answer["query"] == query and 1 <= len(answer["hits"]) <= k
    assert all(set(hit) >= {"text", "source", "article", "score"} for hit in answer["hits"])


def test_grade_scores_a_transcript_with_findings(client):
    transcript = {"persona": "anxious", "scenario": "delivery", "turns": [
        {"role": "customer", "text": "我的包裹五天了还没到，急着用！"},
        {"role": "agent", "text": "急什么，物流又不是我们管的，你自己去问快递"},
    ]}
    answer = post(client, "grade", transcript).json()
    assert 0 <= answer["score"] < 60 and set(answer["subscores"]) and answer["summary"]
    assert any(f["turn"] == 1 and f["source"] for f in answer["findings"])


def test_grade_rejects_an_unknown_persona_like_the_cli(client):
    response = post(client, "grade", {"persona": "火星人", "turns": [{"role": "agent", "text": "您好"}]})
    assert_chinese_error(response, 422)
    assert "火星人" in response.json()["detail"]


@pytest.mark.parametrize("route, body", [
    ("check", {"text": 12}), ("check", {}), ("check", []), ("check", {"text": "   "}),
    ("search", {"query": "退款", "k": 0}), ("search", {"query": "退款", "k": "三"}),
    ("grade", {"persona": "angry", "turns": [{"role": "经理", "text": "您好"}]}), ("grade", {"persona": "angry", "turns": []}),
])
def test_invalid_bodies_are_422_in_chinese(client, route, body):
    assert_chinese_error(post(client, route, body), 422)


def test_malformed_json_is_422_in_chinese(client):
    response = client.post("/api/v1/check", content=b'{"text": ', headers={**AUTH, "Content-Type": "application/json"})
    assert_chinese_error(response, 422)


# --- workspaces ---


@pytest.mark.parametrize("route", ROUTES)
def test_an_unknown_workspace_is_404(client, route):
    response = post(client, route, {"text": "您好", "query": "您好", "persona": "angry",
                                    "turns": [{"role": "customer", "text": "您好"}], "workspace": "no-such-org"})
    assert_chinese_error(response, 404)
    assert "no-such-org" in response.json()["detail"]


def test_a_created_workspace_answers_from_its_own_store(tmp_path):
    settings = Settings(data_dir=tmp_path, api_token=TOKEN)
    create_workspace(settings, "acme-bank", "某银行")
    client = make_client(build_services(settings), api_token=TOKEN)
    answer = post(client, "search", {"query": "信用卡年费怎么收", "workspace": "acme-bank"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["hits"] == [] and CHINESE.search(answer.json()["note"])  # nothing ingested there yet


# --- server-sent events ---


def events(text: str) -> list[tuple[str, dict]]:
    blocks = [b for b in text.split("\n\n") if b.strip()]
    return [(b.split("\n")[0].removeprefix("event: "), json.loads(b.split("\n")[1].removeprefix("data: ")))
            for b in blocks]


def test_stream_offline_ends_with_the_full_suggestions(client):
    body = {"text": "我要退货，东西根本不能用"}
    with client.stream("POST", "/api/v1/suggest/stream", json=body, headers=AUTH) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        received = events(response.read().decode())
    assert [name for name, _ in received] == ["suggestions"]
    assert received[-1][1] == post(client, "suggest", body).json()


class PiecesFirst:
    """A suggester whose model streams two pieces before the real answer."""

    def __init__(self, real):
        self.real = real

    def stream(self, turns):
        yield "您好，"
        yield "马上为您查询。"
        yield self.real.suggest(turns)


def test_stream_sends_pieces_then_suggestions(built_settings, services):
    streaming = build_services(built_settings)
    streaming.suggester = PiecesFirst(services.suggester)
    response = post(make_client(streaming), "suggest/stream", {"text": "我的话费怎么多扣了二十块"})
    received = events(response.text)
    assert [name for name, _ in received] == ["piece", "piece", "suggestions"]
    assert "".join(data["text"] for name, data in received[:2]) == "您好，马上为您查询。"
    assert received[-1][1]["suggestions"]


# --- fuzz: no body, however odd, gets a 500 ---

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30),
                    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                    max_leaves=12)
FIELDS = st.fixed_dictionaries({}, optional={
    "text": JSON | st.text(max_size=60), "query": JSON | st.text(max_size=60), "k": JSON, "persona": JSON | st.sampled_from(["angry", "x"]),
    "scenario": JSON, "workspace": JSON | st.sampled_from(["demo", "../etc", "Ab"]),
    "turns": st.lists(st.fixed_dictionaries({"role": st.sampled_from(["customer", "agent"]) | JSON,
                                             "text": st.text(max_size=40) | JSON}), max_size=4) | JSON,
})


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(route=st.sampled_from(ROUTES), body=FIELDS | JSON, raw=st.none() | st.binary(max_size=64))
def test_fuzz_never_answers_500(client, route, body, raw):
    if raw is None:
        response = post(client, route, body)
    else:
        response = client.post(f"/api/v1/{route}", content=raw, headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code in (200, 404, 422), response.text
    if response.status_code != 200:
        assert CHINESE.search(response.json()["detail"])


# --- the real app: REST and Gradio on one port; a network bind needs both secrets ---


def upload_status(url: str, size: int) -> int:
    """The status of a Gradio file upload of `size` bytes."""
    boundary = "kefu-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n"
            f"Content-Type: text/plain\r\n\r\n").encode() + b"x" * size + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(url + "/gradio_api/upload", data=body,
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        return urllib.request.urlopen(request, timeout=30).status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_the_real_app_serves_rest_beside_gradio(built_settings, tmp_path):
    server = AppServer(tmp_path / "data", built_dir=warm(built_settings),
                       extra_env={"KEFU_API_TOKEN": TOKEN, "KEFU_UPLOAD_MAX_MB": "1"})
    try:
        server.wait_ready()
        request = urllib.request.Request(server.url + "/api/v1/check", headers={**AUTH, "Content-Type": "application/json"},
                                         data=json.dumps({"text": "你找别人去"}).encode())
        assert json.load(urllib.request.urlopen(request, timeout=10))["violations"]
        spec = json.load(urllib.request.urlopen(server.url + "/api/v1/openapi.json", timeout=10))
        assert {f"/api/v1/{route}" for route in ROUTES} <= set(spec["paths"])
        assert urllib.request.urlopen(server.url + "/", timeout=10).status == 200  # the Gradio page
        assert upload_status(server.url, 512 * 1024) == 200
        assert upload_status(server.url, 2 * 1024 * 1024) == 413  # past KEFU_UPLOAD_MAX_MB, refused before any tab
    finally:
        server.stop()


@pytest.mark.parametrize("host, password, token, refused", [
    ("127.0.0.1", None, None, False), ("localhost", None, None, False),
    ("0.0.0.0", None, None, True), ("0.0.0.0", "pw", None, True), ("192.168.1.20", None, "t", True),
    ("0.0.0.0", "pw", "t", False),
])
def test_a_network_bind_needs_both_secrets(host, password, token, refused):
    problem = exposure_problem(Settings(host=host, trainer_password=password, api_token=token))
    assert (problem is not None) is refused
    if refused:
        assert host in problem and CHINESE.search(problem)


def test_the_app_refuses_to_start_exposed_without_secrets(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KEFU_", "GRADIO_"))}
    env.update(KEFU_DATA_DIR=str(tmp_path), KEFU_HOST="0.0.0.0", KEFU_TRAINER_PASSWORD="培训口令")
    done = subprocess.run([sys.executable, str(ROOT / "app.py")], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "KEFU_API_TOKEN" in done.stderr and "Traceback" not in done.stderr
