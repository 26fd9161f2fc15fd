"""Extraction on 质检 score sheets as QA teams write them: items scored as nothing, shares of pay, several
sub-rules in one cell, spreadsheet rows pasted as text, nested bullet lists, tick-and-cross wording pairs,
grade bands and appraisal targets that are no service levels, and titles that note their edition."""
from __future__ import annotations

import docx
import pytest

from knowledge.clean import clean_document
from knowledge.documents import read_document
from knowledge.rulebook_extract import extract_rulebook


def drafted(text: str, name: str = "规范.txt"):
    return extract_rulebook([clean_document(text, name)])


def drafted_file(path, text: str | None = None):
    if text is not None:
        path.write_text(text, encoding="utf-8")
    return extract_rulebook([clean_document(read_document(path).text, path.name)])


@pytest.mark.parametrize("title", ["燃气客户服务规范（2025年修订）", "航空票务热线服务细则（2024 年修订版）", "物业客服手册 V2.0 版本"])
def test_a_title_noting_its_edition_heads_rules_in_force(title):
    text = f"{title}\n一、服务时限\n（一）抢修人员应在30分钟内到达现场。\n二、质检\n（一）未核实客户身份的，扣4分。"
    book = drafted(text)
    assert [(s.value, s.unit) for s in book.slas] == [(30.0, "minute")]
    assert [p.points for p in book.points] == [-4.0]


def test_a_revision_history_heading_still_hides_old_limits():
    text = "第一条 抢修人员应在30分钟内到达现场。\n附件 修订记录\n1. 2023版：抢修人员应在60分钟内到达现场。"
    assert [s.value for s in drafted(text).slas] == [30.0]


@pytest.mark.parametrize(("table", "points"), [
    ("| 考核项 | 分值 | 扣分标准 |\n|---|---|---|\n| 身份核验 | 12 | 未核实旅客身份即办理改签的，该项不得分 |", -12.0),
    ("| 评分项目 | 分值 | 扣分细则 |\n|---|---|---|\n| 账户安全 | 20 | 未经验证即挂失解挂的，扣除该项全部分值 |", -20.0),
    ("| 项目 | 分值 | 标准 |\n|---|---|---|\n| 抄表核对 | 6分 | 未与用户核对表底读数，本项按0分处理 |", -6.0),
])
def test_an_item_scored_as_nothing_costs_what_its_row_weighs(tmp_path, table, points):
    (found,) = drafted_file(tmp_path / "评分表.md", f"## 三、质检评分\n\n{table}\n").points
    assert (found.points, found.kind) == (points, "deduction")


@pytest.mark.parametrize(("heading", "rule", "points"), [
    ("B2 账单解释（8 分）", "- **扣分**：账单解释错误的，扣除该项全部分值。", -8.0),
    ("C1 退改政策（10分）", "- 扣分：退改规则告知错误，本项不得分。", -10.0),
])
def test_an_item_scored_as_nothing_costs_what_its_heading_weighs(tmp_path, heading, rule, points):
    text = f"## 三、质检评分\n\n### {heading}\n\n{rule}\n"
    (found,) = drafted_file(tmp_path / "考核办法.md", text).points
    assert found.points == points


def test_an_item_of_unknown_weight_scored_as_nothing_is_drafted_without_points():
    (found,) = drafted("四、评分\n（一）未按规定核验持卡人身份的，该项得0分。").points
    assert (found.points, found.kind) == (None, "deduction")


@pytest.mark.parametrize("text", [
    "五、一票否决\n出现下列情形之一的，当月质检成绩计为0分：\n1. 辱骂患者；\n2. 泄露患者病历。",
    "四、评分\n（一）泄露乘客行程信息的，本通录音质检成绩按0分处理。",
    "四、评分\n注：同一问题重复出现的，累计扣分，扣至该项0分为止。",
])
def test_a_zeroed_call_or_month_and_a_floor_are_no_points(text):
    assert drafted(text).points == []


@pytest.mark.parametrize("text", [
    "六、结果运用\n（一）月度质检不合格的，扣当月绩效5%。",
    "六、结果运用\n（一）造成客户资金损失的，记差错一次，扣减当月绩效工资的10%。",
])
def test_a_share_of_pay_taken_is_a_penalty(text):
    (found,) = drafted(text).points
    assert (found.kind, found.points, found.money) == ("penalty", None, None)


def _docx_with_cell(path, paragraphs: list[str]) -> None:
    document = docx.Document()
    document.add_paragraph("三、质检评分表")
    table = document.add_table(rows=2, cols=3)
    for c, name in enumerate(["评分项目", "分值", "扣分标准"]):
        table.cell(0, c).text = name
    table.cell(1, 0).text = "开场与结束"
    table.cell(1, 1).text = "8"
    table.cell(1, 2).text = paragraphs[0]
    for paragraph in paragraphs[1:]:
        table.cell(1, 2).add_paragraph(paragraph)
    document.save(path)


@pytest.mark.parametrize("paragraphs", [
    ["未使用标准问候语扣3分", "未主动告知工号扣1分", "挂机前未致谢扣2分"],
    ["未使用标准问候语，扣3分", "未主动告知工号，扣1分", "挂机前未致谢，扣2分"],
])
def test_the_sub_rules_of_one_word_cell_are_points_of_their_own(tmp_path, paragraphs):
    _docx_with_cell(tmp_path / "评分表.docx", paragraphs)
    assert sorted(p.points for p in drafted_file(tmp_path / "评分表.docx").points) == [-3.0, -2.0, -1.0]


def test_the_list_items_of_one_html_cell_are_points_of_their_own(tmp_path):
    html = ("<h2>四、评分表</h2><table><tr><th>项目</th><th>权重</th><th>扣分细则</th></tr>"
            "<tr><td>退款处理</td><td>20%</td><td><ul><li>未核实订单即退款扣 4 分</li><li>未告知到账时间扣 2 分</li></ul></td></tr>"
            "</table>")
    assert sorted(p.points for p in drafted_file(tmp_path / "电商客服评分.html", html).points) == [-4.0, -2.0]


def test_deductions_run_together_on_one_line_are_split():
    text = "三、常见扣分项：\n未核对收件地址……………扣2分未提示保价……………扣1分"
    assert sorted(p.points for p in drafted(text).points) == [-2.0, -1.0]


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_spreadsheet_pasted_as_tab_separated_rows_is_a_table(tmp_path, encoding):
    rows = ["序号\t考核项目\t分值\t扣分标准\t备注", "1\t来电应答\t10\t未在铃响3声内应答，扣2分\t",
            "2\t服务忌语\t15\t使用服务忌语，该项不得分\t", "合计\t\t100\t\t"]
    path = tmp_path / "供水热线评分.txt"
    path.write_bytes(("四、评分表\r\n" + "\r\n".join(rows)).encode(encoding))
    assert "1 | 来电应答 | 10 | 未在铃响3声内应答，扣2分 |" in read_document(path).text
    assert sorted(p.points for p in drafted_file(path).points) == [-15.0, -2.0]


def test_nested_markdown_bullets_keep_their_forbidden_heading(tmp_path):
    text = ("## 二、服务用语\n\n### 服务忌语（出现任意一句，按“服务态度”扣分）\n\n- **推卸类**\n  - “这事去问物业，别找我们”\n"
            "- **顶撞类**\n  - “你爱交不交”\n")
    book = drafted_file(tmp_path / "物业服务手册.md", text)
    assert {p.text for p in book.forbidden_phrases} == {"这事去问物业，别找我们", "你爱交不交"}


@pytest.mark.parametrize(("line", "forbidden", "suggestion"), [
    ("✗ “你自己看账单去” ✓ “我来帮您逐项核对账单”", "你自己看账单去", "我来帮您逐项核对账单"),
    ("✘ “快递丢了找快递公司” ✔ “我马上为您联系快递公司核实”", "快递丢了找快递公司", "我马上为您联系快递公司核实"),
])
def test_a_cross_and_a_tick_mark_the_forbidden_wording_and_its_rewrite(line, forbidden, suggestion):
    (found,) = drafted(f"三、服务禁语\n客服严禁使用下列用语：\n{line}").forbidden_phrases
    assert (found.text, found.suggestion) == (forbidden, suggestion)


@pytest.mark.parametrize("line", [
    "（五）培训中把“免年费”解释成“永久免费”的，按评分表“业务准确性”扣分。",
    "（五）说错退票规则的，按照“业务差错”处理。",
])
def test_a_quote_naming_the_category_a_fault_is_scored_under_is_no_phrase(line):
    text = f"三、服务用语\n（四）服务忌语。客服不得使用下列用语：\n1.“你自己不会查吗”\n{line}"
    assert [p.text for p in drafted(text).forbidden_phrases] == ["你自己不会查吗"]


@pytest.mark.parametrize("line", [
    "（三）月度得分率90%以上为A级，75%以下为C级。",
    "（三）得分率 = 实际得分 ÷ 满分 × 100%。",
    "（四）季度考核指标：首次解决率≥85%，平均处理时长不超过360秒。",
    "（四）班组KPI目标：满意度不低于95%，平均通话时长不超过300秒。",
])
def test_grades_formulas_and_appraisal_targets_are_no_service_levels(line):
    assert drafted(f"五、结果运用\n{line}").slas == []


@pytest.mark.parametrize(("line", "value"), [
    ("（五）上级部门转办的申诉件，应在3个工作日内办结。", 3.0),
    ("（五）通信管理局督办的申诉，2个工作日内回复。", 2.0),
])
def test_a_complaint_forwarded_by_an_outside_body_has_a_service_level(line, value):
    assert [s.value for s in drafted(f"二、服务时限\n{line}").slas] == [value]


def test_an_agents_appeal_against_a_qa_verdict_has_none():
    assert drafted("五、结果运用\n（三）座席对质检结果的申诉，应在3个工作日内提出。").slas == []


@pytest.mark.parametrize("line", [
    "（一）月度扣分超过10分的，不得评为五星座席。",
    "（二）当季扣分达到15分的，停岗复训。",
    "（三）加分超过5分的部分不计入成绩。",
])
def test_a_threshold_on_points_taken_or_given_is_no_points(line):
    assert drafted(f"五、星级评定\n{line}").points == []


def test_a_fault_worded_with_dissatisfaction_still_costs_points():
    assert [p.points for p in drafted("三、扣分\n（一）客户表示不满仍未安抚的，扣3分。").points] == [-3.0]


@pytest.mark.parametrize(("line", "points"), [
    ("（一）未向旅客复述航班号的，扣一分；", -1.0),
    ("（二）使用服务忌语的，每次扣五分并通报。", -5.0),
    ("（三）获得患者书面表扬的，加两分/次。", 2.0),
])
def test_points_in_chinese_numerals(line, points):
    assert [p.points for p in drafted(f"三、质检扣分\n{line}").points] == [points]


@pytest.mark.parametrize("line", ["（一）质检扣分十分严格，请座席注意。", "（二）加强培训十分必要。"])
def test_the_adverb_shifen_is_no_points(line):
    assert drafted(f"三、说明\n{line}").points == []


@pytest.mark.parametrize(("column", "cells", "expected"), [
    ("处理时限", ["24小时", "3个工作日内", "即时"], [(24.0, "hour"), (3.0, "working_day")]),
    ("响应时间", ["30分钟", "2小时"], [(30.0, "minute"), (2.0, "hour")]),
])
def test_bare_durations_under_a_column_of_limits_are_service_levels(tmp_path, column, cells, expected):
    rows = "".join(f"| 工单{i} | {cell} | 电话 |\n" for i, cell in enumerate(cells))
    text = f"## 二、工单时限\n\n| 工单类型 | {column} | 回复方式 |\n|---|---|---|\n{rows}"
    assert [(s.value, s.unit) for s in drafted_file(tmp_path / "热线手册.md", text).slas] == expected


def test_bare_durations_in_other_columns_are_no_service_levels(tmp_path):
    text = "## 四、培训\n\n| 课程 | 学时 | 形式 |\n|---|---|---|\n| 业务知识 | 8小时 | 线下 |\n"
    assert drafted_file(tmp_path / "培训计划.md", text).slas == []


@pytest.mark.parametrize("intro", ["质检满分100分，分为以下几项：", "评分采用百分制，由以下三部分组成："])
def test_the_weights_a_sheet_is_made_of_are_no_deductions(intro):
    text = (f"五、质检扣分标准\n{intro}\n1、接诊礼仪：30分\n2、病情登记：40分\n3、预约规范：30分\n"
            "扣分细则如下：\n1、未核对患者姓名，扣2分；\n2、预约时间登记错误（3分）。")
    assert sorted(p.points for p in drafted(text).points) == [-3.0, -2.0]


def test_a_deduction_list_whose_intro_also_names_the_total_keeps_its_sign(tmp_path):
    text = "## 五、质检\n\n扣分标准如下（满分100分，扣完为止）：\n\n1. 未报工号（2分）；\n2. 未复述订单（1分）。\n"
    assert sorted(p.points for p in drafted_file(tmp_path / "外卖客服.md", text).points) == [-2.0, -1.0]


@pytest.mark.parametrize(("cell", "points"), [("2～5", -2.0), ("3-5分", -3.0), ("2-4分/次", -2.0), ("1分/次", -1.0)])
def test_a_range_in_a_deduction_column_costs_its_lower_end(tmp_path, cell, points):
    text = f"## 五、质检扣分\n\n| 序号 | 扣分项 | 扣分 |\n|---|---|---|\n| 1 | 对用户语气生硬 | {cell} |\n"
    assert [p.points for p in drafted_file(tmp_path / "燃气热线.md", text).points] == [points]


def test_a_weight_beside_a_bonus_column_is_no_bonus(tmp_path):
    text = "## 六、加分\n\n| 项目 | 分值 | 加分 |\n|---|---|---|\n| 乘客表扬 | 5 | +1～3 |\n"
    assert [p.points for p in drafted_file(tmp_path / "出行客服.md", text).points] == [1.0]


@pytest.mark.parametrize(("line", "points"), [
    ("1、未向储户复述转账金额的，扣除当月服务质量考核分2分；", -2.0),
    ("2、对乘客使用服务忌语的，扣减该座席当月质检成绩5分；", -5.0),
    ("3、受到住户书面表扬的，给予加分奖励，每次2分；", 2.0),
])
def test_the_words_between_verb_and_points_and_a_sentence_that_signs_its_own_points(tmp_path, line, points):
    text = f"## 六、质检扣分\n\n{line}\n"
    assert [p.points for p in drafted_file(tmp_path / "服务规范.md", text).points] == [points]


@pytest.mark.parametrize(("cell", "phrases"), [
    ("不知道/不清楚", {"不知道", "不清楚"}),
    ("这事不归我管、找物业去", {"这事不归我管", "找物业去"}),
    ("先生/女士，你到底缴不缴", {"先生/女士，你到底缴不缴"}),
])
def test_a_forbidden_table_cell_listing_several_phrases(tmp_path, cell, phrases):
    text = f"## 四、服务忌语\n\n| 序号 | 服务忌语 | 替代用语 |\n|---|---|---|\n| 1 | {cell} | 请您稍等，我帮您核实 |\n"
    book = drafted_file(tmp_path / "水务热线手册.md", text)
    assert {p.text for p in book.forbidden_phrases} == phrases
    assert {p.suggestion for p in book.forbidden_phrases} == {"请您稍等，我帮您核实"}


@pytest.mark.parametrize("line", ["（二）座席不得分拆同一客户的报修工单。", "（三）投诉处理不得分派给无权限的人员。"])
def test_must_not_split_is_no_item_scored_as_nothing(line):
    assert drafted(f"二、工单规范\n{line}").points == []


@pytest.mark.parametrize(("line", "value", "unit"), [
    ("（一）在线客服首次响应时间≤30秒。", 30.0, "second"),
    ("（二）投诉回复时限：≤24小时。", 24.0, "hour"),
    ("（三）平均排队等待时长＜20秒。", 20.0, "second"),
    ("（四）燃气泄漏抢修到场时长不大于40分钟。", 40.0, "minute"),
])
def test_limits_written_with_signs_or_not_greater_than(line, value, unit):
    assert [(s.value, s.unit) for s in drafted(f"二、服务标准\n{line}").slas] == [(value, unit)]


@pytest.mark.parametrize(("item", "phrase"), [
    ("1、不知道，你去问别人（推诿）", "不知道，你去问别人"),
    ("2、你到底听懂没有？【顶撞】", "你到底听懂没有？"),
    ("- ❌ 你自己去营业厅查", "你自己去营业厅查"),
])
def test_tags_and_cross_marks_around_an_unquoted_forbidden_item(tmp_path, item, phrase):
    text = f"## 三、服务忌语\n\n以下用语严禁使用：\n\n{item}\n"
    assert [p.text for p in drafted_file(tmp_path / "宽带手册.md", text).forbidden_phrases] == [phrase]
