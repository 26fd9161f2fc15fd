"""Extraction on Markdown 质检 handbooks: <br> paragraphs inside pipe-table cells, raw HTML tables, short bullets,
`[TOC]`, per-occurrence scores without a verb under a 扣分标准 / 评分标准 column, total rows keyed in their second
column, dashed ranges and the usual wordings of fines; and the numbers around the rules that are no service levels:
rights' windows, KPI lists, definitions of measures, triggers, faults a deduction is for, past editions, the team's
routine and what an appraisal brings the team."""
from __future__ import annotations

import pytest

from knowledge.clean import clean_document
from knowledge.markup import markdown_lines
from knowledge.rulebook_extract import extract_rulebook
from drafting import drafted as drafted_as


def drafted_md(tmp_path, text: str):
    return drafted_as(tmp_path, text, "手册.md")


_SHEET = "## 4 质检\n\n### 4.1 评分表\n\n| 序号 | 考核项目 | 分值 | 扣分标准 | 备注 |\n|---|---|---|---|---|\n"


@pytest.mark.parametrize(("cell", "points"), [
    ("未核对燃气表号扣 2 分<br>未提醒安全用气扣 1 分", [-2.0, -1.0]),
    ("未确认航班号扣3分<br/>改签费用告知错误，每次扣 5 分", [-3.0, -5.0]),
    ("未复述挂号科室扣 1 分<BR>就诊须知漏讲扣 2 分<br>", [-1.0, -2.0]),
])
def test_each_paragraph_of_a_pipe_table_cell_is_a_rule_of_its_own(tmp_path, cell, points):
    book = drafted_md(tmp_path, _SHEET + f"| 1 | 服务规范 | 10 | {cell} | |\n")
    assert sorted(p.points for p in book.points) == sorted(points)


@pytest.mark.parametrize(("cell", "points"), [
    ("抄表数据录错 4 分/次<br>未告知缴费渠道 1 分/次", [-4.0, -1.0]),
    ("行李规定解释错误 6 分/次；催促旅客 2 分/次", [-6.0, -2.0]),
    ("利率告知错误每次 5 分", [-5.0]),
])
def test_a_score_per_occurrence_under_a_deduction_column_is_a_deduction(tmp_path, cell, points):
    book = drafted_md(tmp_path, _SHEET + f"| 1 | 业务准确 | 30 | {cell} | |\n")
    assert sorted(p.points for p in book.points) == sorted(points)
    assert all(p.points != -30.0 for p in book.points)  # the row's weight is no deduction


def test_signed_bonuses_keep_their_sign_under_a_bonus_column(tmp_path):
    text = "## 5 加分\n\n| 序号 | 加分项目 | 加分标准 |\n|---|---|---|\n| 1 | 表扬 | 患者书面表扬，+3 分/次 |\n"
    assert [p.points for p in drafted_md(tmp_path, text).points] == [3.0]


@pytest.mark.parametrize("total", ["|  | 合计 |  | 100 | |", "| | 总计 | | 100分 | |", "|  | 小计 | 60 |  | |"])
def test_a_total_row_keyed_in_its_second_column_states_no_points(tmp_path, total):
    text = _SHEET + "| 1 | 开场 | 10 | 未报工号扣 2 分 | |\n" + total + "\n"
    assert [p.points for p in drafted_md(tmp_path, text).points] == [-2.0]


@pytest.mark.parametrize(("rule", "points"), [
    ("未核实投保人身份的，视情节扣 2—5 分。", -2.0),
    ("抢话、插话的，扣1–3分。", -1.0),
    ("催缴用语生硬的，每次减 2 分。", -2.0),
    ("未提示退票手续费的，减3分。", -3.0),
])
def test_dashed_ranges_and_the_verb_jian_state_deductions(rule, points):
    (found,) = extract_rulebook([clean_document(f"三、质检\n（一）{rule}", "细则.txt")]).points
    assert (found.points, found.kind) == (points, "deduction")


@pytest.mark.parametrize(("line", "value", "unit"), [
    ("挂号专线 15 秒人工接通率不低于 85%。", 15.0, "second"),
    ("报修电话20秒人工应答率不低于90%。", 20.0, "second"),
])
def test_rate_windows_are_service_levels(line, value, unit):
    slas = extract_rulebook([clean_document(f"一、服务时限\n（一）{line}", "规范.txt")]).slas
    assert (value, unit) in [(s.value, s.unit) for s in slas]


@pytest.mark.parametrize("line", [
    "乘客购票后 24 小时内可免费退票。",
    "用户签收后 7 天内可以申请无理由退货、15 天内可申请换货。",
    "投保人收到保单后 15 日内有权解除合同。",
    "业主可在账单发出后 30 日内提出异议。",
])
def test_the_window_of_a_customers_right_is_no_service_level(line):
    assert extract_rulebook([clean_document(f"一、服务说明\n{line}", "规范.txt")]).slas == []


@pytest.mark.parametrize(("line", "value"), [
    ("经中心负责人批准，办理时限可延长至 20 个工作日。", 20.0),
    ("退款可在 3 个工作日内到账，客服应于当日告知客户。", 3.0),
    ("缴费成功后 30 分钟内即可恢复供气。", 30.0),
])
def test_a_limit_the_centre_keeps_stays_one_whatever_may_be_said_around_it(line, value):
    slas = extract_rulebook([clean_document(f"一、服务时限\n{line}", "规范.txt")]).slas
    assert value in [s.value for s in slas]


@pytest.mark.parametrize("line", [
    "班组 KPI：首次解决率 ≥ 85%，平均通话时长 ≤ 240 秒。",
    "坐席 kpi 要求：平均处理时长不超过 300 秒。",
])
def test_a_kpi_list_is_no_service_level(line):
    assert extract_rulebook([clean_document(f"五、班组要求\n1. {line}", "规范.txt")]).slas == []


@pytest.mark.parametrize("line", [
    "重复来电率：客户在 72 小时内就同一问题再次来电的比例；",
    "及时回访率是指在 24 小时内完成回访的工单占全部工单的比例。",
    "一次修复率：报修后 3 日内未再次报修的用户所占比例。",
])
def test_a_limit_inside_the_definition_of_a_measure_is_no_service_level(line):
    assert extract_rulebook([clean_document(f"一、术语\n1. {line}", "规范.txt")]).slas == []


@pytest.mark.parametrize("line", [
    "客户等待超过 40 秒后，应致歉：“抱歉让您久等了。”",
    "来电排队超过2分钟后，系统自动播放安抚语音。",
])
def test_a_wait_that_triggers_a_line_is_no_service_level(line):
    book = extract_rulebook([clean_document(f"三、服务用语\n（一）{line}", "规范.txt")])
    assert book.slas == []


@pytest.mark.parametrize("row", [
    "| 不合格 | 70 分以下 | 0.8 | 连续两月不合格的纳入末位淘汰（比例 5%） |",
    "| 待改进 | 60～79 分 | 0.9 | 排名后 10% 的座席占比不低于 10% 时复训 |",
])
def test_what_an_appraisal_brings_the_team_is_no_service_level(tmp_path, row):
    text = "## 附录 考核结果运用\n\n| 等级 | 得分 | 绩效系数 | 说明 |\n|---|---|---|---|\n" + row + "\n"
    assert drafted_md(tmp_path, text).slas == []


@pytest.mark.parametrize("directive", ["[TOC]", "[[_TOC_]]", "@[toc]", "{:toc}", "  [toc]  "])
def test_a_table_of_contents_directive_is_no_text(directive):
    assert markdown_lines(f"# 标题\n\n{directive}\n\n## 1 总则") == ["标题", "", "", "1 总则"]


def test_br_paragraphs_of_a_pipe_cell_are_kept_apart():
    (row,) = [line for line in markdown_lines("| a | b |\n|---|---|\n| 未问候扣1分<br>未道别扣1分 | 备注 |") if "备注" in line]
    assert row == "未问候扣1分；未道别扣1分 | 备注"


@pytest.mark.parametrize(("rule", "points", "money"), [
    ("客户投诉经核实属实的，扣款 100 元。", None, -100.0),
    ("抄表差错，扣款20元/次。", None, -20.0),
    ("改签操作错误的，扣当月绩效分 3 分。", -3.0, None),
    ("挽回退保客户的，给予 50 元/件奖励。", None, 50.0),
])
def test_fines_awards_and_docked_scores_in_their_usual_wordings(rule, points, money):
    (found,) = extract_rulebook([clean_document(f"四、奖惩\n（一）{rule}", "细则.txt")]).points
    assert (found.points, found.money) == (points, money)


@pytest.mark.parametrize("line", ["系统重复扣款 50 元的，应在 3 个工作日内退回。", "银行代扣款 200 元失败的，短信提醒用户。"])
def test_money_taken_from_a_customer_is_no_fine(line):
    assert extract_rulebook([clean_document(f"二、账务\n（一）{line}", "细则.txt")]).points == []


@pytest.mark.parametrize(("line", "phrases"), [
    ("服务忌语是指“冷、硬、顶、推”的话，坐席应杜绝“生、冷、硬”的态度。", []),
    ("下表“替代用语”仅供参考，不得使用表中所列忌语。", []),
    ("严禁使用“不文明用语”，也不得说“你自己看”。", ["你自己看"]),
    ("不得使用“喂”“嗯”等随意应答。", ["喂", "嗯"]),
])
def test_quotes_that_name_an_attitude_or_a_kind_of_speech_are_no_phrases(line, phrases):
    book = extract_rulebook([clean_document(f"三、服务忌语\n{line}", "规范.txt")])
    assert [p.text for p in book.forbidden_phrases] == phrases


@pytest.mark.parametrize(("heading", "cell", "points"), [
    ("质检评分", "错报账单金额 4 分/次；催促客户 1 分/次", [-4.0, -1.0]),
    ("质检评分", "核保结论告知错误，每次 6 分", [-6.0]),
    ("服务加分", "患者来信表扬 2 分/次", [2.0]),
])
def test_per_occurrence_scores_under_a_scoring_standard_column_take_the_sheets_sign(tmp_path, heading, cell, points):
    text = f"## 5 {heading}\n\n| 序号 | 评分项目 | 分值 | 评分标准 |\n|---|---|---|---|\n| 1 | 服务 | 20 | {cell} |\n"
    assert sorted(p.points for p in drafted_md(tmp_path, text).points) == sorted(points)


@pytest.mark.parametrize(("line", "said"), [
    ("对客户的“谢谢”，应回应“不客气，很高兴能帮到您”。", "不客气，很高兴能帮到您。"),
    ("乘客表示感谢时，回应“不用客气，祝您旅途愉快”。", "不用客气，祝您旅途愉快。"),
])
def test_a_line_to_respond_with_is_prescribed(line, said):
    book = extract_rulebook([clean_document(f"二、服务要求\n（一）{line}", "规范.txt")])
    assert said in [p.text for p in book.scenario_phrases]


@pytest.mark.parametrize(("line", "values"), [
    ("理赔结案时限为 10 个工作日（2023 版为 15 个工作日）。", [10.0]),
    ("燃气报修的上门时效为 2 小时。", [2.0]),
    ("账单异议处理期限是 7 天。", [7.0]),
])
def test_a_limit_named_as_the_time_limit_of_a_task_is_a_service_level(line, values):
    slas = extract_rulebook([clean_document(f"二、服务时限\n（一）{line}", "规范.txt")]).slas
    assert [s.value for s in slas] == values


@pytest.mark.parametrize("item", [
    "通话中静音超过 40 秒未向旅客说明原因，扣 1 分；",
    "未在 2 小时内回电预约客户的，每次扣 2 分；",
    "话后整理时间超过 90 秒，扣 0.5 分；",
    "抢修派单超过 15 分钟未派出，2 分/次；",
])
def test_a_limit_that_describes_the_fault_a_deduction_is_for_is_no_service_level(item):
    book = extract_rulebook([clean_document(f"五、质检扣分\n1. {item}", "细则.txt")])
    assert book.slas == [] and len(book.points) == 1


def test_a_limit_kept_beside_the_deduction_for_missing_it_stays_a_service_level():
    book = extract_rulebook([clean_document("二、时限\n1. 理赔报案须在 24 小时内回访客户，超时扣 2 分。", "细则.txt")])
    assert [(s.value, s.unit) for s in book.slas] == [(24.0, "hour")]
    assert [p.points for p in book.points] == [-2.0]


@pytest.mark.parametrize(("section", "bullets", "phrases"), [
    ("### 3.2 服务忌语", ["不清楚", "你自己去营业厅问", "这是系统问题"], ["不清楚", "你自己去营业厅问", "这是系统问题"]),
    ("### 2.4 禁用语", ["没办法", "下班了明天再打"], ["没办法", "下班了明天再打"]),
])
def test_short_unquoted_bullets_under_a_forbidden_heading_are_phrases_of_that_section(tmp_path, section, bullets, phrases):
    text = "# 手册\n\n## 3 规范\n\n" + section + "\n\n" + "".join(f"- {b}\n" for b in bullets) + "\n### 3.9 其他\n\n无。\n"
    book = drafted_md(tmp_path, text)
    assert [p.text for p in book.forbidden_phrases] == phrases
    assert all(section.split()[1] in p.source.article for p in book.forbidden_phrases)


def test_a_short_bullet_stays_under_its_numbered_section(tmp_path):
    text = "## 4 质检\n\n### 4.3 加分\n\n- 书面表扬 +2 分/次\n- 锦旗 +5 分/次\n"
    book = drafted_md(tmp_path, text)
    assert [p.points for p in book.points] == [2.0, 5.0]
    assert all("4.3" in p.source.article for p in book.points)


def test_a_raw_html_table_in_markdown_keeps_its_rows_and_merged_cells():
    text = ("### 4.2 扣分表\n\n<table>\n<tr><th>项目</th><th>扣分标准</th></tr>\n"
            "<tr><td rowspan=\"2\">服务态度</td><td>催促用户扣 2 分</td></tr>\n<tr><td>顶撞用户扣 8 分</td></tr>\n</table>\n")
    assert [line for line in markdown_lines(text) if line] == [
        "4.2 扣分表", "项目 | 扣分标准", "服务态度 | 催促用户扣 2 分", "服务态度 | 顶撞用户扣 8 分"]


@pytest.mark.parametrize(("cell", "phrases"), [
    ("不清楚<br>不归我管", ["不清楚", "不归我管"]),
    ("没空<br/>明天再说", ["没空", "明天再说"]),
])
def test_short_phrases_on_lines_of_their_own_in_a_cell_stay_apart(tmp_path, cell, phrases):
    text = f"### 3.2 服务忌语\n\n| 服务忌语 | 替代用语 |\n|---|---|\n| {cell} | 我来帮您处理 |\n"
    assert [p.text for p in drafted_md(tmp_path, text).forbidden_phrases] == phrases


def test_a_header_cell_broken_over_two_lines_stays_one_column_name():
    (header, row) = [line for line in markdown_lines("| 扣分<br>标准 | 分值 |\n|---|---|\n| 迟到扣1分 | 5 |") if line]
    assert (header, row) == ("扣分 标准 | 分值", "迟到扣1分 | 5")


def test_a_phrase_that_ends_in_a_word_for_speech_is_still_a_phrase():
    book = extract_rulebook([clean_document("三、服务忌语\n严禁说“没这种说法”“替代说法”。", "规范.txt")])
    assert [p.text for p in book.forbidden_phrases] == ["没这种说法"]


@pytest.mark.parametrize(("heading", "line"), [
    ("2.4 交接班", "值班人员应提前十五分钟到达工位，登录系统并检查耳麦；"),
    ("5.3 培训", "业务考试成绩低于 80 分的须在 10 日内补考；"),
    ("3.1 考勤", "迟到超过 30 分钟的按旷工半天处理；"),
])
def test_a_section_on_the_teams_routine_states_no_service_level(tmp_path, heading, line):
    text = f"# 手册\n\n## 2 管理\n\n### {heading}\n\n1、{line}\n"
    assert drafted_md(tmp_path, text).slas == []


def test_a_visit_announced_in_advance_is_still_a_service_level(tmp_path):
    text = "# 手册\n\n## 2 服务时限\n\n### 2.2 上门服务\n\n1、维修人员须提前 1 小时电话联系客户；\n"
    assert [(s.value, s.unit) for s in drafted_md(tmp_path, text).slas] == [(1.0, "hour")]


@pytest.mark.parametrize("line", [
    "更新说明：2024 版曾要求 20 秒接通率达到 80%，现已提高。",
    "上一版规定的 7 个工作日退费时限同时作废。",
    "原规定报修后 4 小时内上门，现统一为当日上门。",
])
def test_limits_of_a_past_edition_are_no_service_levels(line):
    assert extract_rulebook([clean_document(f"七、附则\n1. {line}", "规范.txt")]).slas == []
