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
    assert [m["role"] for m in sent["messages"]] == ["system", "user"]
    assert "JSON schema" in sent["messages"][0]["content"] and sent["messages"][0]["content"].startswith("你是客服助手。")


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
    assert [m["role"] for m in repair] == ["system", "user", "assistant", "user"]
    assert "corrected JSON" in repair[-1]["content"]


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


def test_the_timeout_bounds_the_call_retries_included(openai_server):
    openai_server.delay(1.0, times=3)
    start = time.monotonic()
    with pytest.raises(LLMError, match="timed out"):
        model_for(openai_server, timeout=0.3, retries=3).text(prompt("喂"))
    assert time.monotonic() - start < 0.9 and len(openai_server.chat_requests) == 1


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


# --- faults a real server can produce: each ends as an LLMError, within the deadline ---

def reading_prompt() -> Prompt:
    return prompt("你们到底管不管！")


@pytest.mark.parametrize("fault", ["hang", "drip"])
@pytest.mark.parametrize("call", ["complete", "text", "stream"])
def test_a_stalling_server_costs_one_deadline_retries_included(openai_server, fault, call):
    getattr(openai_server, fault)(times=5)
    model = model_for(openai_server, timeout=1.0, retries=2)
    start = time.monotonic()
    with pytest.raises(LLMError) as caught:
        if call == "complete":
            model.complete(reading_prompt(), Reading)
        elif call == "text":
            model.text(reading_prompt())
        else:
            list(model.stream(reading_prompt()))
    assert time.monotonic() - start < 3.0
    assert caught.value.kind == "timeout"


@pytest.mark.parametrize("call", ["complete", "stream"])
def test_a_body_that_trickles_in_after_the_headers_is_cut_at_the_deadline(openai_server, call):
    openai_server.reply("请您稍等，我马上为您查询。" * 200)
    openai_server.drip(seconds=0.002)  # the headers arrive in a fraction of a second, the body never in time
    model = model_for(openai_server, timeout=1.0, retries=2)
    start, pieces = time.monotonic(), []
    with pytest.raises(LLMError) as caught:
        if call == "complete":
            model.complete(reading_prompt(), Reading)
        else:
            pieces.extend(model.stream(reading_prompt()))
    assert time.monotonic() - start < 3.0 and caught.value.kind == "timeout"
    assert call == "complete" or pieces  # a stream shows what came in time, then stops


@pytest.mark.parametrize("body", [b"", b"{}", b'{"choices": []}', b'{"choices": "nope"}',
                                  b'{"error": {"message": "model overloaded", "code": 503}}', b"<html>502</html>",
                                  b'{"choices": [{"message": {"content": 5}}]}'])
def test_a_malformed_200_body_is_an_llm_error(openai_server, body):
    openai_server.body(body, times=2)
    with pytest.raises(LLMError) as caught:
        model_for(openai_server, retries=1).complete(reading_prompt(), Reading)
    assert caught.value.kind == "malformed" and len(openai_server.chat_requests) == 2


def test_a_malformed_body_is_retried_like_a_dropped_connection(openai_server):
    openai_server.body(b'{"choices": []}')
    openai_server.reply('{"label": "angry", "intensity": 0.9}')
    assert model_for(openai_server, retries=1).complete(reading_prompt(), Reading).label == "angry"


@pytest.mark.parametrize("status, kind", [(429, "rate_limit"), (500, "server_error"), (503, "server_error"),
                                          (401, "rejected"), (404, "rejected")])
def test_status_errors_have_a_kind(openai_server, status, kind):
    openai_server.fail(status, times=3)
    with pytest.raises(LLMError) as caught:
        model_for(openai_server, retries=2).complete(reading_prompt(), Reading)
    assert caught.value.kind == kind


def test_a_template_wanting_one_leading_system_message_is_served(openai_server):
    openai_server.require_leading_system = True
    openai_server.reply('{"label": "sad"}', '{"label": "sad", "intensity": 0.5}')  # invalid first: a repair round
    assert model_for(openai_server).complete(reading_prompt(), Reading).intensity == 0.5
    assert all(m["role"] != "system" for r in openai_server.chat_requests for m in r["body"]["messages"][1:])


def test_a_second_refusal_switches_nothing_off(openai_server):
    openai_server.fail(400, times=2)
    model = model_for(openai_server)
    with pytest.raises(LLMError):
        model.complete(reading_prompt(), Reading)
    assert model.json_mode is True


def customer_prompt(turns: int):
    from core.prompts import render

    history = [{"role": "customer" if i % 2 else "agent", "text": f"第{i}句：" + "我的快递到底什么时候能到" * 8}
               for i in range(turns)]
    return render("customer", persona={"name": "焦急的客户", "style": "说话很快"},
                  scenario={"title": "订单未发货", "goal": "尽快发货"}, stage="pushing",
                  mood={"label": "anxious", "intensity": 0.7}, asked={}, history=history)


@pytest.mark.parametrize("wording", ["openai", "vllm", "llamacpp"])
def test_a_context_error_trims_the_history_and_retries_once(openai_server, wording):
    openai_server.context_limit = (1500, wording)
    openai_server.reply('{"text": "你们到底什么时候发货？"}')
    model = model_for(openai_server)
    assert model.complete(customer_prompt(12), CustomerSays).text == "你们到底什么时候发货？"
    first, second = (r["body"]["messages"] for r in openai_server.chat_requests)
    assert len(second[1]["content"]) < len(first[1]["content"])
    assert "第11句" in second[1]["content"] and "第0句" not in second[1]["content"]  # the oldest went first
    assert model.json_mode is True and "response_format" in openai_server.chat_requests[-1]["body"]


@pytest.mark.parametrize("wording", ["openai", "vllm", "llamacpp"])
def test_an_untrimmable_context_error_is_reported_and_switches_nothing_off(openai_server, wording):
    openai_server.context_limit = (100, wording)
    model = model_for(openai_server)
    with pytest.raises(LLMError) as caught:
        model.complete(prompt("喂" * 200), Reading)
    assert caught.value.kind == "context" and len(openai_server.chat_requests) == 1
    openai_server.context_limit = None
    openai_server.reply('{"label": "neutral", "intensity": 0.1}')
    assert model.complete(prompt("你好"), Reading).label == "neutral"
    assert model.json_mode is True and "response_format" in openai_server.chat_requests[-1]["body"]


class CustomerSays(BaseModel):
    text: str


def test_the_history_is_cut_to_the_context_budget_before_sending(openai_server):
    openai_server.reply('{"text": "好的"}')
    settings = Settings(llm_base_url=openai_server.base_url, llm_model="test-model", llm_context=1200)
    OpenAIChatModel(settings).complete(customer_prompt(30), CustomerSays)
    sent = openai_server.chat_requests[-1]["body"]["messages"]
    assert len(openai_server.chat_requests) == 1 and "第29句" in sent[1]["content"] and "第0句" not in sent[1]["content"]


def test_the_breaker_skips_a_dead_server_then_probes_it(openai_server):
    openai_server.hang(times=2)
    settings = Settings(llm_base_url=openai_server.base_url, llm_model="test-model", llm_timeout=0.5,
                        llm_retries=0, llm_breaker_failures=2, llm_breaker_cooldown=1.0)
    model = OpenAIChatModel(settings, backoff=0.01)
    for _ in range(2):
        with pytest.raises(LLMError, match="timed out"):
            model.text(prompt("喂"))
    start = time.monotonic()
    for _ in range(5):
        with pytest.raises(LLMError) as caught:
            model.text(prompt("喂"))
        assert caught.value.kind == "circuit_open"
    assert time.monotonic() - start < 0.2 and len(openai_server.chat_requests) == 2
    time.sleep(1.0)
    openai_server.reply("您好")
    assert model.text(prompt("喂")) == "您好"  # the probe succeeds and closes the breaker
    assert model.text(prompt("喂")) == "好的。"


@pytest.mark.parametrize("settings_seed, prompt_seed, sent_seed", [(None, None, None), (7, None, 7), (7, 42, 42),
                                                                   (None, 3, 3)])
def test_temperature_and_seed_are_sent(openai_server, settings_seed, prompt_seed, sent_seed):
    settings = Settings(llm_base_url=openai_server.base_url, llm_temperature=0.0, llm_seed=settings_seed)
    OpenAIChatModel(settings).text(prompt("喂").model_copy(update={"seed": prompt_seed}))
    body = openai_server.chat_requests[-1]["body"]
    assert body["temperature"] == 0.0 and body.get("seed") == sent_seed


def test_backend_names_the_served_model(openai_server):
    assert model_for(openai_server).backend == "model:test-model"


def test_threads_sharing_a_model_keep_their_own_deadlines(openai_server):
    import threading

    openai_server.hang(times=1)
    model, outcome = model_for(openai_server, timeout=1.0, retries=0), {}

    def hung():
        try:
            model.text(prompt("喂"))
        except LLMError as exc:
            outcome["hung"] = exc.kind

    first = threading.Thread(target=hung)
    first.start()
    time.sleep(0.2)  # the first call now holds the hanging request
    start = time.monotonic()
    assert model.text(prompt("您好")) == "好的。" and time.monotonic() - start < 0.5
    first.join(3)
    assert outcome == {"hung": "timeout"}
