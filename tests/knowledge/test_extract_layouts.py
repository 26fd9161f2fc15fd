"""Extraction on layouts any centre's rules use: lead-in points, staff routine, revision notes, spoken lines."""
from __future__ import annotations

import pytest

from knowledge.clean import clean_document
from knowledge.rulebook_extract import extract_rulebook


def drafted(text: str):
    return extract_rulebook([clean_document(text, "规范.txt")])


@pytest.mark.parametrize(("text", "items", "points"), [
    ("第九条 有下列行为之一的，每次扣3分：\n（一）未核实来电人身份的；\n（二）擅自承诺赔付金额的。", 2, -3.0),
    ("4.3 出现以下情形，每项扣1分：\n1. 未主动报工号；\n2. 挂机前未询问其他需求；\n3. 通话中吃东西。", 3, -1.0),
])
def test_items_under_a_lead_in_take_its_points(text, items, points):
    found = drafted(text).points
    assert len(found) == items
    assert all(p.points == points and not p.text.startswith("有下列") for p in found)


def test_a_lead_in_without_items_keeps_its_points():
    found = drafted("第十条 违反保密规定的，每次扣10分：").points
    assert [p.points for p in found] == [-10.0]


@pytest.mark.parametrize("text", [
    "第三条 话务员应提前15分钟到岗，做好交接班准备。",
    "2.5 班组每日例会不超过10分钟。",
    "第八条 新员工岗前培训不少于40学时。",
    "第二十条 原规定中“退款7个工作日内到账”调整为3个工作日。",
    "附则：原标准“48小时内回复”的要求同时废止。",
])
def test_staff_routine_and_revision_notes_are_no_service_levels(text):
    assert drafted(text).slas == []


@pytest.mark.parametrize(("text", "values"), [
    ("第四条 人工坐席30秒接通率不低于80%。", {30.0, 80.0}),
    ("3.1 来电须在振铃2声内接听，10秒内应答率达到95%以上。", {2.0, 10.0, 95.0}),
])
def test_a_rates_window_is_a_limit(text, values):
    assert {s.value for s in drafted(text).slas} == values


@pytest.mark.parametrize(("text", "line"), [
    ("第七条 来电人反映停电时，应首先提醒：“请您远离断落的电线，注意安全。”", "请您远离断落的电线"),
    ("5.2 办理挂失时应告知：“您的卡片已经冻结，请您携带身份证到网点补办。”", "携带身份证到网点补办"),
])
def test_a_line_introduced_as_speech_is_prescribed_even_without_a_known_scene(text, line):
    lines = drafted(text).scenario_phrases
    assert any(line in p.text for p in lines)
