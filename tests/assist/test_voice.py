"""Suggested replies in the agent's voice: slots filled or dropped, the customer's voice and echoes rejected."""
from __future__ import annotations

import json
import re

import pytest

from assist.voice import SLOT, agent_line, fill_slots

KNOWN = {"address": "刘女士", "order": "58821907"}
UNKNOWN = {"address": None, "order": None}
CUSTOMER = ["我买的空调装好第二天就不制冷了，你们怎么搞的！", "订单号58821907，你们赶紧派人来修。"]


@pytest.mark.parametrize("text, filled", [
    ("XX先生/女士，您好，很高兴为您服务。", "刘女士，您好，很高兴为您服务。"),
    ("您好，××女士，给您添麻烦了。", "您好，刘女士，给您添麻烦了。"),
    ("您的订单号是【订单号】，我马上为您登记报修。", "您的订单号是58821907，我马上为您登记报修。"),
    ("好的，订单号XXXXXX我已经记下了。", "好的，订单号58821907我已经记下了。"),
])
def test_slots_are_filled_from_the_conversation(text, filled):
    assert fill_slots(text, KNOWN) == filled


@pytest.mark.parametrize("text, left", [
    ("XX先生/女士，您好，很高兴为您服务。", "您好，很高兴为您服务。"),
    ("您的订单号是【订单号】。我马上为您登记报修。", "我马上为您登记报修。"),
    ("师傅会在{日期}上门。请您保持电话畅通。", "请您保持电话畅通。"),
    ("请您稍等，我这边帮您核实一下。", "请您稍等，我这边帮您核实一下。"),
])
def test_unfillable_slots_take_their_sentence_with_them(text, left):
    assert fill_slots(text, UNKNOWN) == left


@pytest.mark.parametrize("text", [
    "你们到底什么时候派人来修？",
    "我的订单都一个星期了还没发货。",
    "请尽快帮我处理一下。",
    "我买的空调装好第二天就不制冷了。",  # the caller's own words back
    "订单号58821907，赶紧派人来修。",
    "【客服话术】",
])
def test_customer_voice_echoes_and_bare_slots_are_rejected(text):
    assert agent_line(text, KNOWN, CUSTOMER) is None


@pytest.mark.parametrize("text", [
    "非常抱歉给您添麻烦了，我马上为您安排师傅上门检修。",
    "您的订单号是58821907，对吗？我这边帮您登记报修。",
    "请您放心，您反映的空调不制冷问题我已经详细记录下来了。",
])
def test_agent_replies_pass_unchanged(text):
    assert agent_line(text, KNOWN, CUSTOMER) == text


PLANTED = [
    "XX先生/女士，您好，非常抱歉给您添麻烦了。",  # a slot the facts fill
    "您的工单号是【工单编号】。",  # a slot nothing fills: the sentence goes
    "你们到底什么时候给我退款？",  # the customer's voice
    "退款半个月了还没到账，你们怎么回事",  # an echo
]


def test_a_served_model_s_bad_replies_never_reach_the_agent(openai_server):
    from assist.check import Checker
    from assist.emotion import EmotionReader
    from assist.scenario import ScenarioDetector
    from assist.suggest import Suggester
    from core.openai_api import OpenAIChatModel
    from core.settings import Settings
    from knowledge.rulebook import load_rulebook

    reply = json.dumps({"suggestions": [{"text": t, "rules": [1]} for t in PLANTED]}, ensure_ascii=False)
    # Every call gets the planted replies, the redraft of the flagged ones too.
    openai_server.default_reply = reply
    settings = Settings(llm_base_url=openai_server.base_url, llm_model="test-model", llm_timeout=5, llm_retries=0)
    rulebook = load_rulebook()
    suggester = Suggester(rulebook, None, Checker(rulebook, settings), EmotionReader(settings),
                          ScenarioDetector(settings, rulebook), OpenAIChatModel(settings, backoff=0.01))
    turns = [{"role": "customer", "text": "我姓王，退款半个月了还没到账，你们怎么回事"}]
    result = suggester.suggest(turns)
    texts = [s.text for s in result.suggestions]
    assert len(texts) == 3 and result.backend == "model:test-model"
    assert "王先生/女士，您好，非常抱歉给您添麻烦了。" in texts
    assert not any(SLOT.search(t) or re.search("XX|【|你们", t) for t in texts)
