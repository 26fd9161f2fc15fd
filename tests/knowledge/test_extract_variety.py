"""Extraction on layouts met in operators', utilities' and platforms' rules: drawn grids, spanning headers,
points per order, caps and totals, appeal deadlines, appraisal targets, digit-numbered articles."""
from __future__ import annotations

import pytest

from knowledge.clean import clean_document
from knowledge.documents import read_document
from knowledge.rulebook_extract import extract_rulebook
from pdfs import write_page
from drafting import drafted as drafted_as


def drafted(text: str, name: str = "规范.txt"):
    return extract_rulebook([clean_document(text, name)])


def drafted_file(tmp_path, name: str, text: str, encoding: str = "utf-8"):
    return drafted_as(tmp_path, text, name, encoding)


@pytest.mark.parametrize(("grid", "expected"), [
    ("+----+----------------------+-------+\n| 序 | 情形                 | 扣分  |\n+----+----------------------+-------+\n"
     "| 1  | 未核对旅客证件即改签 | 3分/次 |\n| 2  | 擅自承诺免收改期费， | 5分/次 |\n|    | 事后无法兑现         |       |\n"
     "+----+----------------------+-------+\n| 合计 | 本项最多扣10分     |       |\n+----+----------------------+-------+",
     {("未核对旅客证件即改签", -3.0), ("擅自承诺免收改期费，事后无法兑现", -5.0)}),
    ("┌──┬──────────┬──┐\n│序│情形      │扣分│\n├──┼──────────┼──┤\n│1 │抄表数据录入│2 │\n│  │错误        │  │\n"
     "│2 │停水未提前公告│4 │\n└──┴──────────┴──┘",
     {("抄表数据录入错误", -2.0), ("停水未提前公告", -4.0)}),
])
@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_points_in_a_drawn_grid(tmp_path, grid, expected, encoding):
    text = f"第6条 质检扣分见下表：\r\n{grid}\r\n第7条 本细则自公布之日起施行。".replace("\n", "\r\n")
    found = drafted_file(tmp_path, "细则.txt", text, encoding).points
    assert {(next(c for c in p.evidence.split(" | ") if len(c) > 4), p.points) for p in found} == expected
    assert all("第6条" in p.source.article and "第7条" not in p.source.article for p in found)


@pytest.mark.parametrize(("row", "points", "money"), [
    ("| 未在时限内发货 | 1分/单 | — |", -1.0, None),
    ("| 虚假发货 | 4分/件 | 300元 |", -4.0, -300.0),
])
def test_points_per_order_and_a_penalty_money_column(tmp_path, row, points, money):
    text = f"## 第五条 违规处理\n\n| 违规行为 | 扣信用分 | 违约金 |\n|---|---|---|\n{row}\n"
    (found,) = drafted_file(tmp_path, "店铺规则.md", text).points
    assert (found.points, found.money) == (points, money)


def test_a_spanning_html_header_names_the_point_and_money_columns(tmp_path):
    html = ("<h2>第九条 处理</h2><table><tr><th rowspan='2'>情形</th><th colspan='2'>处理</th></tr>"
            "<tr><th>扣分</th><th>罚款</th></tr><tr><td>泄露乘客行程信息</td><td>10</td><td>500元</td></tr>"
            "<tr><td>未按约定时间接送</td><td colspan='2'>每次扣3分</td></tr>"
            "<tr><td>每月扣分上限</td><td colspan='2'>30分</td></tr></table>")
    found = drafted_file(tmp_path, "网约车客服规则.html", html).points
    assert sorted((p.points, p.money) for p in found) == [(-10.0, -500.0), (-3.0, None)]


@pytest.mark.parametrize("text", [
    "第十条 当月加分不超过5分。",
    "4.2 单张保单扣分不得超过20分，扣完为止。",
    "第12条 每名话务员每季度奖励加分不高于8分。",
])
def test_a_cap_on_points_is_no_point(text):
    assert drafted(text).points == []


@pytest.mark.parametrize("text", [
    "第十五条 话务员对质检扣分有异议的，可在结果公布后3个工作日内提出申诉，质检组在5个工作日内答复。",
    "3.6 商户对平台处罚有异议的，可于通知送达之日起7日内申诉。",
    "五、考核结果每周公布，坐席可在公布后2日内申请复核。",
])
def test_appeals_against_the_teams_verdicts_set_no_service_level(text):
    assert drafted(text).slas == []


@pytest.mark.parametrize(("text", "value"), [
    ("第八条 客户对账单有异议的，应在2个工作日内核查并答复客户。", 2.0),
    ("第九条 用户申诉经核实的，应在3个工作日内退还多收费用。", 3.0),
])
def test_a_customers_dispute_keeps_its_limit(text, value):
    assert [s.value for s in drafted(text).slas] == [value]


@pytest.mark.parametrize("text", [
    "第二十条 班组季度考核指标：用户满意度≥92%，一次解决率≥80%。",
    "2.3 质检员每月抽检比例不低于受理量的2%，重点抽查投诉来电。",
    "第六条 绩效目标：工单回访率不低于90%。",
])
def test_team_rates_and_appraisal_targets_are_no_service_levels(text):
    assert drafted(text).slas == []


@pytest.mark.parametrize(("text", "value"), [
    ("第三条 人工服务20秒接通率不低于90%。", 90.0),
    ("2.1 来电接通率不低于95%，用户投诉1个工作日内回复。", 95.0),
])
def test_service_rates_stay_service_levels(text, value):
    assert value in {s.value for s in drafted(text).slas}


def test_a_generic_intro_under_a_forbidden_heading_lists_forbidden_phrases(tmp_path):
    text = ("### 4.2 服务忌语\n\n以下用语经录音核实的，按红线处理：\n\n1. “排队的人多着呢，慢慢等”\n"
            "2. “挂号费不退，这是规定”\n\n### 4.3 规范用语\n\n以下用语请坐席熟记：\n\n1. “您好，请问您要预约哪个科室？”\n")
    rulebook = drafted_file(tmp_path, "医院预约中心手册.md", text)
    assert {f.text for f in rulebook.forbidden_phrases} == {"排队的人多着呢，慢慢等", "挂号费不退，这是规定"}
    assert all("4.2" in f.source.article for f in rulebook.forbidden_phrases)
    assert [p.text for p in rulebook.scenario_phrases] == ["您好，请问您要预约哪个科室？"]


@pytest.mark.parametrize("text", [
    "第3条 坐席严禁使用下列服务禁语：\n①“这事我管不了”\n②“你爱办不办”\n第4条 用户报修后，应在2小时内联系用户。",
    "第一部分 服务要求\n第3条 坐席严禁使用下列服务禁语：\n①“这事我管不了”\n②“你爱办不办”\n第4条 用户报修后，应在2小时内联系用户。",
])
def test_articles_numbered_in_digits_are_cited(text):
    rulebook = drafted(text)
    assert len(rulebook.forbidden_phrases) == 2
    assert all("第3条" in f.source.article for f in rulebook.forbidden_phrases)
    assert [s.source.article.rsplit(" > ", 1)[-1] for s in rulebook.slas] == ["第4条"]


def test_a_scoring_sheet_flattened_in_a_pdf_keeps_what_each_point_is_for(tmp_path):
    lines = ["附表 燃气客服评分表", "序号", "考核内容", "分值", "扣分标准", "1", "安全提示", "20", "未提示关闭阀门扣5分",
             "2", "派单准确", "20", "派错网格扣3分", "加分项", "用户表扬", "—", "每次加2分", "以上各项由质检组每月评定。"]
    path = tmp_path / "燃气客服规范.pdf"
    write_page(path, lines)
    found = extract_rulebook([clean_document(read_document(path).text, path.name)]).points
    assert {(p.points, "安全提示" in p.evidence or "派单准确" in p.evidence or "用户表扬" in p.evidence)
            for p in found} == {(-5.0, True), (-3.0, True), (2.0, True)}


@pytest.mark.parametrize(("row", "points"), [
    ("| 1 | 业务受理 | 15 | 平均处理时长不超过180秒，超时扣2分 |", [-2.0]),
    ("| 2 | 安抚情绪 | 10 | 未安抚扣3分 |", [-3.0]),
])
def test_a_score_sheet_weight_is_no_point_and_its_criteria_no_service_level(tmp_path, row, points):
    text = f"## 附表 评分表\n\n| 序号 | 考核项目 | 分值 | 扣分标准 |\n|---|---|---|---|\n{row}\n"
    rulebook = drafted_file(tmp_path, "评分表.md", text)
    assert [p.points for p in rulebook.points] == points
    assert rulebook.slas == []


@pytest.mark.parametrize(("text", "points", "money"), [
    ("第十一条 未按规定核保即出单的，扣当月绩效150元。", None, -150.0),
    ("3.4 私自收取用户上门费的，扣5分，并扣绩效奖金100元。", -5.0, -100.0),
    ("第8条 泄露旅客行程的，从当月工资中扣除300元。", None, -300.0),
])
def test_money_cut_from_pay_is_a_fine(text, points, money):
    (found,) = drafted(text).points
    assert (found.points, found.money) == (points, money)


@pytest.mark.parametrize("text", [
    "第九条 多扣用户水费20元的，应在3个工作日内退还。",
    "第十条 因平台原因延误的，向乘客赔付10元优惠券。",
])
def test_money_for_the_customer_is_no_fine(text):
    assert drafted(text).points == []


@pytest.mark.parametrize("text", [
    "第二十一条 季度一次解决率达到90%以上的班组，每人奖励200元。",
    "4.5 月度满意度在95%及以上的营业厅，加2分。",
    "第6条 话务员月度出勤率不低于98%。",
])
def test_a_rate_that_earns_a_bonus_or_measures_attendance_is_no_service_level(text):
    assert drafted(text).slas == []


@pytest.mark.parametrize("text", [
    "第十二条 严禁在通话中使用“服务禁语”一节所列用语。",
    "2.4 不得使用“服务忌语”所列用语及其变体，违者按红线处理。",
])
def test_a_quoted_name_of_a_section_is_no_forbidden_phrase(text):
    assert drafted(text).forbidden_phrases == []


@pytest.mark.parametrize(("text", "points"), [
    ("第七条 未复述用户地址的，按每次2分扣减。", -2.0),
    ("3.3 漏派工单的，以5分扣除当月质检成绩。", -5.0),
])
def test_points_stated_before_the_deduction_verb(text, points):
    assert [p.points for p in drafted(text).points] == [points]


@pytest.mark.parametrize("text", [
    "第十三条 乘客在24小时内再次来电反映同一问题的，视为重复投诉。",
    "5.2 报修工单超过48小时未处理的，系统自动升级至站长。",
    "第4条 用户在开通后7天内申请退订的，全额退还月费。",
])
def test_a_limit_in_a_condition_clause_is_no_service_level(text):
    assert drafted(text).slas == []


@pytest.mark.parametrize(("text", "value"), [
    ("第十四条 用户申请过户的，3个工作日内办结。", 3.0),
    ("5.3 投诉应在24小时内回复的，由值班长督办。", 24.0),
])
def test_a_limit_after_or_inside_an_obliging_clause_stays(text, value):
    assert [s.value for s in drafted(text).slas] == [value]


@pytest.mark.parametrize(("text", "points"), [
    ("3.2 预约挂号质检扣分项：\n1. 未核对就诊人姓名（1分）；\n2. 擅自承诺加号（3分）。", [-1.0, -3.0]),
    ("第九条 以下情形扣分：\n（一）未告知取件时限，2分；\n（二）未登记破损情况，4分。", [-2.0, -4.0]),
    ("六、加分标准\n1. 获得用户书面表扬：2分\n2. 协助抢修获单位通报表扬：3分", [2.0, 3.0]),
])
def test_listed_items_that_end_in_their_score_take_the_headings_sign(text, points):
    assert [p.points for p in drafted(text).points] == points


def test_a_score_sheets_listed_weights_are_no_points():
    assert drafted("三、评分标准\n1. 服务态度（30分）\n2. 业务能力（40分）").points == []


@pytest.mark.parametrize(("text", "phrases"), [
    ("第五条 服务禁语：不在服务区/系统升级中/明天再说", {"不在服务区", "系统升级中", "明天再说"}),
    ("第六条 严禁使用以下用语：这是物业的事/找开发商去", {"这是物业的事", "找开发商去"}),
    # A slash inside a phrase with a comma of its own is part of it.
    ("第七条 服务禁语：先生/女士，您到底要办什么", {"先生/女士，您到底要办什么"}),
])
def test_forbidden_phrases_listed_with_slashes(text, phrases):
    assert {f.text for f in drafted(text).forbidden_phrases} == phrases


@pytest.mark.parametrize("bullet", ["●", "■", "◆", "×", "✗"])
def test_forbidden_phrases_listed_with_symbol_bullets(bullet):
    text = f"第八条 以下为服务忌语：\n{bullet} 航班延误又不是我们造成的\n{bullet} 行李丢了找机场去"
    assert {f.text for f in drafted(text).forbidden_phrases} == {"航班延误又不是我们造成的", "行李丢了找机场去"}
