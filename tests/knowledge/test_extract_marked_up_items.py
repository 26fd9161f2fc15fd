"""Extraction on constructions of the sixteenth blind dev set: list items of a marked-up document that end without a
full stop, a signed score in quotes before 分, 扣罚 with capital numerals, a clock deadline a word away from its verb,
and points per occurrence under a column of what is done about a fault."""
from __future__ import annotations

import pytest
from drafting import drafted

from knowledge.clean import clean_document

NESTED = ("## 五、考核\n\n- 时效类\n  - 回访超过规定时限的，每超时 30 分钟扣 0.5 分\n"
          "  - 退款逾期并引发投诉的，扣减当月绩效 4 分\n  - 拖车派单延误：“−3”分/次\n")


@pytest.mark.parametrize(("name", "text"), [
    ("手册.md", NESTED),
    ("手册.html", "<h2>五、考核</h2><p>时效类：</p><ul><li>回访超过规定时限的，每超时 30 分钟扣 0.5 分</li>"
                  "<li>退款逾期并引发投诉的，扣减当月绩效 4 分</li><li>拖车派单延误：“−3”分/次</li></ul>"),
])
def test_items_of_a_marked_up_list_stay_apart_without_full_stops(tmp_path, name, text):
    assert sorted(e.points for e in drafted(tmp_path, text, name).points) == [-4, -3, -0.5]


def test_lines_of_plain_text_that_wrap_a_sentence_are_joined():
    text = "第三条 客户来电反映的问题当场不能答复的，坐席应当在两个工作日内通过电话\n回复客户，并在工单中记录回复内容。\n"
    assert clean_document(text, "规定.txt").text.split("\n")[0].endswith("记录回复内容。")


@pytest.mark.parametrize(("item", "points"), [("与客户发生争吵的，扣罚贰拾分。", -20), ("擅自挂断电话的，扣罚2分。", -2)])
def test_kou_fa_docks_points(tmp_path, item, points):
    assert [e.points for e in drafted(tmp_path, f"四、违规处理\n（一）{item}\n", "规定.txt").points] == [points]


def test_a_clock_deadline_for_a_step_done_for_the_customer(tmp_path):
    text = "二、服务时限\n（三）充值异常\n1）确属系统原因的，当日17:00前为客户补发积分。\n"
    assert [(e.value, e.unit) for e in drafted(tmp_path, text, "规定.txt").slas] == [(17, "clock")]


def test_points_per_occurrence_under_a_column_of_handling_take_the_intros_sign(tmp_path):
    page = ("<p>第十五条 违反本规范的，按下表处理，扣分可累计：</p><table><tr><th>序号</th><th>违规情形</th><th>处理</th></tr>"
            "<tr><td>1</td><td>未核实身份即办理业务</td><td>2分/次</td></tr>"
            "<tr><td>2</td><td>泄露客户信息</td><td>一票否决</td></tr></table>")
    assert [e.points for e in drafted(tmp_path, page, "规范.html").points if e.points] == [-2]


@pytest.mark.parametrize("cap", ["当月累计扣分不超过 12 分", "每月累计 10 分封顶"])
def test_a_cap_after_a_deduction_is_no_points_of_its_own(tmp_path, cap):
    text = f"## 五、考核\n\n- 质量类\n  - 经核实为有效投诉的，倒扣 4 分，{cap}\n"
    assert [e.points for e in drafted(tmp_path, text, "手册.md").points] == [-4]
