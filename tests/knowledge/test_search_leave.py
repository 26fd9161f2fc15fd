"""Asking leave for an act ("可以…吗") is answered by a passage allowing or forbidding acts; telling a third party
is no line of the call; a question half-quoting a forbidden line finds the list quoting it; "说法" naming what is
scored asks points; a list introduced as 禁止性语言 is a forbidden list; a question's 客户 is a regulation's caller
under another name."""
from __future__ import annotations

import pytest

from core.settings import Settings
from core.types import Chunk
from flat_store import FlatStore
from knowledge.asks import FORBIDDEN_LINES, SPOKEN, WORDING, asked, quoting, stated
from knowledge.permits import PERMISSION, permits
from knowledge.search import Searcher


def _searcher(*passages: tuple[str, str]) -> Searcher:
    chunks = [Chunk(id=str(i), text=text, source="守则.md", article=article)
              for i, (article, text) in enumerate(passages)]
    return Searcher(Settings(), FlatStore(chunks))


@pytest.mark.parametrize(("question", "leave"), [
    ("能不能把客户的账单发给他老婆", True),
    ("可以在周日上午给客户打电话吗", True),
    ("可不可以帮客户代填申请表", True),
    ("坐席能否私下加客户微信", True),
    ("客户骂人了我可以直接挂电话吗", True),
    # A caller asking what the service can do.
    ("钱扣了两次，能退回来吗", False),
    # Asking a limit, points or a line: the kind asked already says what answers.
    ("三个工作日能退回来吗", False),
    ("私下加微信扣几分", False),
    # Owed, or so, not allowed.
    ("要不要提醒他带身份证", False),
    ("是不是所有来电都录音", False),
    ("这个功能在哪里打开", False),
])
def test_a_question_asking_leave_for_an_act(question, leave):
    assert (PERMISSION in asked(question)) == leave


@pytest.mark.parametrize(("rules", "allowing"), [
    ("坐席不得向无关人员透露用户的住址。", True),
    ("严禁在晚上九点以后外呼。", True),
    ("用户可以在营业厅申请补卡。", True),
    ("经组长同意后方可延期回访。", True),
    ("生鲜商品仅限本市配送。", True),
    ("投诉工单应在3个工作日内办结。", False),
    ("故障单由二线工程师处理，处理后回访用户。", False),
])
def test_a_passage_allowing_or_forbidding_acts(rules, allowing):
    assert permits(rules) == allowing


def test_a_deduction_row_naming_a_forbidden_list_allows_nothing():
    assert PERMISSION not in stated("违规情形 | 扣分\n使用第三条所列禁止性语言 | 4分/次")


def test_leave_is_answered_by_the_list_of_prohibited_conduct():
    conduct = ("第三条 行为禁止", "回访员在回访中严禁下列行为：\n1. 不得向用户的同事、家属透露用户的投诉内容；\n"
                              "2. 不得在用户明确拒绝后继续回访。")
    limits = ("第八条 回访时限", "用户投诉办结的，应在2个工作日内回访用户；用户要求回电的，应在4小时内回电。")
    searcher = _searcher(limits, conduct)
    result = searcher.search("可以跟用户的家属说投诉的事吗", k=1)
    assert result.hits[0].article == conduct[0]


@pytest.mark.parametrize(("question", "spoken"), [
    ("能不能跟客户的同事讲他欠费", False),
    ("可以对用户的家里人说他的订单吗", False),
    # Said to the caller on the call.
    ("能不能跟客户说下次再打来", True),
    ("可以对他讲我们下班了吗", True),
    # A matter of the caller's, not a third party, before how to put it.
    ("对用户的投诉怎么说比较好", True),
])
def test_telling_a_third_party_is_no_line_of_the_call(question, spoken):
    assert (SPOKEN in asked(question)) == spoken


@pytest.mark.parametrize(("question", "quoted"), [
    ("能不能跟用户说要去你公司找你", True),
    ("可以跟客户讲再拖就派人上门吗", True),
    # Sharing two words of the line is not repeating it.
    ("能不能跟用户说公司的地址", False),
])
def test_a_question_half_quoting_a_line_finds_the_passage_quoting_it(question, quoted):
    passages = {0: "外呼员不得使用下列语言：\n“再不交费我们就去你公司找你领导。”\n“再拖就派人上你家去。”",
                1: "外呼员应在每日9:00至20:00之间外呼。"}
    assert quoting(question, passages) == ({0} if quoted else set())


@pytest.mark.parametrize(("question", "quoted"), [
    # Most of the line's words in another order, or a line in a table's cell.
    ("卡丢了就叫客户去银行找，行不行", True),
    ("能跟客户讲网络不好是运营商的事吗", True),
    ("卡丢了怎么补办", False),
])
def test_a_line_repeated_in_another_order_or_set_in_a_table(question, quoted):
    passages = {0: "第九条 服务禁语\n| 序号 | 禁语 | 建议说法 |\n| 1 | 网络不好是运营商的事。 | 我帮您查一下线路。 |\n"
                   "“丢了就找银行去。”",
                1: "第十条 补办银行卡应在3个工作日内寄出。"}
    assert quoting(question, passages) == ({0} if quoted else set())


def test_a_half_quoted_forbidden_line_is_cited_from_its_list():
    lines = ("第六条 禁止性语言", "外呼员不得使用威胁、恐吓、辱骂性质的语言，包括但不限于：\n"
                            "“再不交费我们就去你公司找你领导。”\n“你这种人就是赖账。”")
    appeal = ("第十二条 申诉", "外呼员对扣分有异议的，可在收到扣分通知之日起5个工作日内向质检组书面申诉。")
    handover = ("第九条 移交", "欠费超过60天的用户移交法务岗，移交前应以短信告知用户。")
    assert _searcher(appeal, handover, lines).search("能不能跟用户说要去你公司找你", k=1).hits[0].article == lines[0]


@pytest.mark.parametrize("passage", [
    "第六条 禁止性语言\n外呼员不得使用下列语言：\n“你爱交不交。”",
    "禁止用语\n“这事别找我。”\n“你自己看说明书。”",
    "外呼员不得使用威胁、恐吓、辱骂性质的语言，包括但不限于：\n“再不交费就停你的号。”",
])
def test_a_list_introduced_as_forbidden_language(passage):
    assert FORBIDDEN_LINES in stated(passage)


@pytest.mark.parametrize("question", ["用了不规范说法扣几分", "说了不当话术一次扣多少"])
def test_a_list_named_in_a_question_about_points_asks_no_wording(question):
    kinds = asked(question)
    assert "points" in kinds and WORDING not in kinds


def test_points_for_a_named_list_are_cited_from_the_points_article():
    phrases = ("4 服务用语 > 4.2 不当说法", "工程师应避免下表左列的说法，改用右列的建议说法。\n不当说法 | 建议说法\n"
                                        "你自己查手册。| 我把手册的相关章节发给您。\n这个没办法。| 我再帮您找找别的办法。")
    points = ("5 考核 > 5.2 扣分规则", "使用4.2所列不当说法的，每次扣减2分。\n未按时回电的，每次扣1分。")
    assert _searcher(phrases, points).search("说了不当说法扣几分", k=1).hits[0].article == points[0]


def test_a_question_calling_the_caller_otherwise_is_still_answered():
    rules = ("第四条 行为禁止", "外呼员不得以侮辱性称呼称呼会员，如“吝啬鬼”“穷光蛋”；不得在会员就医期间外呼。")
    other = ("第九条 积分", "会员积分每年12月31日清零，清零前应以短信提醒会员。")
    assert _searcher(other, rules).search("可以叫客户吝啬鬼吗", k=1).relevant


def test_a_question_asking_leave_to_say_a_listed_line_in_other_words_cites_the_list():
    # "能不能…" asks yes or no as "…吗" does; the line is repeated out of order.
    lines = ("第七条 服务禁语", "坐席不得使用下列用语：\n“退不了就找商家去。”\n“这不归我们管。”")
    scope = ("第二条 适用范围", "本规范适用于平台客服中心全体坐席，服务对象包括买家和入驻商家。")
    refund = ("第五条 退款", "买家申请退款的，客服应在24小时内审核。")
    hit = _searcher(scope, refund, lines).search("退款退不了，能不能让买家自己去找商家", k=1).hits[0]
    assert hit.article == lines[0]
