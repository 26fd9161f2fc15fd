"""Articles held in a two-column table ("条款 | 内容", one 第X条 a row) read as the prose they are; and limits worded
as a wait that sets off a duty, a role named after study, an appeal to a department named after the customer,
a note retelling a limit, a duration under a yearly target label."""
from __future__ import annotations

import docx
import pytest

from knowledge.chunks import chunk_document
from knowledge.clean import clean_document
from knowledge.documents import read_document
from knowledge.rulebook_extract import extract_rulebook
from knowledge.tables import format_tables

_ROWS = [
    ("第一条", "为规范燃气抢修热线的受理工作，制定本办法。"),
    ("第二条", "坐席应使用下列规范用语：\n（一）问候：“您好，安和燃气抢修热线，请讲。”\n（二）道别：“感谢您的来电，祝您生活愉快。”"),
    ("第三条", "坐席严禁使用下列服务忌语：“没气了找别人去。”燃气泄漏报修，抢修人员应在20分钟内到场。"),
]


def _cleaned(tmp_path, name: str, text: str | None = None):
    if name.endswith(".docx"):
        document = docx.Document()
        document.add_paragraph("第一章 总则")
        table = document.add_table(rows=len(_ROWS) + 1, cols=2)
        for r, row in enumerate([("条款", "内容"), *_ROWS]):
            table.cell(r, 0).text = row[0]
            cell = table.cell(r, 1)
            first, *rest = row[1].split("\n")
            cell.text = first
            for paragraph in rest:
                cell.add_paragraph(paragraph)
        document.add_paragraph("表1 抢修到场时限")
        limits = document.add_table(rows=2, cols=2)
        for r, row in enumerate([("报修类别", "到场时限"), ("燃气泄漏", "20分钟内")]):
            for c, text in enumerate(row):
                limits.cell(r, c).text = text
        path = tmp_path / name
        document.save(path)
    else:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
    return clean_document(read_document(path).text, name)


def _markdown() -> str:
    rows = "\n".join(f"| {number} | {text.replace(chr(10), '<br>')} |" for number, text in _ROWS)
    return f"## 第一章 总则\n\n| 条款 | 内容 |\n|---|---|\n{rows}\n\n表1 抢修到场时限\n\n| 报修类别 | 到场时限 |\n|---|---|\n| 燃气泄漏 | 20分钟内 |\n"


def _html() -> str:
    rows = "".join(f"<tr><td>{number}</td><td>{''.join(f'<p>{p}</p>' for p in text.split(chr(10)))}</td></tr>"
                   for number, text in _ROWS)
    return ("<html><body><h2>第一章 总则</h2><table><tr><th>条款</th><th>内容</th></tr>" + rows + "</table>"
            "<p>表1 抢修到场时限</p><table><tr><th>报修类别</th><th>到场时限</th></tr>"
            "<tr><td>燃气泄漏</td><td>20分钟内</td></tr></table></body></html>")


@pytest.mark.parametrize("name", ["办法.docx", "办法.md", "办法.html"])
def test_article_rows_of_a_table_are_articles(tmp_path, name):
    doc = _cleaned(tmp_path, name, _html() if name.endswith(".html") else _markdown())
    lines = doc.text.split("\n")
    assert "条款 | 内容" not in lines
    assert "第二条 坐席应使用下列规范用语：" in lines
    assert "（二）道别：“感谢您的来电，祝您生活愉快。”" in lines
    book = extract_rulebook([doc])
    assert [(e.text.rstrip("。"), e.source.article.split(" > ")[-1]) for e in book.forbidden_phrases] == [
        ("没气了找别人去", "第三条")]
    assert {(e.text, e.scenario) for e in book.scenario_phrases} == {
        ("您好，安和燃气抢修热线，请讲。", "greeting"), ("感谢您的来电，祝您生活愉快。", "closing")}
    # The caption and table after the last article row belong to that article.
    assert {c.article.split(" > ")[1] for c in chunk_document(doc) if "燃气泄漏" in c.text} == {"第三条"}


def test_a_two_cell_row_keyed_by_a_new_article_is_that_article():
    assert format_tables(["条目 | 条文", "第1条 | 本细则适用于售后热线。"])[0] == ["第1条 本细则适用于售后热线。"]


@pytest.mark.parametrize("lines", [
    # A three-column sheet citing articles stays a table.
    ["序号 | 条款 | 扣分", "1 | 第五条 | 扣2分"],
    # A row naming an article the prose already stated refers to it.
    ["第五条 坐席不得使用服务忌语。", "违反条款 | 处理", "第五条 | 扣2分"],
])
def test_rows_that_cite_articles_stay_table_rows(lines):
    assert format_tables(lines)[0] == lines


def _slas(tmp_path, text: str, name: str = "规范.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    book = extract_rulebook([clean_document(read_document(path).text, name)])
    return [(s.value, s.unit) for s in book.slas]


@pytest.mark.parametrize("sentence, kept", [
    ("来电排队超过45秒的，系统须转入留言回拨。", [(45.0, "second")]),
    ("用户在线等待超过3分钟的，平台应推送排队进度。", [(3.0, "minute")]),
    # Owed once the call is answered, or after a failure: a condition.
    ("客户排队等候超过1分钟的，接通后坐席应先致歉。", []),
    ("转接超过40秒仍未接通的，应回到通话中说明情况。", []),
    # The duty states a limit of its own: only that one is promised.
    ("用户等待超过10分钟的，客服应在5分钟内回电。", [(5.0, "minute")]),
])
def test_a_wait_that_sets_off_a_duty_at_once_is_a_limit(tmp_path, sentence, kept):
    assert _slas(tmp_path, f"第四条 接听\n{sentence}\n") == kept


@pytest.mark.parametrize("role", ["学习顾问", "课程学习顾问"])
def test_a_role_named_after_study_serves_the_learner(tmp_path, role):
    text = f"第六条 转班\n学员申请转班后，{role}应在2个工作日内电话确认。\n"
    assert _slas(tmp_path, text) == [(2.0, "working_day")]


@pytest.mark.parametrize("department", ["客户服务部", "用户运营中心"])
def test_an_appeal_to_a_department_named_after_the_customer_is_the_teams(tmp_path, department):
    text = (f"第九条 申诉\n坐席对质检结果有异议的，可在3日内向{department}申诉，{department}在5个工作日内答复。\n"
            "第十条 回访\n投诉办结后，客服应在2日内回访客户。\n")
    assert _slas(tmp_path, text) == [(2.0, "day")]


@pytest.mark.parametrize("sentence", [
    "客户对投诉处理结果有异议的，可申请复核，中心在5个工作日内答复。",
    "用户投诉处理结果有异议的，可申请复核，平台应在5个工作日内答复。",
])
def test_a_customers_appeal_keeps_its_review_limit(tmp_path, sentence):
    # "客户对投诉处…" names a customer, not a department (处) named after one.
    assert _slas(tmp_path, f"第九条 复核\n{sentence}\n") == [(5.0, "working_day")]


@pytest.mark.parametrize("mark", ["注", "备注", "说明"])
def test_a_note_retelling_a_limit_adds_none(tmp_path, mark):
    text = (f"## 第七条 回访\n\n1. 售后工单应在2个工作日内回访用户。\n\n"
            f"> {mark}：售后工单的回访时限为2个工作日，遇节假日顺延。\n")
    assert _slas(tmp_path, text, "规范.md") == [(2.0, "working_day")]


@pytest.mark.parametrize("label", ["年度目标：", "中心全年指标：", "季度目标：", "2027年服务目标：", "2026年度热线指标："])
def test_a_duration_under_a_yearly_target_label_is_no_sla(tmp_path, label):
    text = f"第三条 目标\n{label}平均抢修时长不超过3小时，满意率不低于95%。\n第四条 回电\n坐席应在15分钟内回电用户。\n"
    assert _slas(tmp_path, text) == [(15.0, "minute")]


@pytest.mark.parametrize("handoff", ["营业网点应在3个工作日内将核查结果反馈热线组。",
                                     "二线技术支持应在4小时内将排查结论回复坐席。",
                                     "相关科室须在1个工作日内把处理意见报送客服中心。"])
def test_work_handed_back_to_the_team_is_no_sla(tmp_path, handoff):
    text = f"第五条 转办\n需转其他部门办理的，{handoff}\n第六条 回电\n坐席应在2小时内回电客户告知结果。\n"
    assert _slas(tmp_path, text) == [(2.0, "hour")]


def test_an_answer_to_the_callers_message_stays_an_sla(tmp_path):
    text = "第五条 留言\n热线组应在24小时内回复客户留言。\n"
    assert _slas(tmp_path, text) == [(24.0, "hour")]
