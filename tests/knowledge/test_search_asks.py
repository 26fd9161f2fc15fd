"""A question that asks for a time limit, a clock time or points is answered by a passage that states one, and a
line of the call named by its place ("第一句") is found under the regulation's own term (开头语)."""
from __future__ import annotations

import pytest

from core.settings import Settings
from core.types import Chunk
from flat_store import FlatStore
from knowledge.asks import FORBIDDEN_LINES, KINDS, SPOKEN, WORDING, asked, asking_words, stated
from knowledge.call_lines import slot_terms
from knowledge.permits import PERMISSION
from knowledge.search import Searcher


@pytest.mark.parametrize(("question", "kinds"), [
    ("换表申请几个工作日能办完", {"time_limit"}),
    ("水管爆了维修多长时间到", {"time_limit"}),
    ("退押金最迟什么时候到账", {"time_limit"}),
    ("营业厅周末几点开门", {"clock_time"}),
    ("热线的服务时间是怎样的", {"clock_time"}),
    # Around the clock is a clock time; within 24 hours a time limit.
    ("报修电话是7×24小时有人接吗", {"clock_time"}),
    ("停气报修24小时都能打吗", {"clock_time"}),
    ("退款24小时内能到吗", {"time_limit"}),
    # Whether a version of the rules still applies.
    ("2019年版的抄表规定还有效吗", {"validity"}),
    ("旧版考核办法作废了没有", {"validity"}),
    ("有效投诉几天内办结", {"time_limit"}),
    ("跟用户顶嘴要扣多少分", {"points"}),
    ("漏登工单会扣分吗", {"points"}),
    ("泄露客户信息罚多少钱", {"points"}),
    ("被表扬了有什么奖励", {"points"}),
    ("坐席辱骂用户会被怎么处理", {"points"}),
    # What an act done brings its doer is its points; what a score brings is a rule of its own.
    ("跟用户承诺了稳赚会怎么处理", {"points"}),
    ("私自给客户减免了违约金会怎样", {"points"}),
    ("把客户的车牌号发到群里会怎么罚", {"points"}),
    ("季度考评低于70分会怎样", set()),
    # What the agent does about the caller's trouble, not what happens to the agent.
    ("客户银行卡被盗刷打进来怎么处理", set()),
    # Asking about a deduction is not asking for its amount.
    ("对扣分有意见向谁申诉", set()),
    ("用户要求开发票怎么办", set()),
    # A resolution asked for ("给个说法") is no wording and nothing said.
    ("退款失败，客户问多久能给说法", {"time_limit"}),
])
def test_what_a_question_asks_for(question, kinds):
    assert asked(question) & set(KINDS) == kinds


@pytest.mark.parametrize(("question", "forbidden"), [
    ("送别客人时说什么", False), ("告别的时候讲什么好", False), ("跟老人道别说些什么", False),
    ("别说什么", True), ("接电话时哪些话别说", True),
])
def test_bie_ending_a_word_forbids_nothing(question, forbidden):
    assert (FORBIDDEN_LINES in asked(question)) is forbidden
    assert (WORDING in asked(question)) is not forbidden


@pytest.mark.parametrize("question", ["退款失败，客户问多久能给说法", "客户非要讨个说法怎么办"])
def test_a_resolution_asked_for_is_no_line_of_the_call(question):
    assert not asked(question) & {WORDING, SPOKEN}


@pytest.mark.parametrize(("passage", "kind"), [
    ("第九条 换表申请受理后应在五个工作日内完成。", "time_limit"),
    ("第三条 热线电话铃响三声内接听。", "time_limit"),
    ("第四条 营业厅每日8:30至17:00对外办公。", "clock_time"),
    ("第十五条 顶撞用户的，每次扣3分。", "points"),
    ("违规情形 | 扣分\n泄露用户信息 | 10", "points"),
    ("第十六条 私收费用的，罚款200元。", "points"),
    ("第十八条 夜间违规外呼的，每次处以300元罚款。", "points"),
    ("第十七条 弄虚作假的，实行一票否决。", "points"),
    ("第二十条 本办法自发布之日起施行，原办法同时废止。", "validity"),
])
def test_what_a_passage_states(passage, kind):
    assert kind in stated(passage)


def test_a_notice_given_a_day_ahead_states_no_clock_time():
    # "提前24小时" is how long before, not round the clock.
    assert "clock_time" not in stated("第七条 计划停水应至少提前24小时通知受影响的用户。")


def test_a_passage_without_a_figure_states_nothing():
    # Forbidding an act, it answers whether the act is allowed (knowledge.permits), and nothing more.
    assert stated("第八条 座席应耐心倾听，不得打断用户。") == {PERMISSION}


@pytest.mark.parametrize(("query", "right", "wrong"), [
    # The 禁语 list shares the words; the deduction article states the points.
    ("坐席说了服务禁语扣几分",
     "第二十条 违反第十条的，每次扣5分。",
     "第十条 坐席严禁使用下列服务禁语：“你自己看说明书”“这不归我管”。"),
    # The article that refers to a table shares the words; the table row states the time limit.
    ("燃气泄漏抢修多久到",
     "序号 | 事项 | 时限\n1 | 燃气泄漏 | 接报后20分钟内到场",
     "第十二条 燃气泄漏抢修的到场要求，按附表执行，抢修人员应携带检测仪器。"),
    ("营业厅几点开门",
     "第四条 营业厅每日8:30开门，17:00停止办理。",
     "第五条 营业厅开门后，工作人员应起身迎候用户。"),
])
def test_the_passage_stating_what_is_asked_ranks_first(query, right, wrong):
    chunks = [Chunk(id="a", text=wrong, source="规则.txt", article="乙"),
              Chunk(id="b", text=right, source="规则.txt", article="甲")]
    assert Searcher(Settings(), FlatStore(chunks)).search(query, k=1).hits[0].text == right


@pytest.mark.parametrize(("question", "term"), [
    ("接通以后先说什么", "开头语"),
    ("电话里第一句该讲什么", "开头语"),
    ("挂电话前要说什么", "结束语"),
    ("通话最后一句怎么讲", "结束语"),
])
def test_a_line_named_by_its_place(question, term):
    assert term in slot_terms(question)


@pytest.mark.parametrize("question", ["网上留言多久要回第一句", "在线客服最多几秒回复第一句", "客户发来第一句话，得多快回"])
def test_the_time_of_the_first_reply_names_no_line(question):
    assert slot_terms(question) == []


def test_a_question_about_the_first_line_finds_the_opening_greeting():
    chunks = [Chunk(id="a", text="第六条 需要用户等待时应说：“请您稍等。”", source="规则.txt", article="乙"),
              Chunk(id="b", text="第五条 开头语：“您好，工号××，请问有什么可以帮您？”", source="规则.txt", article="甲")]
    hit = Searcher(Settings(), FlatStore(chunks)).search("接电话第一句说什么", k=1).hits[0]
    assert hit.article == "甲"


@pytest.mark.parametrize(("question", "kind", "words"), [
    ("退款几天能到账", "time_limit", {"几天"}),
    ("报修以后多长时间上门", "time_limit", {"多长", "时间", "长时间", "多长时间"}),
    ("收到感谢信能加分吗", "points", {"加分"}),
    ("上门前能不能先打电话", "whether", {"不能"}),
])
def test_the_words_that_only_ask(question, kind, words):
    from knowledge.segment import tokens
    assert asking_words(question, {w for w in tokens(question) if len(w) > 1})[kind] == words


_RULES = [Chunk(id="a", text="第九条 结清贷款后，五个工作日内寄出结清证明。", source="规则.txt", article="第九条"),
          Chunk(id="b", text="第十条 收到客户书面感谢的，每次加2分。", source="规则.txt", article="第十条"),
          Chunk(id="c", text="第十一条 坐席应耐心倾听，不得打断客户。", source="规则.txt", article="第十一条"),
          Chunk(id="d", text="第十二条 结清证明遗失的，客户可申请补开。", source="规则.txt", article="第十二条")]


@pytest.mark.parametrize("query", [
    # "几天"/"多久" are never written in the passage that states "五个工作日".
    "结清证明大概几天寄出",
    # "感谢信" is not the regulation's word, but its 感谢 is; "加分吗" asks for the points the passage states.
    "客户写了感谢信能加分吗",
    # Every passage answers whether: "能不能" is not a word the rule must share.
    "坐席能不能随便打断客户",
])
def test_a_question_is_answered_by_the_words_it_shares_beyond_its_asking(query):
    searcher = Searcher(Settings(), FlatStore(_RULES))
    searcher.threshold = 2.0  # above any cosine: only the share of words decides
    assert searcher.search(query, k=1).relevant


@pytest.mark.parametrize("query", ["护照补办一般几天能拿到", "打麻将赢了钱能加分吗"])
def test_asking_words_alone_do_not_make_a_question_answerable(query):
    searcher = Searcher(Settings(), FlatStore(_RULES))
    searcher.threshold = 2.0
    assert not searcher.search(query, k=1).relevant
