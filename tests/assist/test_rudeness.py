import pytest

from assist.rudeness import rude_signal
from knowledge.normalize import match_key


@pytest.mark.parametrize("text", [
    "你到底想怎么样", "别在这儿烦我", "难道还要我替您下单", "怎么还在问这个", "不是早就说过了吗",
    "随便吧", "我说了多少遍", "谁让您不早点说", "自己去官网查", "说完我就挂了",
])
def test_curt_markers_open_the_gate(text):
    assert rude_signal(match_key(text))


@pytest.mark.parametrize("text", [
    "您好请问有什么可以帮您", "您别着急我帮您查", "这个颜色目前库存充足", "我看看还有没有别的办法",
    "需要我再说一遍吗", "您放心这个问题一定能解决", "请您稍等",
])
def test_courteous_or_plain_lines_keep_it_shut(text):
    assert not rude_signal(match_key(text))
