"""Extraction on constructions a third batch of blind authors used: bullet lists with no intro under a 禁语
heading (Markdown, HTML, Word), points columns named 考核分, vetoes without points, score sheets in an annex,
glossaries, yearly and outcome rates and limits written in words under a 时限 column."""
from __future__ import annotations

import docx
import pytest

from knowledge.clauses import clauses
from knowledge.clean import clean_document
from knowledge.documents import read_document
from knowledge.rulebook_extract import extract_rulebook
from drafting import drafted


_BANNED = ["你自己不会看说明书吗？", "这是快递公司的事，跟我们没关系。", "爱买不买", "我又不是技术员"]


@pytest.mark.parametrize(("name", "text"), [
    ("规范.md", "## 三、服务忌语\n\n" + "".join(f"- {p}\n" for p in _BANNED) + "\n违者按第五章处理。\n"),
    ("规范.html", "<h2>三、服务忌语</h2><ul>" + "".join(f"<li>{p}</li>" for p in _BANNED)
     + "</ul><p>违者按第五章处理。</p>"),
    # An <li> whose closing tag is left out ends at the next one.
    ("规范.html", "<h2>三、服务忌语</h2>\n<ul>\n" + "".join(f"<li>{p}\n" for p in _BANNED)
     + "</ul>\n<p>违者按第五章处理。</p>"),
])
def test_a_bullet_list_right_under_a_forbidden_heading_lists_phrases(tmp_path, name, text):
    found = drafted(tmp_path, text, name).forbidden_phrases
    assert {e.text.rstrip("。？") for e in found} == {p.rstrip("。？") for p in _BANNED}
    assert all("三、服务忌语" in e.source.article for e in found)
    # The last item is no heading over the sentence after it.
    path = tmp_path / name
    after = next(c for c in clauses(clean_document(read_document(path).text, name).text) if "违者" in c.line)
    assert "技术员" not in after.article


def test_word_bullets_keep_a_marker_and_list_phrases(tmp_path):
    document = docx.Document()
    document.add_paragraph("三、服务忌语")
    for phrase in _BANNED:
        document.add_paragraph(phrase, style="List Bullet")
    document.add_paragraph("违者按第五章处理。")
    path = tmp_path / "规范.docx"
    document.save(path)
    text = read_document(path).text
    assert text.split("\n")[1:3] == ["- 你自己不会看说明书吗？", "- 这是快递公司的事，跟我们没关系。"]
    found = extract_rulebook([clean_document(text, path.name)]).forbidden_phrases
    assert len(found) == len(_BANNED)


def test_a_short_ordered_item_keeps_a_marker_and_a_long_bullet_none():
    from knowledge.html_text import html_lines

    lines = html_lines("<ol><li>爱买不买</li></ol><ul><li>座席接听来电后应先自报工号，再询问客户需要办理的业务，"
                       "不得让客户等待。</li></ul>")
    assert [line for line in lines if line] == ["- 爱买不买", "座席接听来电后应先自报工号，再询问客户需要办理的业务，不得让客户等待。"]


@pytest.mark.parametrize(("row", "points"), [
    ("| 1 | 错报车次信息 | -10 |", -10.0),
    ("| 2 | 未按时处理改签 | -3～-6 |", -3.0),
    ("| 3 | 漏登记投诉 | 5分/次 |", -5.0),
])
def test_a_column_named_for_appraisal_points_scores_its_rows(tmp_path, row, points):
    text = f"## 四、扣分标准\n\n| 序号 | 违规情形 | 考核分 |\n|---|---|---|\n{row}\n"
    assert [p.points for p in drafted(tmp_path, text).points] == [points]


@pytest.mark.parametrize(("text", "expected"), [
    ("第二十条 擅自向客户承诺保本收益的，实行一票否决，当年不得评优。\n", {"擅自向客户承诺保本收益的，实行一票否决，当年不得评优"}),
    ("| 序号 | 违规情形 | 扣分 |\n|---|---|---|\n| 1 | 私下收取客户现金 | 一票否决 |\n", {"1，私下收取客户现金，一票否决"}),
    # A heading, an intro, a threshold and a veto that zeroes the whole score are no deductions.
    ("### 4.3 一票否决\n\n出现下列情形之一的，实行一票否决：\n", set()),
    ("第二十条 单月扣分累计超过30分的，按一票否决处理。\n", set()),
    ("第二十条 一票否决：辱骂客户的，当月质检成绩按0分处理。\n", set()),
])
def test_a_veto_on_a_fault_is_a_deduction_of_no_stated_points(tmp_path, text, expected):
    found = drafted(tmp_path, text).points
    assert {e.text.rstrip("。") for e in found if e.points is None} == expected
    assert all(e.kind == "deduction" for e in found)


def test_an_annex_score_sheet_keeps_a_fault_that_costs_what_an_article_fault_costs(tmp_path):
    text = ("第十条 坐席使用服务禁语的，每次扣5分。\n附件1 质检评分表\n| 考核项目 | 分值 | 评分标准 |\n|---|---|---|\n"
            "| 错报停电区域 | 20 | 每次扣5分 |\n| 使用服务禁语 | 20 | 每次扣5分 |\n")
    found = drafted(tmp_path, text, "规范.txt").points
    # The annex retells the article's 禁语 deduction, but 错报停电区域 is a fault of its own.
    assert sorted(e.source.article.split(" > ")[-1] for e in found) == ["第十条", "附件1 质检评分表"]
    assert any("错报停电区域" in e.text for e in found)


@pytest.mark.parametrize("text", [
    # A glossary defines words; the limit inside a definition promises nothing.
    "## 一、术语\n\n- 有效报修：客户在48小时内补充完整资料的报修。\n",
    # A rate set for a year, and a rate of callers calling again, are the team's targets.
    "## 二、服务质量\n\n2027年度热线客户满意度不低于95%，重复来电率控制在6%以内。\n",
    "## 二、服务质量\n\n在线客服全年好评率不低于98%。\n",
    # Notice of resignation and leave are staff routine.
    "## 六、其他要求\n\n坐席离职须提前30天书面申请，请假须提前1个工作日报备。\n",
])
def test_definitions_outcome_rates_and_staff_leave_are_no_limits(tmp_path, text):
    assert drafted(tmp_path, text).slas == []


@pytest.mark.parametrize(("text", "value"), [
    # "整改到位" is a repair, not a revision of an older rule.
    ("第十二条 经检测水压不达标的，应在24小时内整改到位。\n", 24.0),
    # Under a 时限 column a duration in words ("检修前48小时…") is the limit.
    ("附件2 时限表\n| 序号 | 服务事项 | 办理时限 |\n|---|---|---|\n| 1 | 计划检修通知 | 检修前48小时短信告知 |\n", 48.0),
])
def test_limits_worded_as_repairs_or_lead_times(tmp_path, text, value):
    assert [s.value for s in drafted(tmp_path, text, "规范.txt").slas] == [value]


def test_quoted_forms_of_address_are_no_phrases(tmp_path):
    text = "## 二、在线文字规范\n\n- 不得使用“老铁”“家人们”等称呼。\n"
    assert drafted(tmp_path, text).forbidden_phrases == []


@pytest.mark.parametrize(("line", "money"), [
    ("第八条 私自向客户收取上门费的，罚款人民币三百元。", -300.0),
    ("第八条 全年无有效投诉的，奖励一千五百元。", 1500.0),
    ("第八条 伪造回访记录的，处两百元罚款。", -200.0),
])
def test_sums_in_chinese_numerals(tmp_path, line, money):
    assert [p.money for p in drafted(tmp_path, line + "\n", "规范.txt").points] == [money]


@pytest.mark.parametrize(("line", "points", "money"), [
    # The sum before the verb that fines ("按每单5元处罚"), the points per occurrence before the verb that docks.
    ("第九条 漏发短信通知的，按每单5元处罚。", None, -5.0),
    ("第九条 未核对收件地址的，按3分/次扣减。", -3.0, None),
    ("第九条 造成批量错发的，负激励800元。", None, -800.0),
])
def test_sums_and_points_written_before_their_verb(tmp_path, line, points, money):
    assert [(p.points, p.money) for p in drafted(tmp_path, line + "\n", "规范.txt").points] == [(points, money)]


def test_a_rows_fine_in_its_own_column_goes_with_the_rows_points(tmp_path):
    text = ("## 五、考核\n\n| 违规行为 | 扣分标准 | 经济处罚 |\n|---|---|---|\n"
            "| 向客户索要好评 | 扣4分/次，屡次发生的扣8分 | 罚款150元 |\n")
    assert [(p.points, p.money) for p in drafted(tmp_path, text).points] == [(-4.0, -150.0)]
