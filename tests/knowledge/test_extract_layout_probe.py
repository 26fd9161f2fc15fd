"""A probe of the layouts points and limits come in, beyond their wording (test_extract_points_kinds): a lead-in giving
every item under it the points, points in a heading over items, in brackets after an item, on the line after it
("1. 获得客户书面表扬" over "加2分"), side by side in one sentence ("A类差错5分/次，B类差错2分/次"); tables with a
header in two rows or merged cells, a grid by gravity (一般 | 严重), a 备注 column with a second outcome, a range or
"每次2分" under 扣分, a table set sideways, two columns pasted with tabs, a 处罚 column, a note under a table; and
numbers laid out the same ways that are no entries (权重, 满分, 基础分, 目标值, 序号, dates, grades). Limits likewise:
a lead-in over items, a 时限 column (its unit in the column's name), a limit in a heading, a 时限： label, and look-alikes
(shifts, training hours, a rollout plan, an item of a deduction list that names a missed limit)."""
from __future__ import annotations

import docx
import pytest

from drafting import drafted, drafted_case, md_table, points_match

D, B, P = "deduction", "bonus", "penalty"


def _docx_two_row_header(path):
    document = docx.Document()
    document.add_paragraph("三、扣分标准")
    table = document.add_table(rows=4, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "考核项目"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "扣分"
    table.cell(1, 1).text, table.cell(1, 2).text = "一般", "严重"
    for r, row in enumerate([("服务态度", "2", "5"), ("业务差错", "1", "3")], start=2):
        for c, v in enumerate(row):
            table.cell(r, c).text = v
    document.add_paragraph("四、附则")
    document.save(path)


def _docx_merged_category(path):
    document = docx.Document()
    document.add_paragraph("质检扣分表")
    table = document.add_table(rows=4, cols=3)
    for c, v in enumerate(("类别", "考核内容", "扣分")):
        table.cell(0, c).text = v
    table.cell(1, 0).merge(table.cell(2, 0)).text = "服务态度"
    table.cell(3, 0).text = "业务能力"
    for r, (item, pts) in enumerate([("语气生硬", "2"), ("推诿客户", "3"), ("解答错误", "5")], start=1):
        table.cell(r, 1).text, table.cell(r, 2).text = item, pts
    document.save(path)


def _docx_weights(path):
    document = docx.Document()
    document.add_paragraph("考核指标及权重")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("序号", "考核维度", "权重"), ("1", "服务质量", "40%"), ("2", "业务能力", "60%")]):
        for c, v in enumerate(row):
            table.cell(r, c).text = v
    document.save(path)


_HTML_TWO_ROW = ("<html><body><h2>扣分标准</h2><table>"
                 "<tr><th rowspan='2'>考核项目</th><th colspan='2'>扣分</th></tr><tr><th>一般</th><th>严重</th></tr>"
                 "<tr><td>服务态度</td><td>2</td><td>5</td></tr><tr><td>业务差错</td><td>1</td><td>3</td></tr>"
                 "</table></body></html>")
_HTML_SLA = ("<html><body><h2>服务时限</h2><table><tr><th>业务类型</th><th>办结时限</th></tr>"
             "<tr><td>故障报修</td><td>24小时</td></tr><tr><td>投诉</td><td>5个工作日</td></tr></table>"
             "<p>温馨提示：节假日顺延。</p></body></html>")
_HTML_LEAD = ("<html><body><h3>服务纪律</h3><p>有下列情形之一的，每次扣2分：</p>"
              "<ul><li>上班迟到</li><li>擅自离岗</li></ul></body></html>")


CASES = [
# --- lead-ins giving every item below the points
("lead_each_item", "办法.txt", "第三章 考核\n第八条 有下列情形之一的，每项扣2分：\n（一）未使用标准开头语；\n（二）未核实客户身份；\n（三）通话结束未致谢。\n第九条 本办法由客服部解释。",
 [(-2, D, None)] * 3, set()),
("lead_found_month", "细则.txt", "三、质检扣分\n以下行为一经发现扣当月绩效5分：\n1. 与客户发生争吵\n2. 私自挂断客户电话\n四、附则",
 [(-5, D, None)] * 2, set()),
("lead_each_time_plain", "规范.md", "## 二、服务纪律\n\n坐席出现下列行为的，每次扣3分：\n\n- 上班时间使用手机\n- 擅自离开座位\n- 与同事闲聊\n",
 [(-3, D, None)] * 3, set()),
("lead_bonus", "办法.txt", "第五章 奖励\n第二十条 有下列表现之一的，每次加2分：\n（一）收到客户书面表扬；\n（二）提出合理化建议被采纳。\n第二十一条 附则。",
 [(2, B, None)] * 2, set()),
("lead_fine", "物业客服管理制度.txt", "四、处罚\n员工有下列行为之一的，罚款50元：\n1. 迟到早退；\n2. 工作时间吃零食；\n五、附则",
 [(None, P, -50)] * 2, set()),
("lead_points_after_colon_items_semicolons", "规范.txt", "第十二条 出现以下情况，扣1分/次：\n1. 未复述客户诉求；\n2. 未告知处理时限；\n3. 未确认联系电话。\n第十三条 附则",
 [(-1, D, None)] * 3, set()),
("lead_veto", "规范.txt", "第十五条 出现以下情形之一的，当次质检记0分：\n（一）辱骂客户；\n（二）泄露客户隐私。\n第十六条 附则",
 [(None, D, None)] * 2, set()),
# --- points in a heading over items
("heading_each_time", "质检细则.txt", "三、扣分标准\n（三）服务态度类（每次扣3分）\n1. 语气生硬；\n2. 推诿客户。\n（四）业务差错类（每次扣2分）\n1. 业务解答错误；\n五、附则",
 [(-3, D, None)] * 2 + [(-2, D, None)], set()),
("heading_class_points", "规范.md", "## 质检扣分\n\n### 一类差错（扣5分/次）\n\n1. 擅自承诺赔付\n2. 错误受理挂失\n\n### 二类差错（扣2分/次）\n\n1. 工单信息漏填\n",
 [(-5, D, None)] * 2 + [(-2, D, None)], set()),
("heading_colon_points", "细则.txt", "四、扣分项目\n（一）严重违规，每项扣10分：\n1. 泄露客户信息；\n2. 私自收费。\n（二）一般违规，每项扣2分：\n1. 未报工号；\n五、附则",
 [(-10, D, None)] * 2 + [(-2, D, None)], set()),
("heading_weight_not_points", "评分标准.txt", "三、评分标准\n（一）服务规范（20分）\n1. 未使用标准开头语扣2分；\n2. 未报工号扣1分。\n（二）业务能力（30分）\n1. 业务解答错误扣5分。\n四、附则",
 [(-2, D, None), (-1, D, None), (-5, D, None)], set()),
# --- points in parentheses after an item
("item_paren", "规范.txt", "三、质检标准\n1. 未使用标准开头语（扣1分）\n2. 未报工号（扣1分）\n3. 未确认客户问题（扣2分）\n四、附则",
 [(-1, D, None)] * 2 + [(-2, D, None)], set()),
("item_paren_per", "规范.txt", "三、质检标准\n（1）抢话插话（每次扣0.5分）；\n（2）冷场超过10秒（每次扣1分）；\n四、附则",
 [(-0.5, D, None), (-1, D, None)], set()),
("item_bracket_square", "规范.md", "## 扣分细则\n\n1. 未按要求登记工单【2分/次】\n2. 工单分类错误【1分/次】\n",
 [(-2, D, None), (-1, D, None)], set()),
("item_paren_bonus", "规范.txt", "五、加分项\n1. 获得客户锦旗（加5分）\n2. 被评为月度服务之星（加3分）\n六、附则",
 [(5, B, None), (3, B, None)], set()),
# --- points on the next line
("bonus_next_line", "规范.txt", "五、加分项\n1. 获得客户书面表扬\n加2分\n2. 提出合理化建议被采纳\n加3分\n六、附则",
 [(2, B, None), (3, B, None)], set()),
("split_item_score_label", "规范.txt", "三、扣分项\n1. 未核实身份即办理业务\n扣分：2分\n2. 未告知资费标准\n扣分：1分\n四、附则",
 [(-2, D, None), (-1, D, None)], set()),
("split_item_standard_label", "规范.md", "## 考核细则\n\n**考核内容：** 未在规定时间内回访客户\n\n**考核标准：** 每次扣2分\n\n**考核内容：** 工单描述不清\n\n**考核标准：** 每次扣1分\n",
 [(-2, D, None), (-1, D, None)], set()),
# --- letter-class standards in a sentence
("class_rates", "规范.txt", "第十条 差错分类\n扣分标准：A类差错5分/次，B类差错2分/次，C类差错1分/次。\n第十一条 附则",
 [(-5, D, None), (-2, D, None), (-1, D, None)], set()),
("class_rates_each", "规范.txt", "第十条 扣分标准为：一级差错每次10分，二级差错每次5分，三级差错每次2分。",
 [(-10, D, None), (-5, D, None), (-2, D, None)], set()),
("class_rates_lines", "规范.txt", "四、差错扣分\nA类差错：5分/次\nB类差错：2分/次\n五、附则",
 [(-5, D, None), (-2, D, None)], set()),
# --- tables
("table_merged_category", "规范.md", "## 质检扣分表\n\n" + md_table([("类别", "考核内容", "扣分"), ("服务态度", "语气生硬", "2"), ("", "推诿客户", "3"), ("业务能力", "解答错误", "5")]) + "\n",
 [(-2, D, None), (-3, D, None), (-5, D, None)], set()),
("table_note_column_fine", "规范.md", "## 扣分表\n\n" + md_table([("考核内容", "扣分", "备注"), ("泄露客户信息", "10", "情节严重的另处罚款500元"), ("抢话", "1", "")]) + "\n",
 [(-10, D, -500), (-1, D, None)], set()),
("table_range_cell", "规范.md", "## 扣分表\n\n" + md_table([("考核项目", "扣分", "说明"), ("服务态度生硬", "1-3", "视情节"), ("推诿客户", "3～5", "")]) + "\n",
 [(-1, D, None), (-3, D, None)], set()),
("table_per_time_cell", "规范.md", "## 扣分表\n\n" + md_table([("考核项目", "扣分"), ("服务态度生硬", "每次2分"), ("推诿客户", "每次3分")]) + "\n",
 [(-2, D, None), (-3, D, None)], set()),
("table_grid_bare", "规范.md", "## 扣分标准\n\n" + md_table([("违规类别", "一般", "严重"), ("服务态度", "2", "5"), ("业务差错", "1", "3")]) + "\n",
 [(-2, D, None), (-5, D, None), (-1, D, None), (-3, D, None)], set()),
("table_grid_units", "规范.md", "## 扣分标准\n\n" + md_table([("违规类别", "一般（扣分）", "严重（扣分）"), ("服务态度", "2", "5")]) + "\n",
 [(-2, D, None), (-5, D, None)], set()),
("table_two_row_header_md", "规范.md", "## 扣分标准\n\n" + md_table([("考核项目", "扣分", "扣分"), ("", "一般", "严重"), ("服务态度", "2", "5")]) + "\n",
 [(-2, D, None), (-5, D, None)], set()),
("table_note_under", "规范.md", "## 评分表\n\n" + md_table([("考核项目", "标准分"), ("开场白", "10"), ("业务解答", "40")]) + "\n\n注：未使用标准开头语的，每次扣2分。\n",
 [(-2, D, None)], set()),
("table_bonus_section", "规范.md", "## 加分项\n\n" + md_table([("项目", "分值"), ("客户表扬", "2"), ("合理化建议", "3")]) + "\n",
 [(2, B, None), (3, B, None)], set()),
("table_standard_per", "规范.md", "## 考核标准\n\n" + md_table([("考核项目", "考核标准"), ("开场白", "未报工号扣1分，未问候扣1分"), ("结束语", "未致谢扣1分")]) + "\n",
 [(-1, D, None)] * 3, set()),
# --- non-entries laid out the same way
("ne_weight_column", "规范.md", "## 考核指标\n\n" + md_table([("考核维度", "权重"), ("服务质量", "40%"), ("业务能力", "30%"), ("劳动纪律", "30%")]) + "\n",
 [], set()),
("ne_full_marks_column", "规范.md", "## 评分表\n\n" + md_table([("考核项目", "满分", "评分说明"), ("服务态度", "20分", "依据录音抽检评定"), ("业务能力", "30分", "依据考试成绩")]) + "\n",
 [], set()),
("ne_base_score", "规范.md", "## 基础分\n\n" + md_table([("岗位", "基础分"), ("坐席", "100分"), ("班长", "100分")]) + "\n",
 [], set()),
("ne_serial_column", "规范.md", "## 质检评分表（满分100分）\n\n" + md_table([("序号", "考核项目", "分值"), ("1", "开场白", "5"), ("2", "业务解答", "40")]) + "\n",
 [], set()),
("ne_target_column", "规范.md", "## 年度考核指标\n\n" + md_table([("指标", "目标值", "权重"), ("客户满意度", "95%", "30%"), ("一次解决率", "85%", "20%")]) + "\n",
 [], set()),
("ne_dates", "办法.txt", "第三十条 本办法自2026年3月1日起施行。\n第三十一条 2025年12月印发的原办法同时废止。",
 [], set()),
("ne_composition_list", "规范.txt", "三、评分构成\n质检评分由以下部分组成：\n1. 开场白 10分\n2. 业务解答 40分\n3. 结束语 10分\n四、附则",
 [], set()),
("ne_grade_bands", "规范.md", "## 考核等级\n\n" + md_table([("等级", "分数"), ("优秀", "90分以上"), ("合格", "60-89分"), ("不合格", "60分以下")]) + "\n",
 [], set()),
("ne_grade_lines", "规范.txt", "五、等级评定\n1. 月度得分90分及以上为优秀；\n2. 月度得分60分以下为不合格。\n六、附则",
 [], set()),
("ne_phone_numbers", "规范.txt", "一、服务热线\n客服热线：95555，监督电话：12345。\n二、附则", [], set()),
("ne_version_table", "规范.md", "## 修订记录\n\n" + md_table([("版本", "日期", "修订内容"), ("V2.0", "2026-01-05", "未报工号扣分由1分调整为2分")]) + "\n",
 [], set()),
("ne_threshold_lead", "规范.txt", "六、考核结果运用\n月度累计扣分达到下列分值的，处理如下：\n1. 累计扣分满10分的，通报批评；\n2. 累计扣分满20分的，待岗培训。\n七、附则",
 [], set()),
("ne_weight_heading_items", "规范.txt", "三、评分标准（满分100分）\n（一）服务态度（30分）\n（二）业务能力（40分）\n（三）服务规范（30分）\n四、附则",
 [], set()),
("ne_exam_score", "规范.txt", "第八条 新员工岗前培训考试成绩须达到80分以上方可上岗。", [], set()),
# --- SLAs laid out the same ways
("sla_lead_items", "办法.txt", "第五条 下列事项须在2个工作日内办结：\n（一）账单查询；\n（二）业务变更；\n（三）发票补开。\n第六条 附则",
 [], {(2, "working_day")}),
("sla_column", "规范.md", "## 服务时限\n\n" + md_table([("业务类型", "处理时限"), ("故障报修", "24小时"), ("投诉处理", "3个工作日")]) + "\n",
 [], {(24, "hour"), (3, "working_day")}),
("sla_column_unit_in_header", "规范.md", "## 办结时限\n\n" + md_table([("业务类型", "办结时限（工作日）"), ("销户", "5"), ("过户", "3")]) + "\n",
 [], {(5, "working_day"), (3, "working_day")}),
("sla_column_hours_header", "规范.md", "## 响应时限\n\n" + md_table([("事件等级", "响应时限（小时）", "到场时限（小时）"), ("紧急", "0.5", "2"), ("一般", "2", "24")]) + "\n",
 [], {(0.5, "hour"), (2, "hour"), (24, "hour")}),
("sla_heading", "规范.txt", "三、报修处理\n（二）紧急报修（2小时内到场）\n1. 燃气泄漏；\n2. 大面积停水。\n四、附则",
 [], {(2, "hour")}),
("sla_heading_md", "规范.md", "## 投诉处理\n\n### 一般投诉：3个工作日内办结\n\n- 服务态度类\n- 业务差错类\n",
 [], {(3, "working_day")}),
("sla_lead_then_items_with_own", "规范.txt", "第七条 各类工单的办理时限如下：\n（一）咨询类：1个工作日内答复；\n（二）投诉类：5个工作日内办结。\n第八条 附则",
 [], {(1, "working_day"), (5, "working_day")}),
("sla_split_label", "规范.txt", "三、办理时限\n1. 退款申请\n时限：3个工作日\n2. 发票开具\n时限：5个工作日\n四、附则",
 [], {(3, "working_day"), (5, "working_day")}),
("sla_answer_lead", "规范.txt", "二、接听要求\n来电须在15秒内接起。\n三、附则", [], {(15, "second")}),
# --- SLA junk look-alikes
("sj_dates_table", "规范.md", "## 值班安排\n\n" + md_table([("日期", "值班人员"), ("3月1日", "张三"), ("3月2日", "李四")]) + "\n", [], set()),
("sj_training_hours", "规范.txt", "第九条 坐席每年参加业务培训不少于40小时。", [], set()),
("sj_serial_hours", "规范.md", "## 班次\n\n" + md_table([("序号", "班次", "时间"), ("1", "早班", "8:00-16:00"), ("2", "晚班", "16:00-24:00")]) + "\n", [], set()),
("sj_validity", "办法.txt", "第三十条 本办法有效期三年，自2026年1月1日起执行。", [], set()),
("sj_kpi_target_table", "规范.md", "## 班组考核指标\n\n" + md_table([("指标", "目标值", "权重"), ("平均处理时长", "不超过300秒", "20%")]) + "\n", [], set()),
("sj_break", "规范.txt", "五、班组管理\n坐席连续工作2小时可休息10分钟。\n六、附则", [], set()),
("sj_appeal_lead", "规范.txt", "六、申诉\n对下列质检结果有异议的，可在3个工作日内提出申诉：\n1. 扣分结果；\n2. 评级结果。\n七、附则", [], set()),
("sj_record_years", "规范.txt", "第十二条 通话录音须保存2年以上，以备核查。", [], set()),
("sj_year_in_title", "2026年客服质检办法.txt", "2026年客服质检办法\n第一条 为规范服务，制定本办法。", [], set()),
# --- trades
("bank_lead_each", "信用卡中心质检细则.txt", "第四章 扣分标准\n第十八条 坐席在受理挂失业务时有下列情形之一的，每项扣5分：\n（一）未核实持卡人身份；\n（二）未告知挂失费用；\n第十九条 附则",
 [(-5, D, None)] * 2, set()),
("telecom_heading_fine", "营业厅服务规范.txt", "三、违规处罚\n（一）以下行为每次罚款100元\n1. 私自办理业务；\n2. 私自销户。\n四、附则",
 [(None, P, -100)] * 2, set()),
("hospital_paren_items", "医院客服考核.txt", "三、考核内容\n1. 预约挂号信息录入错误（扣2分/次）\n2. 未告知就诊须知（扣1分/次）\n四、附则",
 [(-2, D, None), (-1, D, None)], set()),
("airline_table_two_outcomes", "呼叫中心考核.md", "## 扣分表\n\n" + md_table([("违规内容", "扣分", "罚款（元）", "备注"), ("错误出票", "5", "200", "造成损失的另行追偿"), ("未告知退改规则", "2", "", "")]) + "\n",
 [(-5, D, -200), (-2, D, None)], set()),
("ecommerce_lead_md", "客服奖惩制度.md", "## 二、处罚\n\n出现以下情形，扣除当月绩效分3分：\n\n1. 未在5分钟内回复买家\n2. 擅自承诺发货时间\n",
 [(-3, D, None)] * 2, set()),
("gas_heading_range", "燃气热线考核.txt", "三、扣分\n（一）一般差错（每次扣1-2分）\n1. 记录不全；\n2. 分类错误。\n四、附则",
 [(-1, D, None)] * 2, set()),
("water_items_colon_score", "供水热线规范.txt", "三、扣分项\n1. 未使用普通话：扣1分\n2. 未核实户号：扣2分\n3. 停水信息告知错误：扣3分\n四、附则",
 [(-1, D, None), (-2, D, None), (-3, D, None)], set()),
("gov_hotline_sla_heading_items", "12345热线办理规范.txt", "第三章 办理时限\n第十条 紧急类诉求（2小时内响应）：\n（一）水电气中断；\n（二）道路塌陷。\n第十一条 附则",
 [], {(2, "hour")}),
("insurance_table_standard", "保险客服质检.md", "## 质检评分表\n\n" + md_table([("序号", "质检项目", "分值", "扣分标准"), ("1", "开场白", "5", "未报工号扣2分"), ("2", "身份核实", "10", "未核实扣10分")]) + "\n",
 [(-2, D, None), (-10, D, None)], set()),
("logistics_bonus_lines", "快递客服奖励办法.txt", "三、奖励\n1. 挽回客户投诉的，奖励：\n50元/次\n2. 获得客户表扬的，奖励：\n20元/次\n四、附则",
 [(None, B, 50), (None, B, 20)], set()),
# Word and HTML tables
("docx_two_row_header", "扣分标准.docx", _docx_two_row_header, [(-2, D, None), (-5, D, None), (-1, D, None), (-3, D, None)], set()),
("docx_merged_category", "扣分表.docx", _docx_merged_category, [(-2, D, None), (-3, D, None), (-5, D, None)], set()),
("docx_weights", "考核.docx", _docx_weights, [], set()),
("html_two_row_header", "扣分标准.html", _HTML_TWO_ROW, [(-2, D, None), (-5, D, None), (-1, D, None), (-3, D, None)], set()),
("html_sla_column", "时限.html", _HTML_SLA, [], {(24, "hour"), (5, "working_day")}),
("html_lead_list", "纪律.html", _HTML_LEAD, [(-2, D, None)] * 2, set()),
("lead_points_and_fine", "规范.txt", "第九条 有下列行为之一的，扣2分并罚款50元：\n（一）私自外呼；\n（二）私自修改工单。\n第十条 附则",
 [(-2, D, -50)] * 2, set()),
("heading_items_own_override", "规范.txt", "三、扣分\n（一）服务态度（每次扣2分）\n1. 语气生硬；\n2. 辱骂客户（扣10分）。\n四、附则",
 [(-2, D, None), (-10, D, None)], set()),
("lead_cn_numeral", "规范.txt", "三、扣分\n有下列情形之一的，每项扣两分：\n1. 未报工号；\n2. 未确认需求。\n四、附则",
 [(-2, D, None)] * 2, set()),
("heading_points_item_class", "规范.txt", "三、扣分标准\n（二）扣5分项：\n1. 推诿客户；\n2. 擅自挂机。\n四、附则",
 [(-5, D, None)] * 2, set()),
("tab_table", "规范.txt", "三、扣分表\n违规行为\t扣分\n抢话\t2\n推诿客户\t5\n四、附则", [(-2, D, None), (-5, D, None)], set()),
("spaced_severity", "规范.txt", "三、扣分标准\n违规类别      一般      严重\n服务态度      2         5\n业务差错      1         3\n四、附则",
 [(-2, D, None), (-5, D, None), (-1, D, None), (-3, D, None)], set()),
("points_column_first", "规范.md", "## 扣分表\n\n" + md_table([("扣分", "违规行为"), ("2", "抢话"), ("5", "推诿客户")]) + "\n", [(-2, D, None), (-5, D, None)], set()),
("both_columns_one_empty", "规范.md", "## 奖惩表\n\n" + md_table([("项目", "加分", "扣分"), ("客户表扬", "2", ""), ("客户投诉", "", "3")]) + "\n", [(2, B, None), (-3, D, None)], set()),
("cap_column", "规范.md", "## 扣分表\n\n" + md_table([("考核项目", "扣分标准", "扣分上限"), ("抢话", "2分/次", "10分")]) + "\n", [(-2, D, None)], set()),
("occurrence_grid", "规范.md", "## 累进扣分\n\n" + md_table([("违规次数", "第1次", "第2次", "第3次及以上"), ("扣分", "1", "2", "5")]) + "\n",
 [(-1, D, None), (-2, D, None), (-5, D, None)], set()),
("transposed", "规范.md", "## 扣分标准\n\n" + md_table([("项目", "未报工号", "抢话"), ("扣分", "1", "2")]) + "\n", [(-1, D, None), (-2, D, None)], set()),
("standard_next_line", "规范.txt", "三、扣分细则\n1. 未报工号\n标准：扣1分/次\n2. 抢话\n标准：扣2分/次\n四、附则", [(-1, D, None), (-2, D, None)], set()),
("table_penalty_column", "规范.md", "## 处罚\n\n" + md_table([("违规行为", "处罚"), ("迟到", "50元/次"), ("旷工", "200元/次")]) + "\n", [(None, P, -50), (None, P, -200)], set()),
("table_reward_column", "规范.md", "## 奖励\n\n" + md_table([("奖项", "奖励"), ("服务之星", "300元"), ("优秀班组", "1000元")]) + "\n", [(None, B, 300), (None, B, 1000)], set()),
("numbered_points_lines", "规范.txt", "三、加分标准\n1. 获得市级表彰：+5分\n2. 获得公司表彰：+3分\n四、附则", [(5, B, None), (3, B, None)], set()),
("inline_semicolon_list", "规范.txt", "第八条 扣分标准：未报工号扣1分；抢话扣2分；推诿客户扣5分。", [(-1, D, None), (-2, D, None), (-5, D, None)], set()),
("dash_items", "规范.txt", "三、扣分\n未报工号——扣1分\n推诿客户——扣5分\n四、附则", [(-1, D, None), (-5, D, None)], set()),
("paren_minus", "规范.txt", "三、质检项目\n1. 未报工号（-1）\n2. 推诿客户（-5）\n四、附则", [(-1, D, None), (-5, D, None)], set()),
# non-entries
("ne_total_row", "规范.md", "## 评分表\n\n" + md_table([("考核项目", "分值"), ("服务态度", "40"), ("业务能力", "60"), ("合计", "100")]) + "\n", [], set()),
("ne_coefficient", "规范.md", "## 绩效系数\n\n" + md_table([("考核得分", "绩效系数"), ("90分以上", "1.2"), ("80-89分", "1.0")]) + "\n", [], set()),
("ne_monthly_report", "规范.md", "## 三月扣分统计\n\n" + md_table([("工号", "扣分合计"), ("1001", "12"), ("1002", "5")]) + "\n", [], set()),
("ne_sample_rate", "规范.txt", "第六条 质检抽检比例不低于5%，每人每月抽检录音不少于10通。", [], set()),
("ne_passing_line", "规范.txt", "四、考核等级\n（一）90分以上（含90分）为优秀；\n（二）60分以下为不合格。\n五、附则", [], set()),
("ne_score_formula", "规范.txt", "第十一条 月度质检成绩=100分-扣分+加分。", [], set()),
("ne_item_weights_list", "规范.txt", "三、质检项目及分值\n1. 开场白（5分）\n2. 需求确认（15分）\n3. 结束语（5分）\n四、附则", [], set()),
# SLAs
("sla_two_columns", "规范.md", "## 处理时限\n\n" + md_table([("诉求类型", "响应时间", "办结时间"), ("紧急", "30分钟", "24小时"), ("一般", "2小时", "3个工作日")]) + "\n",
 [], {(30, "minute"), (24, "hour"), (2, "hour"), (3, "working_day")}),
# A note in the next cell ("…失败的，转人工") sets off nothing in the cell stating the limit.
("sla_row_with_a_conditional_note", "规范.md", "## 处理时效\n\n" + md_table([("问题类型", "处理时效", "备注"),
 ("闸机不识别卡片", "10分钟内远程复位", "复位两次仍不成功的，转站务人员")]) + "\n", [], {(10, "minute")}),
("sla_lead_same_day", "规范.txt", "第五条 下列业务应当在2小时内办结：\n（一）密码重置；\n（二）账户解锁。", [], {(2, "hour")}),
("sla_heading_dash", "规范.txt", "三、办理时限\n（一）咨询类——1个工作日内答复\n（二）投诉类——5个工作日内办结\n四、附则", [], {(1, "working_day"), (5, "working_day")}),
("sla_standard_column", "规范.md", "## 服务标准\n\n" + md_table([("项目", "标准"), ("来电接起", "≤15秒"), ("邮件回复", "≤24小时")]) + "\n", [], {(15, "second"), (24, "hour")}),
# SLA junk
("sj_shift_length", "规范.md", "## 班次\n\n" + md_table([("班次", "时长"), ("早班", "8小时"), ("晚班", "8小时")]) + "\n", [], set()),
("sj_training_table", "规范.md", "## 培训计划\n\n" + md_table([("培训项目", "学时"), ("业务知识", "16小时"), ("服务礼仪", "8小时")]) + "\n", [], set()),
("sj_probation", "规范.txt", "第二十条 新入职坐席试用期3个月。", [], set()),
("sj_phase_heading", "规范.txt", "三、实施步骤\n（一）试点阶段（3个月）\n1. 选取两个班组试点；\n四、附则", [], set()),
("arrow_items", "规范.txt", "三、扣分\n未报工号→扣1分\n推诿客户→扣5分\n四、附则", [(-1, D, None), (-5, D, None)], set()),
("bracket_prefix", "规范.txt", "三、扣分\n【扣2分】未报工号\n【扣5分】推诿客户\n四、附则", [(-2, D, None), (-5, D, None)], set()),
("heading_cases_of", "规范.txt", "三、扣分标准\n（一）扣1分的情形\n1. 未使用问候语；\n2. 未致结束语。\n（二）扣3分的情形\n1. 推诿客户。\n四、附则",
 [(-1, D, None)] * 2 + [(-3, D, None)], set()),
("heading_no_colon", "规范.txt", "三、扣分标准\n（一）下列行为扣2分/次\n1. 抢话；\n2. 冷场。\n四、附则", [(-2, D, None)] * 2, set()),
("lead_no_colon_md", "规范.md", "## 三、扣分\n\n以下每项扣2分\n\n- 未报工号\n- 未致结束语\n", [(-2, D, None)] * 2, set()),
("md_heading_plain", "规范.md", "## 扣分标准\n\n### 扣2分项\n\n- 未报工号\n- 未致结束语\n\n### 扣5分项\n\n- 推诿客户\n", [(-2, D, None)] * 2 + [(-5, D, None)], set()),
("lead_bare_in_parens", "规范.txt", "三、扣分\n扣分细则如下（每项2分）：\n1. 未报工号；\n2. 未致结束语。\n四、附则", [(-2, D, None)] * 2, set()),
("points_first_line_list", "规范.txt", "三、扣分\n扣2分：\n未报工号\n未致结束语\n四、附则", [(-2, D, None)] * 2, set()),
("html_strong_items", "规范.html", "<html><body><h2>扣分细则</h2><p><strong>未报工号</strong>：扣1分/次</p><p><strong>推诿客户</strong>：扣5分/次</p></body></html>",
 [(-1, D, None), (-5, D, None)], set()),
("table_cn_range", "规范.md", "## 扣分表\n\n" + md_table([("考核项目", "扣分"), ("服务态度差", "2至5分"), ("推诿客户", "5～10")]) + "\n", [(-2, D, None), (-5, D, None)], set()),
("table_bonus_per_head", "规范.md", "## 奖励标准\n\n" + md_table([("奖项", "奖励标准"), ("服务之星", "200元/人"), ("优秀班组", "500元/组")]) + "\n", [(None, B, 200), (None, B, 500)], set()),
("table_signed_values", "规范.md", "## 奖惩细则\n\n" + md_table([("项目", "分值"), ("客户表扬", "+2"), ("有效投诉", "-5")]) + "\n", [(2, B, None), (-5, D, None)], set()),
("items_points_money", "规范.txt", "三、处罚\n1. 泄露客户信息：扣10分，罚款500元；\n2. 私自收费：扣20分，罚款1000元。\n四、附则", [(-10, D, -500), (-20, D, -1000)], set()),
# non-entries
("ne_points_rule_general", "规范.txt", "第五条 质检实行百分制，基础分100分，扣完为止。", [], set()),
("ne_weight_items_paren", "规范.md", "## 评分项目\n\n1. 服务态度（权重30%）\n2. 业务能力（权重70%）\n", [], set()),
("ne_exam_table", "规范.md", "## 考试安排\n\n" + md_table([("科目", "满分", "及格线"), ("业务知识", "100", "80")]) + "\n", [], set()),
("ne_rank_table", "规范.md", "## 月度排名\n\n" + md_table([("排名", "班组", "得分"), ("1", "一组", "98.5"), ("2", "二组", "96")]) + "\n", [], set()),
# SLAs
("sla_requirement_column", "规范.md", "## 服务要求\n\n" + md_table([("项目", "要求"), ("来电接听", "15秒内接起"), ("在线回复", "30秒内首次回复")]) + "\n", [], {(15, "second"), (30, "second")}),
("sla_items_limit_label", "规范.txt", "三、工单处理\n1. 咨询工单，办理时限：1个工作日；\n2. 投诉工单，办理时限：5个工作日。\n四、附则", [], {(1, "working_day"), (5, "working_day")}),
("sla_response_and_arrival", "规范.md", "## 抢修时限\n\n" + md_table([("故障等级", "时限要求"), ("一级", "30分钟响应，2小时到场")]) + "\n", [], {(30, "minute"), (2, "hour")}),
# SLA junk
("sj_opening_hours_table", "规范.md", "## 服务时间\n\n" + md_table([("渠道", "时间"), ("热线", "8:00-20:00"), ("在线客服", "9:00-21:00")]) + "\n", [], set()),
("sj_project_plan", "规范.txt", "六、实施计划\n1. 第一阶段：2个月内完成系统建设；\n2. 第二阶段：3个月内完成人员培训。\n七、附则", [], set()),
("sj_effective_after", "规范.txt", "第三十条 本办法自发布之日起30日后施行。", [], set()),
# more layouts: sub-items, nested bullets, grade columns set sideways, a list of missed limits
("points_in_subitem", "规范.txt", "三、扣分\n1. 服务用语\n（1）未使用问候语，扣1分；\n（2）未致结束语，扣1分。\n四、附则", [(-1, D, None)] * 2, set()),
("lead_money_per", "规范.txt", "四、处罚\n以下行为每次罚款100元：\n1. 私自外呼；\n2. 泄露工号密码。\n五、附则", [(None, P, -100)] * 2, set()),
("table_item_points_same_cell", "规范.md", "## 扣分表\n\n" + md_table([("序号", "考核内容及扣分"), ("1", "未报工号（扣1分）"), ("2", "推诿客户（扣5分）")]) + "\n", [(-1, D, None), (-5, D, None)], set()),
("table_col_per_time_header", "规范.md", "## 扣分表\n\n" + md_table([("考核项目", "每次扣分"), ("抢话", "2"), ("冷场", "1")]) + "\n", [(-2, D, None), (-1, D, None)], set()),
("table_col_deduct_standard_bare", "规范.md", "## 扣分表\n\n" + md_table([("考核项目", "扣分标准（分/次）"), ("抢话", "2"), ("冷场", "1")]) + "\n", [(-2, D, None), (-1, D, None)], set()),
("nested_md_bullets_points", "规范.md", "## 扣分\n\n- 服务类\n  - 未报工号：1分\n  - 推诿客户：5分\n", [(-1, D, None), (-5, D, None)], set()),
("heading_bonus_each", "规范.txt", "五、加分（每项加1分）\n1. 主动补位；\n2. 带教新人。\n六、附则", [(1, B, None)] * 2, set()),
("table_grade_ABC_cols", "规范.md", "## 差错扣分\n\n" + md_table([("差错类别", "A类", "B类", "C类"), ("扣分", "5", "2", "1")]) + "\n", [(-5, D, None), (-2, D, None), (-1, D, None)], set()),
("table_three_levels_bare", "规范.md", "## 扣分标准\n\n" + md_table([("违规事项", "轻微", "一般", "严重"), ("服务态度", "1", "3", "5")]) + "\n", [(-1, D, None), (-3, D, None), (-5, D, None)], set()),
("item_then_fine_line", "规范.txt", "四、处罚\n1. 私自收取客户费用\n处罚：罚款500元\n五、附则", [(None, P, -500)], set()),
("sla_items_under_heading_limit", "规范.md", "## 回访时限（24小时内）\n\n- 投诉办结回访\n- 故障修复回访\n", [], {(24, "hour")}),
("sj_deduct_list_missed_limit", "规范.txt", "三、扣分\n（一）每次扣2分的情形\n1. 未在2小时内回复工单；\n2. 未在24小时内回访。\n四、附则", [(-2, D, None)] * 2, set()),
("ne_weights_lead", "规范.txt", "三、考核构成\n月度考核由以下三部分组成（满分100分）：\n1. 质检成绩，占60分；\n2. 业务考试，占20分；\n3. 劳动纪律，占20分。\n四、附则", [], set()),
("ne_points_per_hour_training", "规范.txt", "五、培训\n参加培训每学时计1学分。\n六、附则", [], set()),
]


@pytest.mark.parametrize(("name", "text", "points", "limits"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_points_and_limits_in_every_layout(tmp_path, name, text, points, limits):
    book = drafted_case(tmp_path, name, text)
    assert points_match(book, points)
    assert {(s.value, s.unit) for s in book.slas} == {(float(v), u) for v, u in limits}


@pytest.mark.parametrize(("text", "expected"), [
    ("五、加分项\n1. 获得客户书面表扬\n加2分\n2. 提出合理化建议被采纳\n加3分\n六、附则",
     {"获得客户书面表扬，加2分。": 2.0, "提出合理化建议被采纳，加3分。": 3.0}),
    ("三、扣分项\n1. 未核实身份即办理业务\n扣分：2分\n2. 未告知资费标准\n扣分：1分\n四、附则",
     {"未核实身份即办理业务，扣分：2分。": -2.0, "未告知资费标准，扣分：1分。": -1.0}),
])
def test_points_on_the_line_after_an_item_go_with_that_item(tmp_path, text, expected):
    book = drafted(tmp_path, text, "规范.txt")
    assert {p.text: p.points for p in book.points} == expected
