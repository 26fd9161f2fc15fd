import json
import time

import pytest
from pydantic import BaseModel

from core.llm import LLMError, Message, Prompt
from core.openai_api import OpenAIChatModel, OpenAIEmbeddings
from core.settings import Settings


class Reading(BaseModel):
    label: str
    intensity: float


def model_for(server, timeout=5.0, retries=2, key=None) -> OpenAIChatModel:
    settings = Settings(llm_base_url=server.base_url, llm_model="test-model", llm_timeout=timeout,
                        llm_retries=retries, llm_api_key=key)
    return OpenAIChatModel(settings, backoff=0.01)


def prompt(text: str) -> Prompt:
    return Prompt(task="emotion", messages=[Message(role="system", content="你是客服助手。"),
                                            Message(role="user", content=text)])


@pytest.mark.parametrize("reply", ["您好，请问有什么可以帮您？", "很抱歉让您久等了，我马上为您查询。"])
def test_plain_reply_round_trips(openai_server, reply):
    openai_server.reply(reply)
    assert model_for(openai_server).text(prompt("你好")) == reply
    sent = openai_server.chat_requests[-1]["body"]
    assert sent["model"] == "test-model"
    assert sent["messages"][-1] == {"role": "user", "content": "你好"}


@pytest.mark.parametrize("reply", ["请您稍等，我帮您核实一下订单。", "好"])
def test_stream_yields_deltas_that_join_to_the_reply(openai_server, reply):
    openai_server.reply(reply)
    pieces = list(model_for(openai_server).stream(prompt("我的快递呢")))
    assert "".join(pieces) == reply
    assert len(pieces) == -(-len(reply) // 3)
    assert openai_server.chat_requests[-1]["body"]["stream"] is True


@pytest.mark.parametrize("reply", [
    '{"label": "angry", "intensity": 0.9}',
    '```json\n{"label": "anxious", "intensity": 0.6}\n```',
    '好的，结果如下：{"label": "sad", "intensity": 0.4}',
])
def test_structured_output_is_parsed_and_validated(openai_server, reply):
    openai_server.reply(reply)
    reading = model_for(openai_server).complete(prompt("你们到底管不管！"), Reading)
    assert reading == Reading.model_validate_json(reply[reply.index("{"): reply.rindex("}") + 1])
    sent = openai_server.chat_requests[-1]["body"]
    assert sent["response_format"] == {"type": "json_object"}
    assert "JSON schema" in sent["messages"][-1]["content"]


def test_server_rejecting_response_format_falls_back_to_plain_prompting(openai_server):
    openai_server.reject_response_format = True
    openai_server.reply('{"label": "neutral", "intensity": 0.1}')
    model = model_for(openai_server)
    assert model.complete(prompt("我想问一下"), Reading).label == "neutral"
    assert "response_format" not in openai_server.chat_requests[-1]["body"]
    assert model.json_mode is False


def test_invalid_json_is_repaired_once(openai_server):
    openai_server.reply('{"label": "angry", "intensity": ', '{"label": "angry", "intensity": 0.8}')
    reading = model_for(openai_server).complete(prompt("投诉！"), Reading)
    assert reading.intensity == 0.8
    repair = openai_server.chat_requests[-1]["body"]["messages"]
    assert repair[-2]["role"] == "assistant" and "corrected JSON" in repair[-1]["content"]


def test_invalid_json_twice_raises_llm_error(openai_server):
    openai_server.reply("不是 JSON", '{"label": "angry"}')
    with pytest.raises(LLMError, match="invalid Reading JSON"):
        model_for(openai_server).complete(prompt("投诉！"), Reading)
    assert len(openai_server.chat_requests) == 2


@pytest.mark.parametrize("status", [500, 502, 429])
def test_retries_after_server_errors(openai_server, status):
    openai_server.fail(status, times=2)
    openai_server.reply("您好")
    assert model_for(openai_server, retries=2).text(prompt("喂")) == "您好"
    assert len(openai_server.chat_requests) == 3


@pytest.mark.parametrize("inject", ["drop", "garbage"])
def test_retries_after_broken_responses(openai_server, inject):
    getattr(openai_server, inject)(times=1)
    openai_server.reply("您好")
    assert model_for(openai_server, retries=1).text(prompt("喂")) == "您好"


def test_errors_beyond_the_retry_budget_raise_llm_error(openai_server):
    openai_server.fail(500, times=3)
    with pytest.raises(LLMError, match="HTTP 500"):
        model_for(openai_server, retries=2).text(prompt("喂"))
    assert len(openai_server.chat_requests) == 3


def test_client_errors_are_not_retried(openai_server):
    openai_server.fail(401, times=1)
    with pytest.raises(LLMError, match="HTTP 401"):
        model_for(openai_server, retries=3).text(prompt("喂"))
    assert len(openai_server.chat_requests) == 1


def test_timeout_becomes_llm_error(openai_server):
    openai_server.delay(1.0, times=2)
    start = time.monotonic()
    with pytest.raises(LLMError, match="timed out"):
        model_for(openai_server, timeout=0.2, retries=1).text(prompt("喂"))
    assert time.monotonic() - start < 1.5


def test_timeout_then_success_is_retried(openai_server):
    openai_server.delay(1.0, times=1)
    openai_server.reply("这句回复来得太迟，客户端已不再等待", "您好，请讲")
    assert model_for(openai_server, timeout=0.3, retries=1).text(prompt("喂")) == "您好，请讲"


def test_stream_failure_before_first_chunk_is_llm_error(openai_server):
    openai_server.fail(500, times=5)
    with pytest.raises(LLMError):
        list(model_for(openai_server, retries=1).stream(prompt("喂")))


def test_api_key_is_sent_but_never_shown(openai_server):
    secret = "sk-test-do-not-print-123"
    model = model_for(openai_server, key=secret)
    model.text(prompt("喂"))
    assert openai_server.chat_requests[-1]["authorization"] == f"Bearer {secret}"
    assert secret not in repr(model) and secret not in repr(model.__dict__.get("base_url"))
    assert secret not in repr(Settings(llm_api_key=secret))


def test_placeholder_key_when_none_is_configured(openai_server):
    model_for(openai_server).text(prompt("喂"))
    assert openai_server.chat_requests[-1]["authorization"].startswith("Bearer ")


@pytest.mark.parametrize("texts", [["您好"], ["退款", "换货", "投诉"], [f"第{i}句" for i in range(70)]])
def test_embeddings_one_vector_per_text_in_order(openai_server, texts):
    embedder = OpenAIEmbeddings(Settings(embed_base_url=openai_server.base_url), backoff=0.01)
    vectors = embedder.embed(texts)
    assert len(vectors) == len(texts)
    assert vectors == embedder.embed(texts)
    assert len({json.dumps(v) for v in vectors}) == len(texts)


def test_no_endpoint_is_a_clear_error():
    with pytest.raises(LLMError, match="KEFU_LLM_BASE_URL"):
        OpenAIChatModel(Settings())
