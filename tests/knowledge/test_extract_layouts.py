"""Extraction on layouts any centre's rules use: lead-in points, staff routine, revision notes, spoken lines."""
from __future__ import annotations

import pytest

from knowledge.clean import clean_document
from knowledge.documents import read_document
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


@pytest.mark.parametrize(("text", "items", "points"), [
    # Word's automatic numbering is not in the text: the items arrive as plain lines.
    ("第十二条 有下列情形之一的，每次扣2分：\n未按规定报送工单的；\n未告知客户办理进度的；\n通话中长时间无应答的。", 3, -2.0),
    ("五、质量考核\n1. 下列情形每次扣4分：\n未核对车次信息即办理改签；\n未提醒旅客携带有效证件。\n2. 与旅客争吵的，扣10分。", 2, -4.0),
])
def test_unnumbered_items_under_a_lead_in_take_its_points(text, items, points):
    found = [p for p in drafted(text).points if p.points == points]
    assert len(found) == items
    assert not any("下列情形" in p.text for p in drafted(text).points)


def test_nested_markdown_bullets_under_a_lead_in_take_its_points(tmp_path):
    path = tmp_path / "手册.md"
    path.write_text("## 四、扣分标准\n\n1. 以下情形每次扣3分：\n   - 未确认用户地址；\n   - 未做满意度邀评。\n"
                    "2. 泄露用户信息的，扣20分。\n", encoding="utf-8")
    doc = read_document(path)
    found = extract_rulebook([clean_document(doc.text, doc.name)]).points
    assert sorted(p.points for p in found) == [-20.0, -3.0, -3.0]


@pytest.mark.parametrize(("text", "points"), [
    ("六、考核\n（一）考核项目及分值如下：\n1. 使用服务忌语：-3分/次；\n2. 收到用户书面表扬：+2分/次。", [-3.0, 2.0]),
    ("3.4 评分细则：未核实患者身份 −5分；预约信息登记错误 −2分。", [-5.0, -2.0]),
])
def test_signed_points_on_a_score_sheet(text, points):
    assert sorted(p.points for p in drafted(text).points) == sorted(points)


@pytest.mark.parametrize("text", [
    "第六条 回访满意度评分在80-100分之间为合格。",
    "2.3 质检成绩按0-100分计。",
])
def test_a_score_range_is_no_signed_point(text):
    assert drafted(text).points == []


@pytest.mark.parametrize(("text", "kind"), [
    ("第十五条 服务质量加分标准见下表。\n表2 加分标准\n序号 | 项目 | 分值\n1 | 收到乘客书面表扬 | 3", "bonus"),
    ("第十四条 服务质量扣分标准见下表。\n表1 扣分标准\n序号 | 项目 | 分值\n1 | 未报工号 | 2", "deduction"),
    ("4.1 考核\n序号 | 加分项目 | 分值\n1 | 合理化建议被采纳 | 2", "bonus"),
])
def test_a_bare_score_column_takes_its_sign_from_the_table(text, kind):
    found = drafted(text).points
    assert [p.kind for p in found] == [kind]
    assert abs(found[0].points) > 0 and (found[0].points > 0) == (kind == "bonus")


@pytest.mark.parametrize(("text", "value"), [
    ("第十二条 座席人员应使用普通话，语速适中，每分钟不超过180字。", 180.0),
    ("2.6 通话语速每分钟控制在150个字左右。", 150.0),
])
def test_speaking_speed_with_limit_words(text, value):
    assert [(s.value, s.unit) for s in drafted(text).slas] == [(value, "chars_per_minute")]


@pytest.mark.parametrize("text", [
    "五、班组管理\n班组长每周组织1次案例分享，每次不少于30分钟。",
    "第三十条 每季度开展2次应急演练，每次不少于2小时。",
    "七、内部管理\n（一）质检结果应在每月5个工作日内反馈至各班组。",
    "1. 质量考核周期为一个自然月，每月5日前公布上月考核结果。",
    "第二十条 质检员对每名座席每月抽检录音不少于8通，抽检比例不低于3%。",
    "5. 班组长每周组织业务学习1次，每次不少于45分钟。",
    "（三）新员工上岗考试应在入职后10个工作日内完成。",
    "第六条 账单于每月10日前寄出。",
    "问：商家超过48小时没有发货怎么办？",
])
def test_running_the_team_dates_and_questions_are_no_service_levels(text):
    assert drafted(text).slas == []


@pytest.mark.parametrize(("row", "phrases"), [
    ("推诿 | 这不归我们管；你找装维师傅去 | 我来帮您联系装维师傅", {"这不归我们管", "你找装维师傅去"}),
    ("敷衍 | 挂号满了就是满了；明天再说吧 | 我帮您看看其他医生的号源", {"挂号满了就是满了", "明天再说吧"}),
])
def test_a_table_cell_listing_several_forbidden_phrases(row, phrases):
    text = f"（二）服务忌语\n类型 | 服务忌语 | 替代说法\n{row}"
    found = drafted(text).forbidden_phrases
    assert {p.text for p in found} == phrases
    assert all(p.suggestion for p in found)


@pytest.mark.parametrize(("text", "scenario"), [
    ("（一）规范用语\n故障报修：给您带来不便非常抱歉，我马上为您登记报修。\n转接：请您稍等，我为您转接。", "repair"),
    ("3.1 标准用语\n预约挂号：请您提供就诊人姓名和身份证号码，我为您查询号源。", None),
])
def test_a_scene_label_in_a_speech_list_names_a_prescribed_line(text, scenario):
    lines = drafted(text).scenario_phrases
    first = text.split("\n")[1].split("：", 1)[1]
    assert any(p.text == first for p in lines)
    assert scenario is None or next(p for p in lines if p.text == first).scenario == scenario


@pytest.mark.parametrize(("text", "points"), [
    ("## 五、质检扣分\n1、未报工号，2分/次；\n2、未核实机主身份即办理业务，5分/次。", [-5.0, -2.0]),
    ("七、服务加分\n（一）收到患者感谢信的，每次1分。", [1.0]),
])
def test_points_without_a_verb_take_their_sign_from_the_heading(text, points):
    assert sorted(p.points for p in drafted(text).points) == points


@pytest.mark.parametrize("text", [
    "三、服务流程\n（一）每通电话结束后请客户评价，满意度按每项1分统计。",
    "二、考核办法\n质检满分100分，80分为合格。",
])
def test_unsigned_points_outside_a_points_heading_are_no_rule(text):
    assert drafted(text).points == []


@pytest.mark.parametrize(("row", "points"), [
    ("1 | 未报工号 | -2", -2.0),
    ("2 | 收到书面表扬 | +3", 3.0),
    ("3 | 泄露客户信息 | 10分/次", -10.0),
])
def test_a_score_column_with_signs_or_units(row, points):
    text = f"第十四条 质量考核标准如下。\n序号 | 考核项目 | 分值\n{row}"
    assert [p.points for p in drafted(text).points] == [points]


@pytest.mark.parametrize("text", [
    "附件 修订记录\n版本 | 日期 | 修订内容\nV1.0 | 2023年5月 | 首次发布，退款审核5个工作日内完成，超时扣2分",
    "修订说明\n2025年版将投诉首次响应时限改至30分钟内，未响应的扣3分。",
    "第三十条 原规范中“报修后4小时内上门”调至2小时内上门。",
])
def test_revision_history_states_no_rule(text):
    book = drafted(text)
    assert book.slas == [] and book.points == []


def test_html_list_items_under_a_lead_in_take_its_points(tmp_path):
    path = tmp_path / "规范.html"
    path.write_text("<html><body><h2>五、考核</h2><ol><li>有下列情形之一的，每次扣3分：<ul><li>未告知患者就诊须知</li>"
                    "<li>预约信息登记错误</li></ul></li><li>收到患者表扬的，每次加2分。</li></ol></body></html>",
                    encoding="utf-8")
    doc = read_document(path)
    found = extract_rulebook([clean_document(doc.text, doc.name)]).points
    assert sorted(p.points for p in found) == [-3.0, -3.0, 2.0]
    assert not any("下列情形" in p.text for p in found)


@pytest.mark.parametrize("text", [
    "三、服务禁忌\n在线客服严禁以下行为：\n对顾客使用讽刺挖苦的语言\n未经顾客同意擅自关闭会话\n向顾客推送无关营销信息",
    "第十二条 话务员不得有下列行为：\n与来电人争吵\n泄露来电人个人信息",
])
def test_conduct_listed_without_numbers_is_no_forbidden_phrase(text):
    assert drafted(text).forbidden_phrases == []


@pytest.mark.parametrize(("text", "points"), [
    ("第十条 业务解释错误造成客户误解的，扣2-5分。", -2.0),
    ("五、加分\n月度满意度排名第一的，加1～3分。", 1.0),
    ("3.4 工单错派至其他部门的，视情节扣3至10分。", -3.0),
    ("类别 | 考核项目 | 扣分标准\n业务处理 | 漏登客户报修地址 | 扣2-4分", -2.0),
])
def test_a_points_range_counts_its_lower_end(text, points):
    assert [p.points for p in drafted(text).points] == [points]


@pytest.mark.parametrize(("text", "points", "money"), [
    ("第十三条 诱导买家好评返现的，扣6分，并支付违约金2000元。", -6.0, -2000.0),
    ("第九条 外包座席泄露客户信息的，扣20分，另按合同支付违约金5000元。", -20.0, -5000.0),
])
def test_a_contract_penalty_is_money(text, points, money):
    assert [(p.points, p.money) for p in drafted(text).points] == [(points, money)]


@pytest.mark.parametrize(("text", "value"), [
    ("第八条 客户申请销户的，在资料齐全后3个交易日内办结。", 3.0),
    ("（二）转托管申请应在受理后2个交易日内完成。", 2.0),
])
def test_trading_days_are_a_limit(text, value):
    assert [(s.value, s.unit) for s in drafted(text).slas] == [(value, "working_day")]


@pytest.mark.parametrize(("text", "value"), [
    ("第十一条 质检发现客户投诉未回复的，应在2小时内回电。", 2.0),
    ("4. 用户投诉回复率不低于98%。", 98.0),
])
def test_a_limit_on_the_customers_side_stays_a_service_level(text, value):
    assert [s.value for s in drafted(text).slas] == [value]


@pytest.mark.parametrize(("text", "value"), [
    ("第九条 投诉应在10个工作日内办结；情况复杂的，经批准可延长至15个工作日。", 15.0),
    ("（二）停水检修的，应在停水前24小时以上张贴通知。", 24.0),
])
def test_extended_and_advance_limits_are_service_levels(text, value):
    assert value in [s.value for s in drafted(text).slas]


@pytest.mark.parametrize("text", [
    "第六条 旅客在起飞前48小时以上退票的，免收退票费。",
    "3. 用户要求改约的，上门前2小时以上改约不收费用。",
    "第十二条 投诉办结时限由5个工作日延长至7个工作日。",
])
def test_a_condition_or_a_revision_is_no_service_level(text):
    assert drafted(text).slas == []


@pytest.mark.parametrize(("row", "points", "money"), [
    ("违规项目 | 扣分\n泄露用户信息 | 10 分/次，并处罚款 300 元", -10.0, -300.0),
    ("考核项目 | 扣分标准\n私下收取费用 | 8分/次，罚款500元", -8.0, -500.0),
])
def test_a_score_cell_with_a_fine_keeps_both(row, points, money):
    found = drafted(f"四、质检扣分\n{row}").points
    assert [(p.points, p.money) for p in found] == [(points, money)]


@pytest.mark.parametrize("text", [
    "3.2 服务忌语\n以下说法不得使用：\n忌语 | 应改为\n你自己不会看吗 | 我再给您说明一遍\n备注：表中“应改为”一栏仅为示例。",
    "第十条 禁用语\n客服严禁说“爱买不买”。\n说明：“禁用语”一词指客服不得说出的话。",
])
def test_a_quoted_column_or_term_name_is_no_phrase(text):
    assert all(p.text not in ("应改为", "禁用语") for p in drafted(text).forbidden_phrases)
    assert drafted(text).forbidden_phrases


@pytest.mark.parametrize("faq", ["常见问题", "附件2 问答"])
def test_an_faq_adds_no_limit_entry(faq):
    # Its answers retell the articles' limits or tell a caller how long things take; only an article sets one.
    text = (f"平台客服规则\n第一章 时限\n第五条 退款审核通过后，应在3个工作日内原路退回。\n第二章 附则\n第九条 本规则自发布之日起施行。\n"
            f"{faq}\n问：退款多久到账？\n答：审核通过后3个工作日内原路退回。\n答：夜间留言由人工客服在12小时内回复。")
    found = drafted(text).slas
    assert sorted(s.value for s in found) == [3.0]
    assert "第五条" in next(s for s in found if s.value == 3.0).source.article


@pytest.mark.parametrize(("text", "hour"), [
    ("第三条 夜间留言由人工客服次日9:00前回复。", 9.0),
    ("2.4 市民诉求转办件，承办单位应在当日17:30前联系市民。", 17.5),
    ("第十五条 当日16:30以后受理的回电需求，次日12点前回电。", 12.0),
    ("四、预约上门的工单，当天下午5点前给用户回电确认。", 17.0),
])
def test_a_time_of_day_a_reply_is_due_by_is_a_limit(text, hour):
    assert [(s.value, s.unit) for s in drafted(text).slas] == [(hour, "clock")]


@pytest.mark.parametrize("text", [
    "第六条 当日16:00前下单的，当天发货。",
    "（三）客户咨询新股缴款的，应提示其在缴款日16:00前保证账户余额充足。",
    "第二条 夜间22:00至次日8:00由智能客服接待。",
])
def test_a_customers_own_deadline_or_opening_hours_are_no_limit(text):
    assert [s for s in drafted(text).slas if s.unit == "clock"] == []


@pytest.mark.parametrize("text", [
    "2.1 超时30分钟以上的，向用户发放订单实付金额30%的无门槛红包。",
    "第十条 月度质检成绩中录音质检权重30%，工单质量权重20%。",
])
def test_a_share_of_an_amount_or_a_score_is_no_rate(text):
    assert [s for s in drafted(text).slas if s.unit == "percent"] == []


@pytest.mark.parametrize(("text", "value"), [
    # "满意度达到95%以上的，加2分" says who earns a bonus (test_extract_variety), no level promised.
    ("第四条 人工应答率不低于85%，用户满意度达到95%以上的，加2分。", {85.0}),
    ("1.2 电话客服全天人工接通率不低于92%。", {92.0}),
])
def test_a_rate_named_in_its_own_clause_is_a_limit(text, value):
    assert {s.value for s in drafted(text).slas if s.unit == "percent"} == value


@pytest.mark.parametrize(("text", "points"), [
    ("第十一条 工单超时未回复的，每超时1分钟扣0.5分，单张工单最多扣5分。", [-0.5]),
    ("（四）迟到的，每次扣1分；当月累计扣分达到10分的，取消评优资格。", [-1.0]),
    ("3.2 违规外呼的，每次扣2分，累计3次加扣5分。", [-2.0, -5.0]),
])
def test_a_cap_or_a_total_of_deductions_is_no_deduction(text, points):
    assert [p.points for p in drafted(text).points] == points


@pytest.mark.parametrize(("text", "points"), [
    ("第十条 录音质检满分100分，由以下三项组成：\n评分项目 | 分值 | 评分要点\n服务态度 | 40分 | 语气亲切\n业务准确 | 60分 | 解答正确", []),
    ("第十二条 装维人员考核如下：\n情形 | 分值\n上门未出示工作证 | 1分/次\n施工后未清理现场 | 2分/次", [-1.0, -2.0]),
])
def test_what_a_score_sheet_item_is_worth_is_no_deduction(text, points):
    assert [p.points for p in drafted(text).points] == points
