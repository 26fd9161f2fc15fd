"""Which figures a passage states as its own rule: a time inside a quoted line or a deduction sentence is no time
limit, "24小时内" is a limit and not opening hours, a deduction row naming the prescribed lines is no prescribed line;
and a page's comment thread is never the citation."""
from __future__ import annotations

import pytest

from core.settings import Settings
from core.types import Chunk
from flat_store import FlatStore
from knowledge.asks import WORDING, asked, stated
from knowledge.search import Searcher


@pytest.mark.parametrize(("passage", "kind"), [
    # What the agent says to the caller is not the rule's time limit.
    ("（二）查档前：“麻烦您稍候，大概需要两分钟。”", "time_limit"),
    # The minute is the rate of the deduction, not how long the agent may take.
    ("第十八条 通话保持超出规定的，每多1分钟扣0.5分。", "time_limit"),
    # A limit counted in hours, not the hours the line is open.
    ("第六条 上门维修单应在24小时内回访客户。", "clock_time"),
    # A deduction row names the prescribed lines it scores; it holds none.
    ("序号 | 考核项目 | 扣分\n1 | 未使用规范用语 | 扣2分", WORDING),
])
def test_a_figure_that_is_not_the_rule_is_not_stated(passage, kind):
    assert kind not in stated(passage)


@pytest.mark.parametrize(("passage", "kind"), [
    ("第七条 工单应在三个工作日内办结。", "time_limit"),
    ("第十八条 通话保持超出规定的，每多1分钟扣0.5分。", "points"),
    ("第二条 网上客服7×24小时在线。", "clock_time"),
    ("第八条 坐席应使用以下规范用语：“您好，请讲。”", WORDING),
])
def test_a_rule_still_states_its_figure(passage, kind):
    assert kind in stated(passage)


@pytest.mark.parametrize("question", ["结束语的标准说法是什么", "催单时有没有统一的说法", "老人着急的时候怎么安抚"])
def test_asking_for_the_set_wording_or_how_to_calm_asks_for_a_prescribed_line(question):
    assert WORDING in asked(question)


@pytest.mark.parametrize(("query", "right", "wrong"), [
    # The quoted line gives a time; the article states the limit.
    ("查档案最多让客户等多久",
     "第五条 调阅档案期间，静音不得超过一分钟。",
     "第八条 文明用语：\n（一）查档案前：“麻烦您稍等，查档案最多需要两分钟。”\n（二）查档案后：“感谢您的等待。”"),
    # The deduction row names the opening line; the prescribed line is the answer.
    ("开头语的标准说法是啥",
     "第九条 开头语：“您好，燃气服务热线，请讲。”",
     "序号 | 考核项目 | 扣分\n1 | 开头语未按标准说法 | 1分/次\n2 | 结束语未按标准说法 | 1分/次"),
])
def test_the_rule_ranks_before_a_figure_that_is_not_one(query, right, wrong):
    chunks = [Chunk(id="a", text=wrong, source="规则.txt", article="乙"),
              Chunk(id="b", text=right, source="规则.txt", article="甲")]
    assert Searcher(Settings(), FlatStore(chunks)).search(query, k=1).hits[0].text == right
