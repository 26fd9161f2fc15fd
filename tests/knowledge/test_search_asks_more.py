"""More of what a question asks and a passage states: whether a wait passed its limit, the list of forbidden
phrases, a line of the call named by its term, how to reply, a deduction table's times, lines labelled as lines to
say, and a caller's matter in quotation marks."""
from __future__ import annotations

import pytest

from core.settings import Settings
from core.types import Chunk
from flat_store import FlatStore
from knowledge.asks import (
    FORBIDDEN_LINES, KINDS, SCRIPT, SHORT_SPAN, WORDING, asked, quoting, ruled, stated,
)
from knowledge.call_lines import slot_terms
from knowledge.search import Searcher


def _first(query: str, *passages: str) -> str:
    chunks = [Chunk(id=str(i), text=text, source="规则.txt", article=str(i)) for i, text in enumerate(passages)]
    return Searcher(Settings(), FlatStore(chunks)).search(query, k=1).hits[0].text


@pytest.mark.parametrize(("question", "kinds"), [
    ("用户在线上等了四十多秒才有人回，超时了吗", {"time_limit"}),
    ("转人工排队两分钟，这算不算超时", {"time_limit"}),
    ("换卡申请三个工作日能办好吗", {"time_limit"}),
    ("上门安装要提前两天通知用户吗", {"time_limit"}),
    # Around the clock stays a clock time.
    ("人工客服24小时都在线吗", {"clock_time"}),
    ("营业厅超市那边几点关门", {"clock_time"}),
])
def test_a_question_about_a_limit_without_asking_how_long(question, kinds):
    assert asked(question) & set(KINDS) == kinds


@pytest.mark.parametrize(("question", "forbidden"), [
    ("投诉电话里哪些话不能对用户讲", True),
    ("回复邮件不可以写什么", True),
    ("服务忌语都有哪些", True),
    # Points for saying them, or a question about one line, are no request for the list.
    ("说了禁语要扣几分", False),
    ("能不能跟用户说这个我不清楚", False),
])
def test_a_question_asking_for_the_forbidden_list(question, forbidden):
    assert (FORBIDDEN_LINES in asked(question)) == forbidden


@pytest.mark.parametrize(("question", "slot"), [
    ("开场白怎么讲", "开头语"),
    ("问候语应该怎么说", "开头语"),
    ("结束语怎么说比较好", "结束语"),
])
def test_a_line_named_by_its_term_when_asking_how_to_say_it(question, slot):
    assert slot in asked(question) and slot in slot_terms(question)


@pytest.mark.parametrize("question", ["开头语可以省掉吗", "没说结束语扣几分"])
def test_a_term_named_for_another_question_asks_no_line(question):
    assert not {"开头语", "结束语"} & asked(question) and slot_terms(question) == []


@pytest.mark.parametrize(("passage", "slot"), [
    ("（一）接听来电：“您好，星河燃气，请问有什么可以帮您？”", "开头语"),
    ("1. 场景：有电话呼入时；服务用语：1.“您好，我是8号客服。”", "开头语"),
    ("（五）结束通话：“感谢来电，再见。”", "结束语"),
])
def test_a_line_quoted_under_the_moment_it_is_said(passage, slot):
    assert slot in stated(passage)


def test_a_deduction_table_names_lines_and_times_it_scores():
    table = "序号 | 考核内容 | 扣分（分/次）\n1 | 未使用规范开场语 | 1\n2 | 排队等待超过45秒未安抚 | 0.5"
    kinds = stated(table)
    assert "points" in kinds and not {"time_limit", "开头语", WORDING} & kinds
    # A table without a points column keeps its times.
    assert "time_limit" in stated("序号 | 事项 | 时限\n1 | 报修 | 2小时内上门")


def test_a_line_labelled_as_one_to_say_states_no_time():
    passage = "3）参考话术如下：\n话术：您的退款已经提交，3个工作日内到账。\n话术：请问还有别的问题吗？"
    assert "3个工作日" not in ruled(passage)
    assert stated(passage) == {WORDING, SCRIPT}


@pytest.mark.parametrize(("query", "wrong", "right"), [
    # The deduction row names the seconds as the fault; the article states the limit.
    ("用户排队等了50多秒，超了没",
     "序号 | 考核内容 | 扣分（分/次）\n1 | 排队等待超过45秒未安抚 | 0.5",
     "第六条 排队等待一般不超过45秒。"),
    # The deduction row names the greeting; the article gives it under the moment it is said.
    ("开场白怎么讲",
     "序号 | 考核内容 | 扣分（分/次）\n1 | 未使用规范开场语 | 1",
     "第九条 规范用语\n（一）接听来电：“您好，星河燃气，请问有什么可以帮您？”"),
    # The line to say promises a time; the article states the limit.
    ("退款3个工作日能到账吗",
     "话术：您的退款已经提交，3个工作日内到账。",
     "第八条 退款申请审核通过后，3个工作日内原路退回。"),
    # The deduction for saying them shares the words; the list gives them.
    ("哪些话不能跟用户讲",
     "第二十条 对用户说服务禁语的，每次扣3分。",
     "第十条 严禁使用下列服务禁语：\n禁：这事不归我管。\n禁：你自己去问。"),
])
def test_the_passage_answering_ranks_first(query, wrong, right):
    # The wrong passage comes first in the store, so on equal words it would win.
    assert _first(query, wrong, right) == right


@pytest.mark.parametrize(("question", "wording"), [
    ("快递延误了怎么回用户", True),
    ("这个问题怎么回事", False),
    ("用户要求回电，怎么回电比较好", False),
])
def test_asking_how_to_reply(question, wording):
    assert (WORDING in asked(question)) == wording


def test_a_quoted_matter_the_caller_raises_is_no_line():
    passages = {0: "3. 用户反映“宽带断网”“网速太慢”的，应在2小时内派单。",
                1: "严禁使用下列语句：“网速太慢是你家路由器的事”“宽带断网别找我”。"}
    assert quoting("宽带断网别找我，这话能说吗", passages) == {1}
    assert quoting("网速太慢怎么回用户", passages) == set()


@pytest.mark.parametrize(("question", "short"), [
    ("燃气报修多少分钟内要回电", True),
    ("退款几个工作日到账", True),
    ("通话录音要保存多久", False),
])
def test_a_limit_named_in_days_or_less_is_asked_as_such(question, short):
    assert (SHORT_SPAN in asked(question)) == short


def test_a_passage_keeping_records_for_years_does_not_answer_a_wait_in_seconds():
    kept = "第四条 营业厅应保护用户信息，业务受理单据保存不少于三年。"
    answer = "第九条 各项服务时限：\n序号 | 事项 | 时限\n1 | 热线接听 | 20秒内接听"
    assert "time_limit" in stated(kept) and SHORT_SPAN not in stated(kept)
    assert _first("热线多少秒内要接听用户", kept, answer) == answer


@pytest.mark.parametrize(("question", "listed"), [
    ("能不能跟业主说这是开发商的事让他找开发商？",
     "服务禁用语 下列说法坐席一律不得使用：\n禁用语 | 建议改用\n这是开发商的事，你找开发商去。 | 这项需要开发商办理，我把联系方式告诉您。"),
    ("可以跟客户讲系统就是这么算的吗",
     "服务禁用语 下列说法坐席一律不得使用：\n禁用语 | 建议改用\n系统就是这么算的，我也没办法。 | 我把计算明细给您核对一遍。"),
])
def test_a_question_quoting_a_listed_line_finds_the_list(question, listed):
    conduct = "服务纪律 坐席不得以“这不归我们管”推脱，凡属本中心业务范围的诉求都应受理登记，不属于的应告知承办单位及电话。"
    assert _first(question, conduct, listed) == listed
    assert _first(question, listed, conduct) == listed
