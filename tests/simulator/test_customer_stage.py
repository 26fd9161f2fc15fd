"""A served model's caller keeps to its stage: facts given, demands made, no repeats, never the agent's voice."""
from __future__ import annotations

import json

import pytest

from core.openai_api import OpenAIChatModel
from core.settings import Settings
from simulator.customer import Customer
from simulator.mood import Emotion
from simulator.persona import get_persona, get_scenario

LOUD = Emotion(label="angry", intensity=0.9)


def line(text: str) -> str:
    return json.dumps({"text": text}, ensure_ascii=False)


def served_customer(server, persona="angry", scenario="order_not_shipped") -> Customer:
    model = OpenAIChatModel(Settings(llm_base_url=server.base_url, llm_model="test-model", llm_timeout=5,
                                     llm_retries=0), backoff=0.01)
    return Customer(get_persona(persona), get_scenario(scenario), 3, model)


@pytest.mark.parametrize("stage, asked, bad, good", [
    ("giving_facts", ["order"], "你们查一下不就知道了吗？", "订单号是{order}，你们赶紧查。"),
    ("giving_facts", ["order"], "我的订单号你们系统里有。", "单号 {order}，快点处理。"),
    ("giving_facts", ["name"], "问这么多干什么？", "我姓{name}。"),
    ("escalating", [], "你们太过分了。", "叫你们领导来跟我说！"),
    ("hang_up", [], "你们怎么这样啊。", "算了，我不跟你说了。"),
    ("pushing", [], "您好，请您稍等，我为您查询一下。", "你们到底什么时候发货？"),  # the agent's voice
])
def test_a_line_off_its_stage_is_regenerated_once(openai_server, stage, asked, bad, good):
    facts = get_scenario("order_not_shipped").facts
    good = good.format(**facts)
    openai_server.reply(line(bad), line(good))
    c = served_customer(openai_server)
    assert c.say(stage, LOUD, asked, set(), []) == good
    assert len(c.off_stage) == 1 and len(openai_server.chat_requests) == 2
    retry = openai_server.chat_requests[1]["body"]["messages"][-1]["content"]
    assert bad in retry and "不合要求" in retry
    assert openai_server.chat_requests[1]["body"]["seed"] != openai_server.chat_requests[0]["body"]["seed"]


@pytest.mark.parametrize("stage, asked", [("giving_facts", ["order"]), ("escalating", []), ("hang_up", [])])
def test_twice_off_stage_falls_back_to_the_persona_s_own_line(openai_server, stage, asked):
    facts = get_scenario("order_not_shipped").facts
    openai_server.reply(line("嗯。"), line("嗯嗯。"))
    c = served_customer(openai_server, persona="repeat_complainer")
    said = c.say(stage, LOUD, asked, set(), [])
    assert said not in ("嗯。", "嗯嗯。") and c.llm_failures == 1 and c.fallback
    assert c.stage_problem(stage, said, asked, set()) is None or stage == "hang_up" and "order" not in asked
    if asked:
        assert facts["order"] in said


def test_a_repeated_line_is_regenerated(openai_server):
    earlier = "你们到底什么时候给我发货？"
    openai_server.reply(line(earlier), line("都三天了还不发，我等不起了！"))
    c = served_customer(openai_server)
    history = [{"role": "customer", "text": earlier}, {"role": "agent", "text": "非常抱歉，我马上为您查询。"}]
    assert c.say("pushing", LOUD, [], set(), history) == "都三天了还不发，我等不起了！"
    assert len(c.off_stage) == 1


@pytest.mark.parametrize("text, value", [
    ("订单号2023 1102 317", "20231102317"),
    ("我的单号是2023-1102-317", "20231102317"),
    ("手机138 1234 5678", "13812345678"),
])
def test_a_number_counts_as_said_however_it_is_spaced(openai_server, text, value):
    c = served_customer(openai_server)
    scenario = c.scenario.model_copy(update={"facts": {"order": value}})
    c.scenario = scenario
    assert c.stage_problem("giving_facts", text, ["order"], set()) is None
