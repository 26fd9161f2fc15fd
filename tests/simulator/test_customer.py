"""The simulated caller's lines: seeded, never repeated, facts only when asked, LLM validated."""
from __future__ import annotations

import json

import pytest

from core.openai_api import OpenAIChatModel
from core.settings import Settings
from simulator.customer import Customer
from simulator.mood import Emotion
from simulator.persona import get_persona, get_scenario

LOUD = Emotion(label="angry", intensity=0.9)


def customer(persona="angry", scenario="refund_not_arrived", seed=0, chat_model=None) -> Customer:
    return Customer(get_persona(persona), get_scenario(scenario), seed, chat_model)


@pytest.mark.parametrize("persona", ["angry", "anxious", "confused", "elderly", "repeat_complainer", "noisy_line"])
def test_no_line_repeats_within_a_session(persona):
    c = customer(persona)
    lines = [c.say("pushing", LOUD, [], set(), []) for _ in range(40)]
    assert len(set(lines)) == len(lines)


def test_same_seed_same_lines_and_different_seeds_differ():
    def run(seed):
        c = customer(seed=seed)
        return [c.say(stage, LOUD, [], set(), []) for stage in ("opening", "pushing", "calming", "pushing")]

    assert run(7) == run(7)
    assert run(7) != run(8)


def test_facts_are_given_only_when_asked():
    scenario = get_scenario("refund_not_arrived")
    c = customer()
    unasked = [c.say(stage, LOUD, [], set(), []) for stage in ("opening", "pushing", "calming", "resolved")]
    assert not any(scenario.facts["order"] in line or scenario.facts["phone"] in line for line in unasked)
    answer = c.say("giving_facts", LOUD, ["order"], set(), [])
    assert scenario.facts["order"] in answer and scenario.facts["phone"] not in answer


def test_a_fact_the_scenario_lacks_gets_a_dont_know_line():
    line = customer(scenario="misdial").say("giving_facts", LOUD, ["order"], set(), [])
    assert not any(ch.isdigit() for ch in line)


def model_for(server) -> OpenAIChatModel:
    return OpenAIChatModel(Settings(llm_base_url=server.base_url, llm_model="test-model", llm_timeout=5, llm_retries=0))


def test_llm_line_is_used_when_valid(openai_server):
    openai_server.reply(json.dumps({"text": "你们到底什么时候退钱？"}, ensure_ascii=False))
    c = customer(chat_model=model_for(openai_server))
    assert c.say("pushing", LOUD, [], set(), []) == "你们到底什么时候退钱？"
    sent = json.dumps(openai_server.chat_requests[-1]["body"], ensure_ascii=False)
    assert "愤怒的客户" in sent and "20231025778" not in sent  # hidden facts stay out until asked


@pytest.mark.parametrize("bad", [
    json.dumps({"text": "When will I get my refund?"}),
    json.dumps({"text": "退" * 100}, ensure_ascii=False),
    json.dumps({"text": "我的订单号是20231025778，快查！"}, ensure_ascii=False),  # volunteers an unasked fact
    json.dumps({"text": "您好，很高兴为您服务，请问还有其他问题吗？"}, ensure_ascii=False),  # speaks as the agent
    "not json at all",
])
def test_invalid_llm_output_falls_back_to_the_banks(openai_server, bad):
    openai_server.reply(bad)
    c = customer(chat_model=model_for(openai_server))
    line = c.say("pushing", LOUD, [], set(), [])
    assert line != bad and c.llm_failures == 1 and "20231025778" not in line


def test_server_failure_falls_back_to_the_banks(openai_server):
    openai_server.fail(500, times=5)
    c = customer(chat_model=model_for(openai_server))
    assert c.say("opening", LOUD, [], set(), [])
