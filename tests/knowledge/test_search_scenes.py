"""A question repeating half a quoted line asks about that line; a clock time in a question asks for a cut-off; a list
of deductions gives way to the rule it scores; the lines for a scene a question names, the line a question asks for by
name and a rule limiting what is told on a topic answer how to say it."""
from __future__ import annotations

import pytest

from core.settings import Settings
from core.types import Chunk
from flat_store import FlatStore
from knowledge.asks import CONSEQUENCE, SCORES, WORDING, asked, stated
from knowledge.quotes import quoting, scened
from knowledge.search import Searcher


def _first(query: str, *passages: str) -> str:
    chunks = [Chunk(id=str(i), text=text, source="规则.txt", article=str(i)) for i, text in enumerate(passages)]
    return Searcher(Settings(), FlatStore(chunks)).search(query, k=1).hits[0].text


def test_half_a_quoted_line_without_a_verb_of_saying():
    passages = {0: "第八条 服务禁语：“不会自己上网查吗？”“明天再打吧。”", 1: "第二条 用户咨询资费的，坐席应上网查询后答复。"}
    assert quoting("用户不懂资费，能让他自己上网查吗", passages) == {0}
    assert _first("用户不懂资费，能让他自己上网查吗", passages[1], passages[0]) == passages[0]
    # Four characters of a long line are a shared phrase, not the line.
    assert quoting("上网查询资费要多久", {0: "第九条 规范用语：“请您稍候，我正在为您上网查询最新资费。”"}) == set()


@pytest.mark.parametrize(("question", "clock"), [
    ("晚上9点报修的什么时候上门", True), ("17:30以后打来的电话谁回", True), ("下午三点提交的申请今天能办吗", True),
    ("扣了5点积分怎么查", False), ("报修以后多久上门", False),
])
def test_a_clock_time_in_a_question(question, clock):
    assert ("clock_time" in asked(question)) == clock


@pytest.mark.parametrize(("passage", "scores"), [
    ("扣分标准：\n泄露用户住址的，一票否决\n推诿用户的，每次扣3分", True),
    ("序号 | 情形 | 处理\n1 | 泄露用户住址 | 扣10分\n2 | 态度生硬 | 扣2分/次", True),
    # A rule with its deduction at the end is the rule.
    ("第六条 坐席不得向他人透露用户住址、电话和缴费记录，核实身份后方可告知本人。违者扣5分。", False),
])
def test_a_list_of_deductions(passage, scores):
    assert (SCORES in stated("标题\n" + passage)) == scores


@pytest.mark.parametrize(("query", "wrong", "right"), [
    # The deduction list repeats the rule's words; the question asks no points.
    ("邻居打听用户住址能告诉吗",
     "扣分标准：\n向邻居泄露用户住址的，一票否决\n推诿用户的，每次扣3分",
     "第六条 不得向他人透露用户住址、电话和缴费记录。"),
    # The scene the question names labels a row of lines to say.
    ("核对地址时要用户报门牌号吗",
     "扣分标准：\n核对地址错误导致派单失败的，每次扣2分",
     "环节 | 话术 | 注意事项\n问候 |“您好，很高兴为您服务。”| 语气亲切\n核对地址 |“请您说一下详细地址和门牌号。”| 逐字复述"),
    # The opening line asked for by name is quoted at its moment.
    ("接起电话的开场白怎么说",
     "第五条 来电须在振铃三声内接听电话，不得无故挂断电话。",
     "第十条 应使用下列用语：\n（一）接听：“您好，燃气热线，工号××。”\n（二）结束：“感谢来电，再见。”"),
])
def test_the_rule_or_line_asked_ranks_first(query, wrong, right):
    # The wrong passage comes first in the store, so on equal words it would win.
    assert _first(query, wrong, right) == right


def test_a_scene_labels_its_line():
    passages = {0: "（二）核对地址：“请您说一下详细地址。”", 1: "- 问候 |“您好。”"}
    assert scened("核对地址时问什么", passages) == {0}


def test_a_rule_limiting_what_is_told_answers_how_to_answer():
    assert WORDING in stated("第三条 对分期政策，坐席只介绍办理条件，具体以官网公告为准。")
    assert _first("用户问分期政策的事怎么答",
                  "第九条 规范用语：\n（一）问候：“您好，很高兴为您服务。”\n（二）结束：“感谢来电，再见。”",
                  "第三条 对分期政策，坐席只介绍办理条件，具体以官网公告为准。") == \
        "第三条 对分期政策，坐席只介绍办理条件，具体以官网公告为准。"


@pytest.mark.parametrize(("question", "consequence"), [
    ("帮用户找回钱包有奖励吗", True), ("私自收费会怎样", True), ("漏登工单怎么处理", True),
    ("用户的邻居打听他家住址能告诉吗", False),
])
def test_a_question_about_what_follows(question, consequence):
    assert (CONSEQUENCE in asked(question)) == consequence


def test_a_list_of_deductions_answers_what_follows_a_fault():
    rule = "第六条 不得向他人透露用户住址、电话和缴费记录。"
    scores = "扣分标准：\n泄露用户住址、电话的，一票否决\n推诿用户的，每次扣3分"
    assert _first("泄露用户住址会怎样", rule, scores) == scores
