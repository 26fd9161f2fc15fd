"""A reply never commits to a refund, repair, delivery, compensation or time limit nobody raised.

The guarantee must not rest on the scenario detector being right: whatever scene a line is taken
for, the replies may speak only to what the caller's own words brought up.
"""
from __future__ import annotations

import pytest

from assist.check import Checker
from assist.emotion import EmotionReader
from assist.intents import commitments, raised
from assist.suggest import Suggester
from core.llm import OfflineChatModel
from core.settings import Settings
from knowledge.rulebook import SCENARIOS, load_rulebook


class Fixed:
    """A scenario detector that always answers one key."""

    def __init__(self, key: str):
        self.key = key

    def detect(self, turns) -> str:
        return self.key


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("data"))
    rulebook = load_rulebook()
    return rulebook, Checker(rulebook, settings), EmotionReader(settings)


# Callers from several kinds of centre who raise none of the promise topics.
NOTHING_RAISED = [
    "昨天来装宽带的那位师傅特别细心，我想表扬他一下",
    "我在国外刷卡刷不了，是不是卡被锁了，我现在很着急",
    "小区今天突然停电了，是线路出了什么问题吗",
    "我收到一条短信说我中奖了，让我交手续费，这是真的吗",
]
# Callers who raise exactly these topics.
SOME_RAISED = [
    ("退款什么时候能到账？", {"refund", "time_limit"}),
    ("热水器坏了，能不能派人来修一下", {"repair"}),
]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_whatever_scene_a_line_is_taken_for_no_reply_commits_to_what_was_not_raised(parts, scenario):
    rulebook, checker, emotion = parts
    suggester = Suggester(rulebook, None, checker, emotion, Fixed(scenario), OfflineChatModel())
    for line in NOTHING_RAISED:
        assert not raised([line]), line
        for item in suggester.suggest(line).suggestions:
            assert not commitments(item.text), (scenario, line, item.text)
    for line, topics in SOME_RAISED:
        assert raised([line]) == topics, line
        for item in suggester.suggest(line).suggestions:
            assert commitments(item.text) <= topics, (scenario, line, item.text)


@pytest.mark.parametrize("line, topics", [
    ("洗衣机不转了，能不能派人来修", {"repair"}),
    ("买了不合适，这个还能退吗", {"refund"}),
    ("包裹显示签收了，可我根本没拿到", {"delivery"}),
    ("网上买的书一个礼拜了还没送到", {"delivery"}),
    ("东西送到的时候外包装破了，里面的碗碎了一只", set()),  # the parcel came: the problem is the goods
    ("你们工人把我家墙砸坏了，这得赔", {"compensation"}),
    ("我收到短信说要给我理赔，让我点个链接填银行卡", set()),  # a stranger's message, not the caller's ask
    ("我想表扬一下昨晚抢修的师傅，辛苦了", set()),
    ("我要退订这个增值业务", set()),
    ("家里刚装修完，想问问燃气怎么报装", set()),
])
def test_callers_raise_topics_in_their_own_words(line, topics):
    assert raised([line]) == topics
