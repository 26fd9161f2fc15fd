"""A question asking how to say something is answered by a prescribed line, not by a list of forbidden phrases; a
list of forbidden phrases answers only questions about speech; the passage quoting the line a question repeats goes
first; and among passages that state a time, the one whose time is about the question's topic goes first."""
from __future__ import annotations

import pytest

from core.settings import Settings
from core.types import Chunk
from flat_store import FlatStore
from knowledge.asks import FORBIDDEN_LINES, SCRIPT, SPOKEN, WORDING, asked, off_topic, quoting, stated, unmet
from knowledge.search import Searcher


def _first(query: str, *passages: str) -> str:
    chunks = [Chunk(id=str(i), text=text, source="规则.txt", article=str(i)) for i, text in enumerate(passages)]
    return Searcher(Settings(), FlatStore(chunks)).search(query, k=1).hits[0].text


@pytest.mark.parametrize("question", ["停水的事怎么跟居民解释", "客户问账单该怎么回答", "催缴欠费有什么话术",
                                      "预约成功以后说什么"])
def test_a_question_asking_how_to_say_something(question):
    assert WORDING in asked(question)


@pytest.mark.parametrize("question", ["哪些话不能跟客户说", "停水多久能恢复", "客户要求开发票怎么办"])
def test_other_questions_do_not_ask_for_a_line(question):
    assert WORDING not in asked(question)


@pytest.mark.parametrize(("passage", "kinds"), [
    ("第八条 停水通知时应说：“您好，因管网检修，明天上午停水。”", {WORDING}),
    ("第九条 坐席应使用下列规范用语，不得自行改编。", {WORDING}),
    ("第十条 服务禁语：“停水又不是我们能管的”“自己去问物业”。", {FORBIDDEN_LINES}),
    ("第十一条 严禁对用户说“你爱交不交”。", {FORBIDDEN_LINES}),
    # Listed bare, one a line, under the sentence forbidding them.
    ("第七条 坐席严禁使用下列语句：\n你自己看着办吧。\n别再打过来了。", {FORBIDDEN_LINES}),
    # A deduction for using the list states points; it is not the list.
    ("第十二条 使用服务禁语“你爱交不交”的，每次扣5分。", {"points"}),
    # A rule quoting lines in passing is a rule, not a list of lines.
    ("第十三条 坐席不得对理财收益作出口头保证，客户追问时不得说“这款肯定赚钱”，应引导客户阅读产品说明书和风险揭示书，"
     "以合同约定为准。", set()),
    ("4.2 服务禁语\n1. 修不好就去别家 —— 推卸责任\n2.“你这车开得太猛了”（指责客户）", {FORBIDDEN_LINES}),
])
def test_a_prescribed_line_and_a_forbidden_list(passage, kinds):
    assert stated(passage) & {WORDING, FORBIDDEN_LINES, "points"} == kinds


@pytest.mark.parametrize(("question", "spoken"), [
    ("能不能用方言跟老人交流", True), ("坐席可以骂回去吗", True), ("燃气表坏了找谁修", False),
    # 电话 and 话费 are not speech.
    ("客服电话总占线", False), ("话费多扣了怎么退", False),
    # What the caller says is reported, not asked about; what the agent says to the caller is.
    ("客户说孩子住院了暂时交不上费怎么办", False), ("用户老说我们态度差", True), ("能跟顾客说下周再来吗", True),
    ("学生说校园卡丢了怎么办", False), ("租客说房东不退押金怎么办", False),
])
def test_a_question_about_speech(question, spoken):
    assert (SPOKEN in asked(question)) == spoken


def test_lines_to_say_are_no_answer_to_which_lines_are_forbidden():
    assert unmet(asked("哪些话是绝对不能跟客户说的"), {SCRIPT, WORDING}) >= 2


def test_a_forbidden_list_counts_against_it_only_off_speech():
    assert unmet(asked("燃气表坏了找谁修"), {FORBIDDEN_LINES}) == 1
    assert unmet(asked("燃气表坏了能跟用户说找物业吗"), {FORBIDDEN_LINES}) == 0


@pytest.mark.parametrize(("query", "wrong", "right"), [
    # Both quote lines about a technician's visit; only one prescribes what to say.
    ("要派维修员上门，怎么跟用户讲",
     "第十条 服务忌语：“派维修员上门得排好几天”。",
     "第九条 派单后应说：“已为您登记，维修人员会先联系您。”"),
    # The opening line is named by its place in the call; both passages prescribe a line.
    ("电话接通以后第一句说什么",
     "第七条 电话转接前应说：“请您稍等，正在为您转接。”",
     "第六条 开头语：“您好，工号××，请问您要办理什么业务？”"),
    # The forbidden list quotes the meter; the question is about the repair, not about what to say.
    ("燃气表坏了找谁修",
     "第十一条 服务禁语：“燃气表坏了找物业去”“修表的事别找我”。",
     "第四条 燃气表损坏的，由所属营业所上门维修更换。"),
])
def test_the_passage_with_the_asked_line_ranks_first(query, wrong, right):
    # The wrong passage comes first in the store, so on equal words it would win.
    assert _first(query, wrong, right) == right


def test_a_time_about_another_topic_is_set_aside():
    passages = {0: "热线电话铃响三声以内接起。客户留言的，当日回电。", 1: "（二）退费申请受理后3个工作日内到账。"}
    def weigh(part):
        return 2.0 if "退费" in part else 0.0
    assert off_topic({"time_limit"}, passages, weigh) == {0}
    # Points are often stated in a table's header, away from the fault's row: never set aside.
    assert off_topic({"points"}, passages, weigh) == set()


@pytest.mark.parametrize(("query", "wrong", "right"), [
    ("用户申请退费，多长时间能退回",
     "第三条 用户申请退费的，坐席应登记退费原因并告知退回方式。热线电话铃响3声以内接起。",
     "第五条 （二）退费受理后3个工作日内办结。"),
    ("退费多久能退回",
     "第三条 退费由财务部退回原账户。热线振铃3声内接听。",
     "第五条 办理时限：（一）发票2个工作日内寄出；（二）退费申请3个工作日内办结。"),
])
def test_the_time_about_the_question_ranks_first(query, wrong, right):
    # The wrong passage shares more of the question's words, but its time is how soon calls are answered; the
    # right one comes first in the store, so the two tie on rank fusion.
    assert _first(query, right, wrong) == right


@pytest.mark.parametrize(("question", "quoted"), [
    ("能不能跟用户说这单我管不了", {1}),
    ("能跟用户说“这单我管不了”吗", {1}),
    # A short quotation (“您”) is a word, not a line.
    ("您好，请问退费找谁", set()),
])
def test_the_passage_quoting_the_line_a_question_repeats(question, quoted):
    passages = {0: "第十一条 坐席称呼用户为“您”。", 1: "第十条 服务忌语：“这单我管不了”“你问别人去”。"}
    assert quoting(question, passages) == quoted


def test_a_repeated_line_finds_the_list_that_quotes_it():
    wrong = "第二条 用户反映的单子本部门管不了的，坐席应告知负责部门，不得说不知道。"
    right = "第十条 服务忌语：“这单我管不了”“你问别人去”。"
    assert _first("能跟用户说这单我管不了吗", wrong, right) == right
