"""Scenario detection on lines worded the way callers to banks, utilities and telecoms speak."""
from __future__ import annotations

import pytest

import assist.classifier
from assist.scenario import ScenarioDetector, without_denials
from core.settings import Settings


@pytest.fixture(scope="module")
def detector(tmp_path_factory):
    return ScenarioDetector(Settings(data_dir=tmp_path_factory.mktemp("data")))


@pytest.mark.parametrize("line", [
    "我在地铁站里，广播太响了，你刚才说的我一句没听清",
    "喂喂，信号不好，你那边声音断断续续的，银行卡的事你再说一遍",
    "旁边在装修电钻声太大了，你大声点，我听不见",
    "我在菜场门口，太吵了，你说的营业厅地址我没听清楚",
])
def test_a_caller_who_cannot_hear_is_a_noisy_line_whatever_the_topic(detector, line):
    assert detector.detect(line) == "noisy_line"


@pytest.mark.parametrize("line, not_this", [
    ("我不是要退款，我是想问一下积分怎么用", "refund"),
    ("我没说要退货，我就问问这个能不能开发票", "return_exchange"),
    ("我也不是来投诉的，就是想问问这个月话费为什么多了二十块", "complaint"),
])
def test_a_topic_the_caller_sets_aside_is_not_the_scenario(detector, line, not_this):
    assert detector.detect(line) != not_this


@pytest.mark.parametrize("line, kept", [
    ("我不是要退款，我是想问一下积分怎么用", "我是想问一下积分怎么用"),
    ("我不是要退款", "我不是要退款"),          # nothing else left: the line stays whole
    ("快递不是今天到吗，怎么还没来", "快递不是今天到吗，怎么还没来"),  # a question, not a denial
])
def test_without_denials(line, kept):
    assert without_denials(line) == kept


@pytest.mark.parametrize("line", [
    "我收到一条短信说我的医保卡异常，要我点链接验证，这是你们发的吗",
    "我家门口那棵树的树枝压到电线上了，刮风的时候一直冒火花",
])
def test_a_problem_no_known_scenario_fits_is_other(detector, line):
    assert detector.detect(line) == "other"


def test_a_second_detector_on_this_machine_reuses_the_trained_models(detector, monkeypatch, tmp_path):
    def no_training(*args, **kwargs):
        raise AssertionError("retrained although nothing changed")

    monkeypatch.setattr(assist.classifier, "train_linear", no_training)
    again = ScenarioDetector(Settings(data_dir=tmp_path))
    assert again.detect("我的退款怎么还没到账？") == detector.detect("我的退款怎么还没到账？")
