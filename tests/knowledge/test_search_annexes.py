"""An annex an article refers its rules to is where they are stated, and its title on the line under its bare name
stays under it; lines to say under a heading that names both them
and forbidden phrases are lines to say; confirming or reminding the caller is said; "是不是两天内" asks a limit."""
from __future__ import annotations

import pytest

from core.settings import Settings
from core.types import Chunk
from flat_store import FlatStore
from knowledge.asks import FORBIDDEN_LINES, SCRIPT, SPOKEN, WORDING, asked, stated
from knowledge.chunks import chunk_document
from knowledge.clean import CleanDoc
from knowledge.search import Searcher
from knowledge.supplements import delegated, restates, retold


def _first(query: str, *passages: tuple[str, str]) -> str:
    chunks = [Chunk(id=str(i), text=text, source="规程.pdf", article=article)
              for i, (article, text) in enumerate(passages)]
    return Searcher(Settings(), FlatStore(chunks)).search(query, k=1).hits[0].article


@pytest.mark.parametrize(("passage", "annexes"), [
    ("第九条 过户、销户、换表等业务的办理时限见附件。", {"附件"}),
    ("考评按附表2逐项扣分，单月扣分不超过20分。", {"附表2"}),
    ("质检结果与绩效挂钩，具体标准详见附录。", {"附录"}),
    ("其余事项依照附件3执行。", {"附件3"}),
    # An annex's list a rule names is where the list is.
    ("坐席使用附件1所列禁用语的，每次扣2分。", {"附件1"}),
    ("须按附表载明的时限办结。", {"附表"}),
    # Naming an annex without referring a rule to it.
    ("用户上传的附件应在工单中留存。", set()),
])
def test_the_annexes_an_article_refers_its_rules_to(passage, annexes):
    assert delegated([passage]) == annexes


@pytest.mark.parametrize(("article", "annexes", "restating"), [
    ("办理规程 > 附件 > 业务时限一览", {"附件"}, False),
    ("附件2 投诉处理时限", {"附件2"}, False),
    ("附件2 投诉处理时限", {"附件"}, False),
    # Another annex than the one referred to, or none referred to: a restatement as before.
    ("附件12 常见问题", {"附件1"}, True),
    ("附件1 修订记录", set(), True),
])
def test_an_annex_referred_to_restates_nothing(article, annexes, restating):
    assert restates(article, "1.过户：资料齐全后3个工作日内办结。", set(), annexes) == restating


def test_the_annex_an_article_refers_to_answers_what_only_it_states():
    annex = ("办理规程 > 第六章 附则 > 附件 > 业务时限一览",
             "业务时限一览\n1.过户：资料齐全后3个工作日内办结；\n2.换表：受理后2个工作日内上门。")
    referring = ("办理规程 > 第三章 时限 > 第九条", "过户、换表等业务的办理时限见附件。")
    # Another article with the same span, about something else.
    appeal = ("办理规程 > 第五章 考核 > 第十八条", "对考评结果有异议的，复核在3个工作日内办结。")
    # BM25 ranks the annex first; weighed down as a restatement it would fall behind the appeal.
    assert _first("过户是不是3个工作日内办结", annex, appeal, referring) == annex[0]


def test_a_short_article_referring_to_an_annex_is_no_annex_heading():
    assert not restates("办理规程 > 第三章 时限 > 第九条", "过户的办理时限见附件。", set())


@pytest.mark.parametrize(("passage", "kinds", "not_kinds"), [
    # Under a heading naming lines to say and forbidden phrases, its section of lines to say holds lines to say...
    ("坐席手册 > 5.2 用语与禁语 > 5.2.1 推荐话术\n场景 | 推荐话术\n催缴提醒 |“您好，您的账户本月尚未缴费，请您留意。”\n"
     "满意回访 |“打扰您一分钟，想了解一下您对本次维修是否满意。”", {SCRIPT, WORDING}, {FORBIDDEN_LINES}),
    # ...and its section of forbidden phrases forbidden ones.
    ("坐席手册 > 5.2 用语与禁语 > 5.2.2 服务忌语\n- “你自己看说明书去。”\n- “修不好我也没办法。”",
     {FORBIDDEN_LINES}, {SCRIPT, WORDING}),
])
def test_the_nearest_heading_names_the_lines(passage, kinds, not_kinds):
    assert kinds <= stated(passage) and not not_kinds & stated(passage)


@pytest.mark.parametrize(("question", "kind", "asks"), [
    ("挂号成功后怎么跟病人确认时间", WORDING, True),
    ("改约以后怎么和用户核对地址", WORDING, True),
    ("确认收货后几天到账", WORDING, False),
    ("燃气停供前要不要提醒用户关好阀门", SPOKEN, True),
    ("下雨天上门要不要叮嘱师傅带鞋套", SPOKEN, True),
    ("报修以后多久通知用户上门时间", SPOKEN, False),
    ("补卡是不是三个工作日内寄出", "time_limit", True),
    ("要在半小时内回电吗", "time_limit", True),
    ("是不是要先核实身份", "time_limit", False),
])
def test_what_a_question_asks(question, kind, asks):
    assert (kind in asked(question)) == asks


@pytest.mark.parametrize(("question", "lines", "limits"), [
    ("燃气泄漏时要不要提醒用户关闭总阀",
     "场景 | 推荐话术\n燃气泄漏 |“请您先关闭燃气总阀，打开门窗，不要开关电器，抢修人员马上出发。”\n"
     "停气通知 |“您好，您所在小区明天上午停气检修，请您提前做好准备。”",
     "业务类型 | 时限要求\n燃气泄漏抢修 | 接报后30分钟内到达现场\n停气通知 | 提前24小时通知用户"),
    ("约好上门以后怎么跟用户确认",
     "场景 | 推荐话术\n上门确认 |“已为您约好明天上午上门，请您家中留人。”\n结束通话 |“感谢您的来电，祝您生活愉快！”",
     "业务类型 | 时限要求\n预约上门 | 受理后2小时内回电确认上门时间\n投诉回访 | 办结后3日内回访"),
])
def test_the_lines_for_a_scene_answer_what_to_remind_or_confirm(question, lines, limits):
    lines = ("坐席手册 > 3.1 用语与禁语 > 3.1.1 推荐话术", lines)
    assert _first(question, ("坐席手册 > 2.1 时限标准", limits), lines) == lines[0]


@pytest.mark.parametrize("name", ["附件", "附件1", "附录"])
def test_an_annex_titled_under_its_bare_name_keeps_its_lines(name):
    text = ("营业厅服务规范\n第三章 附则\n第九条 考核细则见附件。\n"
            f"{name}\n营业员月度考核办法\n项目 | 扣分\n迟到早退 | 扣2分\n擅离柜台 | 扣3分")
    rows = [c for c in chunk_document(CleanDoc(name="规范.docx", text=text)) if "擅离柜台" in c.text]
    assert rows and rows[0].article.endswith(f"{name} > 营业员月度考核办法")


def test_a_question_naming_an_annex_asks_for_it():
    """"附件里…" asks for the annex, though an article repeats its words: the annex is not weighed down."""
    article = ("规范 > 第三章 服务用语 > 第八条", "第八条 坐席不得使用服务禁语，如“你听不懂吗”“这事我管不了”。")
    annex = ("规范 > 附件3 > 服务禁语（补充）", "服务禁语（补充）\n1.“你自己查去”\n2.“下班了明天再打”")
    assert _first("附件里补充的服务禁语有哪些", article, annex).endswith("服务禁语（补充）")


def test_an_faq_retelling_an_articles_limit_yields_to_the_article():
    """An FAQ's answer that gives the very limit an article's table row gives is a retelling: the row is cited."""
    row = ("规范 > 二、服务时限 > 2.3 工单处理", "| 工单类型 | 处理时限 |\n| 发票申请 | 开票后5个工作日内寄出纸质发票 |")
    faq = ("规范 > 六、常见问题", "Q：纸质发票多久能寄出？\nA：开票后5个工作日内寄出纸质发票。")
    assert _first("纸质发票开票后几个工作日寄出", row, faq).endswith("2.3 工单处理")


@pytest.mark.parametrize(("article", "retelling"), [
    ("规范 > 六、常见问题", True),
    ("规范 > 附件1 时限一览", True),
    # An FAQ set under the closing chapter is an FAQ all the same.
    ("规范 > 第七章 附则 > 常见问题", True),
    # The closing provisions state rules of their own (how long records are kept, which version applies).
    ("规范 > 第七章 附则 > 第三十条", False),
])
def test_which_supplements_retell_an_articles_limit(article, retelling):
    chunks = [("规范 > 第二章 > 第五条", "投诉应在3个工作日内答复。"), (article, "投诉3个工作日内答复；录音保存30天。")]
    assert retold(chunks, [False, True]) == [False, retelling]
