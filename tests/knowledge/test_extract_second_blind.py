"""Extraction on constructions of the fourth blind dev set: rates listed after a target's label, opening hours
round the clock, an instruction to switch to a call-back, a hotel's guests, a cap in a score sheet's note column,
a line for a scene no cue names."""
from __future__ import annotations

import pytest
from drafting import drafted



@pytest.mark.parametrize("line", [
    "（四）客服组季度目标：人工接通率不低于93%，客户满意率不低于96%。",
    "（四）2027年工作目标为：首呼解决率达到85%，投诉处理满意率不低于90%。",
])
def test_rates_listed_after_a_target_label_are_no_slas(tmp_path, line):
    text = f"第三条 服务时限\n（一）来电应在振铃4声内接听。\n{line}\n"
    assert [(s.value, s.unit) for s in drafted(tmp_path, text, "规范.txt").slas] == [(4.0, "ring")]


def test_a_rate_under_a_plain_label_stays(tmp_path):
    text = "第三条 服务水平\n（一）服务承诺：人工接通率不低于93%。\n"
    assert [(s.value, s.unit) for s in drafted(tmp_path, text, "规范.txt").slas] == [(93.0, "percent")]


@pytest.mark.parametrize(("title", "heading"), [
    ("客服手册", "## 1.2 服务时间"),
    ("客服手册", "## 1.2 营业时间与班次"),
    ("客服手册", "## 1.2 服务时限"),
    ("客服手册", "## 1.2 服务承诺"),
    ("客服中心服务时间与服务时限规定", "## 1.2 服务时限"),
])
def test_round_the_clock_is_no_sla_under_any_heading(tmp_path, title, heading):
    text = f"# {title}\n\n## 1 服务\n\n{heading}\n\n- 语音热线：每日 9:00—21:00；\n- 网上报修：7×24 小时受理。\n"
    assert drafted(tmp_path, text).slas == []


def test_an_instruction_to_switch_to_a_call_back_is_no_revision(tmp_path):
    text = "第四条 通话时限\n（二）核对账单时请客户在线等候的，等候最长不超过3分钟，超出时须改为稍后回拨。\n"
    assert [(s.value, s.unit) for s in drafted(tmp_path, text, "规范.txt").slas] == [(3.0, "minute")]


def test_a_hotel_guest_is_the_customer_side_of_a_meeting_booking(tmp_path):
    text = "2.3　宴会预订\n宴会厅及会议室的场地咨询，应在3小时内给客人回复报价。\n"
    assert [(s.value, s.unit) for s in drafted(tmp_path, text, "规范.txt").slas] == [(3.0, "hour")]


def test_a_cap_in_the_note_column_leaves_the_points_column_signed(tmp_path):
    text = ("## 5.1 扣分表\n\n| 类别 | 扣分情形 | 分值 | 备注 |\n|---|---|---|---|\n"
            "| 服务规范 | 挂断客户电话 | 8分/次 | 每月最多扣24分 |\n| 服务规范 | 未核实身份即办理 | 4分/次 | |\n")
    points = drafted(tmp_path, text).points
    assert sorted(p.points for p in points) == [-8.0, -4.0]


def test_a_line_for_a_scene_no_cue_names_is_another_scene(tmp_path):
    text = ("## 4.1 规范用语\n\n| 场景 | 规范用语 |\n|---|---|\n"
            "| 航班临时取消 | 非常抱歉您的航班已取消，我马上为您改签最近的一班。 |\n"
            "| 来电问候 | 您好，云帆航空客服，很高兴为您服务。 |\n")
    found = {(e.text, e.scenario) for e in drafted(tmp_path, text).scenario_phrases}
    assert found == {("非常抱歉您的航班已取消，我马上为您改签最近的一班。", "other"),
                     ("您好，云帆航空客服，很高兴为您服务。", "greeting")}
