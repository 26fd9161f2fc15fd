"""HTML tables with spanning cells and glossaries read as plain lines."""
from __future__ import annotations

import pytest

from knowledge.markup import html_lines

TWO_HEADER_ROWS = """<table><thead>
<tr><th rowspan="2">类别</th><th rowspan="2">情形</th><th colspan="2">处罚</th></tr>
<tr><th>扣分</th><th>罚款</th></tr></thead><tbody>
<tr><td rowspan="2">理赔</td><td>未一次性告知所需材料</td><td>3</td><td>—</td></tr>
<tr><td>查勘超时</td><td>5</td><td>100元</td></tr>
<tr><td>服务</td><td>顶撞客户</td><td colspan="2">每次扣10分并通报</td></tr>
</tbody></table>"""


def test_header_rows_stacked_under_a_spanning_heading_become_one():
    rows = [line for line in html_lines(TWO_HEADER_ROWS) if "|" in line]
    assert rows[0] == "类别 | 情形 | 处罚 扣分 | 处罚 罚款"
    assert rows[1:3] == ["理赔 | 未一次性告知所需材料 | 3 | —", "理赔 | 查勘超时 | 5 | 100元"]


def test_a_spanning_data_cell_keeps_the_row_as_wide_as_the_header():
    rows = [line for line in html_lines(TWO_HEADER_ROWS) if "|" in line]
    assert rows[-1] == "服务 | 顶撞客户 | 每次扣10分并通报 | "
    assert len(rows[-1].split("|")) == len(rows[0].split("|"))


def test_a_caption_stays_first_and_is_no_header_row():
    html = ("<table><caption>表2 扣分标准</caption><tr><th>情形</th><th>扣分</th></tr>"
            "<tr><th>说明</th><th>单位</th></tr><tr><td>漏登工单</td><td>1</td></tr></table>")
    assert [line for line in html_lines(html) if line][:2] == ["表2 扣分标准", "情形 说明 | 扣分 单位"]


@pytest.mark.parametrize(("html", "lines"), [
    ("<dl><dt>工单</dt><dd>记录用户诉求及办理过程的电子单据。</dd><dt>回访</dt><dd>办结后致电用户了解满意度。</dd></dl>",
     ["工单：记录用户诉求及办理过程的电子单据。", "回访：办结后致电用户了解满意度。"]),
    ("<dl><dt>退保：</dt>\n<dd>投保人申请解除保险合同。</dd></dl>", ["退保：投保人申请解除保险合同。"]),
])
def test_a_glossary_entry_is_one_line(html, lines):
    assert [line.strip() for line in html_lines(html) if line.strip()] == lines


def test_an_faq_question_runs_on_into_its_answer():
    html = "<dl><dt>问：停水多久能恢复？</dt><dd>答：一般抢修在4小时内完成。</dd></dl>"
    assert [line for line in html_lines(html) if line] == ["问：停水多久能恢复？答：一般抢修在4小时内完成。"]
