"""Timing rules of batch QA on hand-made timestamped calls: one per rule, broken and kept."""
from __future__ import annotations

import pytest

from evals.qa.timing import ConfigError, Timing, load_config
from knowledge.rulebook import load_rulebook


def turn(role, text, start, end):
    return {"role": role, "text": text, "start_ms": start * 1000, "end_ms": end * 1000}


@pytest.fixture(scope="module")
def timing():
    return Timing(load_config(), load_rulebook())


CASES = [
    # pickup: 3 rings of 4 s by default
    ("pickup", True, [turn("agent", "您好，很高兴为您服务，请问有什么可以帮您？", 25, 29), turn("customer", "我的快递还没到。", 30, 32)]),
    ("pickup", False, [turn("agent", "您好，很高兴为您服务，请问有什么可以帮您？", 6, 10), turn("customer", "我的快递还没到。", 10.5, 12)]),
    # speech rate: 20 spoken characters in 4 s is 300 字/分; in 9 s about 133 字/分
    ("speech_rate", True, [turn("customer", "喂，你好。", 3, 4), turn("agent", "您好，请问您的订单号是多少？我帮您查一下物流进度。", 5, 9)]),
    ("speech_rate", False, [turn("customer", "喂，你好。", 3, 4), turn("agent", "您好，请问您的订单号是多少？我帮您查一下物流进度。", 5, 14)]),
    # silence over a minute: without a hold phrase before it, and with one
    ("silence", True, [turn("customer", "帮我查一下退款到哪了。", 3, 6), turn("agent", "好的。", 7, 8),
                       turn("agent", "查到了，退款已经原路退回。", 100, 104)]),
    ("silence", False, [turn("customer", "帮我查一下退款到哪了。", 3, 6), turn("agent", "好的，请您稍等，我马上为您查询。", 7, 10),
                        turn("agent", "让您久等了，退款已经原路退回。", 100, 105)]),
    # overlap: the agent starts 3 s before the customer stops
    ("overlap", True, [turn("customer", "我上周买的电视一直没发货，到底怎么回事你们？", 3, 12), turn("agent", "先生您别急。", 9, 10.5)]),
    ("overlap", False, [turn("customer", "我上周买的电视一直没发货，到底怎么回事你们？", 3, 12), turn("agent", "先生您别急。", 12.5, 14)]),
    # reply latency: 25 s after the customer stopped, and 1 s
    ("latency", True, [turn("customer", "我想改一下收货地址。", 3, 6), turn("agent", "好的，请问新的地址是？", 31, 34)]),
    ("latency", False, [turn("customer", "我想改一下收货地址。", 3, 6), turn("agent", "好的，请问新的地址是？", 7, 10)]),
]


@pytest.mark.parametrize("rule, broken, turns", CASES)
def test_each_rule_is_broken_and_kept(timing, rule, broken, turns):
    found = [f for f in timing.check(turns) if f["category"] == rule]
    assert bool(found) == broken
    for f in found:
        assert f["check"] == "timing" and f["points"] > 0 and f["start_ms"] is not None
        assert any("\u4e00" <= ch <= "\u9fff" for ch in f["detail"])


@pytest.mark.parametrize("rule, unit", [("pickup", "ring"), ("speech_rate", "chars_per_minute")])
def test_rules_cite_the_workspace_sla_in_their_unit(timing, rule, unit):
    rule_id, source = timing.cited[rule]
    entry = load_rulebook().by_id(rule_id)
    assert entry.unit == unit and source["file"] == entry.source.file


def test_a_call_without_times_is_skipped(timing):
    assert timing.check([{"role": "agent", "text": "您好", "start_ms": None, "end_ms": None}]) == []


def test_workspace_overrides_thresholds(tmp_path):
    (tmp_path / "qa.yaml").write_text("pickup:\n  rings: 10\nspeech_rate:\n  enabled: false\n", encoding="utf-8")
    lenient = Timing(load_config(tmp_path), load_rulebook())
    slow_pickup, fast_speech = CASES[0][2], CASES[2][2]
    assert not lenient.check(slow_pickup) and not lenient.check(fast_speech)


@pytest.mark.parametrize("text", ["pickup: [1, 2]\n", "pikcup:\n  rings: 3\n", "pickup:\n  rings: 很多\n", "pickup: {rings: 3\n"])
def test_bad_workspace_config_is_a_clear_message(tmp_path, text):
    (tmp_path / "qa.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="qa.yaml"):
        load_config(tmp_path)
