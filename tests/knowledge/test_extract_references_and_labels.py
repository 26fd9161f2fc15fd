"""Extraction on constructions of the fourteenth blind dev set: a reference into the document's own articles inside
a sentence, scene labels of any length under an obligation that opens its sentence, a call back counted from a staff
event, points counted per occurrence (每单记1分), and a signed figure in quotes under a points heading."""
from __future__ import annotations

import pytest
from drafting import drafted

from knowledge.clean import clean_document


@pytest.mark.parametrize("reference", ["与本规定第五条一致", "按本办法第五条执行", "依《热线服务规范》第五条处理"])
def test_a_reference_to_an_article_stays_inside_its_sentence(reference):
    text = f"第四条　报修受理时限见下表。\n第五条　坐席应在24小时内回复。\n第六条　对外说明时限时，所说时间{reference}。\n"
    lines = clean_document(text, "规定.txt").text.split("\n")
    assert lines[2].startswith("第六条") and lines[2].endswith(f"{reference}。")


SCENES = ("第八条　坐席应使用普通话，不得与同事闲聊，并使用以下规范用语：\n"
          "开场问候：“您好，工号××××为您服务。”\n"
          "需要客户稍候：“请您稍等，我帮您查一下账单。”\n"
          "客户对滞纳金有疑问：“滞纳金按日万分之五计收，具体以账单为准。”\n"
          "第九条　严禁使用“你自己看账单”等语言。\n")


def test_lines_under_an_obligation_opening_the_sentence_are_lines_to_say(tmp_path):
    book = drafted(tmp_path, SCENES, "规定.txt")
    assert [e.text for e in book.forbidden_phrases] == ["你自己看账单"]
    assert len(book.scenario_phrases) == 3


@pytest.mark.parametrize(("sentence", "kept"), [
    ("值班工程师应在上岗后2小时内回电。", True),
    ("新坐席上岗后3个月内完成岗位培训。", False),
    ("早班坐席应在上岗前15分钟到岗。", False),
])
def test_a_call_back_counted_from_a_staff_event_is_owed_to_the_caller(tmp_path, sentence, kept):
    assert bool(drafted(tmp_path, f"三、服务时限\n（一）{sentence}\n", "规定.txt").slas) is kept


@pytest.mark.parametrize("item", ["（三）账单寄送地址录入错误的，每单记2分，记分从当月质检得分中扣除。",
                                  "（三）账单寄送地址录入错误的，每笔计2分。"])
def test_points_counted_per_occurrence_take_the_lists_sign(tmp_path, item):
    text = f"第十条　坐席有下列情形之一的，按以下标准扣分：\n（一）使用服务禁语的，扣5分。\n{item}\n"
    assert sorted(e.points for e in drafted(tmp_path, text, "规定.txt").points) == [-5, -2]


@pytest.mark.parametrize(("heading", "found"), [("（一）扣分项", [-3.0]), ("（一）常见情形", [])])
def test_a_signed_figure_in_quotes_signs_itself_under_a_points_heading(tmp_path, heading, found):
    page = f"<h2>五、考核</h2><h3>{heading}</h3><ul><li>退款备注填写错误：<strong>“−3”</strong>/单。</li></ul>"
    assert [e.points for e in drafted(tmp_path, page, "规则.html").points] == found
