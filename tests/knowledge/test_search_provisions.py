"""Closing provisions hold articles of their own; a record kept for months or years is kept for a span, while the day
of a month is a date; lines to say for a scene do not answer what to do in it; 说明 is no phrase forbidden."""
from __future__ import annotations

import pytest

from core.settings import Settings
from core.types import Chunk
from flat_store import FlatStore
from knowledge.asks import FORBIDDEN_LINES, KINDS, SCRIPT, WORDING, asked, stated, unmet
from knowledge.search import Searcher


def _first(query: str, *passages: tuple[str, str]) -> str:
    chunks = [Chunk(id=str(i), text=text, source="规则.docx", article=article)
              for i, (article, text) in enumerate(passages)]
    return Searcher(Settings(), FlatStore(chunks)).search(query, k=1).hits[0].article


@pytest.mark.parametrize(("query", "closing", "body"), [
    # The appeal is ruled in the closing chapter only; the body article shares the words of the marking.
    ("对考评结果有异议几天内可以申请复查",
     ("第六章 附则 > 第二十条", "员工对考评结果有异议的，可在公布之日起5个工作日内申请复查。"),
     ("第四章 考评 > 第十二条", "考评结果每季度公布一次，复查结果由考评小组负责。")),
    ("工单记录要存几年",
     ("七、附则 > （二）资料存档", "服务工单存档2年，通话录音存档6个月。"),
     ("五、考核 > （一）抽检", "每月抽检通话录音和工单记录各10份，结果在3天内反馈。")),
])
def test_a_closing_provision_is_an_article_of_its_own(query, closing, body):
    # The closing article comes last in the store: on equal standing the body article would win a tie.
    assert _first(query, body, closing) == closing[0]


def test_a_faq_run_into_the_last_closing_provision_still_gives_way():
    faq = ("第六章 附则 > 第二十二条", "本规定由客服部负责解释。\n附：常见问题解答\n问：燃气表漏气多久到场？答：1小时内到场。")
    rule = ("第二章 时限 > 第五条", "燃气表漏气的，抢修人员应在1小时内到场。")
    assert _first("燃气表漏气多久到场", faq, rule) == rule[0]


def test_the_closing_provision_that_repeals_old_rules_still_gives_way():
    repeal = ("第六章 附则 > 第二十一条", "本规定自2026年3月1日起施行，原规定中“来电响铃5声内接听”同时废止。")
    rule = ("第二章 时限 > 第四条", "来电响铃3声内接听。")
    assert _first("来电响铃几声内接听", repeal, rule) == rule[0]


@pytest.mark.parametrize("query", ["以前说押金10天退，现在还按那个来吗", "原来是响铃5声内接听，现在还这么算吗？"])
def test_a_question_after_an_earlier_rule_is_answered_by_the_provision_repealing_it(query):
    # The old figure the question names is the repealed rule's: the question asks no time of the rules in force.
    assert asked(query) & set(KINDS) == {"validity"}
    repeal = ("第六章 附则 > 第二十一条", "本规定自2026年3月1日起施行，原规定中“来电响铃5声内接听”“押金10天内退还”"
                                       "的规定停止执行。")
    rules = [("第二章 时限 > 第四条", "来电响铃3声内接听。"), ("第二章 时限 > 第六条", "押金应在7个工作日内退还。")]
    assert _first(query, *rules, repeal) == repeal[0]


@pytest.mark.parametrize(("passage", "span"), [
    ("通话录音保存6个月。", True), ("投诉工单保存三年。", True), ("异常记录至少留存半年。", True),
    # A day of the month is a date, not a span.
    ("考评结果于次月10日前公布。", False), ("每月第一个工作日公布上月排名。", False),
    ("本办法自2026年1月1日起施行。", False),
])
def test_a_span_of_months_or_years_and_a_date(passage, span):
    assert bool(KINDS["time_limit"][1].search(passage)) == span


@pytest.mark.parametrize(("question", "script"), [
    # What to do in a scene, asked with the caller's words reported: the rule answers.
    ("客户说家里闻到煤气味，要不要叫他先开窗", True),
    ("煤气泄漏的来电先通知谁", True),
    # Asking how to say it, or about speech: the lines answer.
    ("煤气泄漏的来电怎么跟用户说", False),
    ("闻到煤气味的用户要安抚的话术有哪些", False),
    ("核对用户地址该怎么问", False), ("用户问能不能免违约金，标准答复是啥", False), ("用户要销户怎么答", False),
])
def test_lines_to_say_count_against_them_only_off_speech(question, script):
    assert (unmet(asked(question), {SCRIPT, WORDING}) == 1) == script


@pytest.mark.parametrize(("passage", "script"), [
    ("燃气公司 > 四、服务用语 > （二）推荐用语 > 3.闻到异味\n3.闻到异味\n√请您先开窗通风，不要开关电器，我马上派人。",
     True),
    ("客服中心 > 参考话术\n催缴提醒：“您好，您本月的燃气费还未缴纳。”", True),
    # A rule quoting a line in passing is a rule, under a heading naming lines to say or not.
    ("客服中心 > 二、服务用语 > （一）规范用语 > 在线补充\n在线补充\n回复尽量简短，不得使用“亲”“宝”等称呼。", False),
    # Under a heading that names no lines to say, a rule with a quotation is a rule.
    ("燃气公司 > 二、安全处置 > （一）泄漏\n接到泄漏来电应立即派单，并提醒用户“不要开关电器”。", False),
])
def test_a_passage_of_lines_to_say(passage, script):
    assert (SCRIPT in stated(passage)) == script


def test_the_rule_for_a_scene_outranks_its_lines_to_say():
    lines = ("燃气公司 > 四、服务用语 > （二）推荐用语 > 3.闻到煤气味",
             "3.闻到煤气味\n√请您先开窗通风，不要开关电器，我马上通知抢修人员上门。")
    rule = ("燃气公司 > 一、总则 > （二）安全优先",
            "用户来电反映闻到煤气味的，坐席应立即通知抢修人员，必要时提醒用户开窗并撤离。")
    assert _first("用户说闻到煤气味，要不要让他开窗", lines, rule) == rule[0]


@pytest.mark.parametrize(("passage", "forbidden"), [
    ("（二）首问负责：坐席应坚持“一次办好”，不得让用户反复说明情况。", False),
    ("（三）坐席不得对用户说“这不归我管”。", True),
])
def test_explaining_is_no_phrase_forbidden(passage, forbidden):
    assert (FORBIDDEN_LINES in stated(passage)) == forbidden
