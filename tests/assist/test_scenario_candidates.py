"""A workspace's own practice scenarios join scenario detection as extra candidates."""
from __future__ import annotations

import pytest

from assist.scenario import ScenarioDetector
from core.settings import Settings
from simulator.own_matcher import OwnMatcher
from simulator.own_scenarios import parse_scenario

OWN = [
    parse_scenario({"id": "燃气表不走字", "title": "燃气表不走字", "scenario_key": "repair",
                    "opening": ["我家燃气表这几天突然不走字了，是不是坏了？"]}),
    parse_scenario({"id": "行李未到", "title": "托运行李没有到达", "scenario_key": "delivery",
                    "opening": ["飞机落地两个小时了，我托运的行李箱一直没出来"]}),
    parse_scenario({"id": "card-fraud", "title": "信用卡被盗刷", "scenario_key": "complaint",
                    "opening": ["我的信用卡昨晚被人刷了好几笔，我根本没消费过"]}),
]


@pytest.fixture(scope="module")
def detector(tmp_path_factory):
    return ScenarioDetector(Settings(data_dir=tmp_path_factory.mktemp("data")), own=OwnMatcher(OWN))


@pytest.mark.parametrize("line, expected", [
    ("燃气表停着不走字，是不是表出毛病了？", "燃气表不走字"),
    ("航班早就落地了，可我的行李箱到现在还没出来", "行李未到"),
    ("托运的行李一直没出来，转盘上都空了", "行李未到"),
    ("我的信用卡被人盗刷了两笔，我人一直在家", "card-fraud"),
])
def test_a_line_about_an_own_scenario_gets_its_id(detector, line, expected):
    assert detector.detect(line) == expected
    # In a conversation the caller's last line decides.
    assert detector.detect([line, "您好，请问有什么可以帮您？", line]) == expected


@pytest.mark.parametrize("line", [
    "燃气费在哪里可以交？", "我想问问托运行李最多能带几公斤", "信用卡的账单日是几号", "我要退款，东西不想要了", "你好",
])
def test_a_line_that_only_shares_the_domain_is_not_taken_for_it(detector, line):
    assert detector.detect(line) not in {s.id for s in OWN}


def test_without_own_scenarios_nothing_changes(detector, tmp_path):
    plain = ScenarioDetector(Settings(data_dir=tmp_path))
    line = "航班早就落地了，可我的行李箱到现在还没出来"
    assert plain.detect(line) not in {s.id for s in OWN}
    assert plain.detect("我要退款，东西不想要了") == detector.detect("我要退款，东西不想要了")


def test_another_opening_line_teaches_another_way_of_saying_it(tmp_path):
    line = "今天一早发现燃气表上的数一直停着不动"
    gas = OWN[0]
    assert OwnMatcher([gas])(line) is None
    wider = gas.model_copy(update={"opening": [*gas.opening, "燃气表上的数字停着不动了"]})
    assert OwnMatcher([wider])(line) == gas.id
