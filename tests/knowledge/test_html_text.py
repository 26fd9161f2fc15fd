"""A table that lays an HTML page out (an old government page in a one-column wrapper, a navigation column beside
the text) reads as the blocks in its cells, its data tables one " | " row a line; a data table stays one."""
from __future__ import annotations

import pytest

from knowledge.chunks import chunk_document
from knowledge.clean import clean_document
from knowledge.documents import read_document
from knowledge.html_text import html_lines

_LIMITS = ("<table border='1'><tr><th>事项</th><th>办理时限</th></tr>"
           "<tr><td>报修受理</td><td>30分钟内派单</td></tr><tr><td>供热投诉</td><td>3个工作日内答复</td></tr></table>")
_ARTICLES = ("<p><strong>第四条</strong>　坐席接到报修应当场登记。</p>"
             f"<p><strong>第五条</strong>　各类诉求按下表时限办理：</p>{_LIMITS}"
             "<p><strong>第六条</strong>　坐席不得以“这事归物业管”推诿用户。</p>")
_LINES = ["第四条 坐席接到报修应当场登记。", "第五条 各类诉求按下表时限办理：", "事项 | 办理时限",
          "报修受理 | 30分钟内派单", "供热投诉 | 3个工作日内答复", "第六条 坐席不得以“这事归物业管”推诿用户。"]

# The whole page in a one-column table: a banner row, the text row, a footer row.
_WRAPPED = ("<html><body><table width='960' align='center'><tr><td><div>桐溪热力 信息公开</div></td></tr>"
            "<tr><td class='content'><div class='title'>桐溪热力客服热线管理办法</div>"
            f"<p>第一章 总则</p>{_ARTICLES}</td></tr>"
            "<tr><td><div class='foot'>版权所有：桐溪热力<br>服务热线：0000-1234567</div></td></tr></table></body></html>")
# A navigation column beside the text, the text under a heading.
_TWO_COLUMNS = ("<table><tr><td class='side'><ul><li>首页</li><li>规章制度</li></ul></td>"
                f"<td><h2>桐溪热力客服热线管理办法</h2>{_ARTICLES}</td></tr></table>")


def _lines(html: str) -> list[str]:
    return [line.strip() for line in html_lines(html) if line.strip()]


@pytest.mark.parametrize("html", [_WRAPPED, _TWO_COLUMNS])
def test_a_layout_table_reads_as_the_page_it_frames(html):
    lines = _lines(html)
    start = lines.index(_LINES[0])
    assert lines[start:start + len(_LINES)] == _LINES
    assert "桐溪热力客服热线管理办法" in lines


def test_a_wrapper_rows_and_line_breaks_end_lines():
    lines = _lines(_WRAPPED)
    assert lines[:2] == ["桐溪热力 信息公开", "桐溪热力客服热线管理办法"]
    assert lines[-2:] == ["版权所有：桐溪热力", "服务热线：0000-1234567"]


def test_a_layout_table_inside_a_layout_table_is_read_through():
    lines = _lines(f"<table><tr><td>栏目导航</td><td>{_WRAPPED.removeprefix('<html><body>')}</td></tr></table>")
    assert "第五条 各类诉求按下表时限办理：" in lines and "报修受理 | 30分钟内派单" in lines


@pytest.mark.parametrize(("html", "lines"), [
    # A table of articles whose text cells hold paragraphs.
    ("<table><tr><th>条款</th><th>内容</th></tr><tr><td>第七条</td><td><p>坐席应使用文明用语：</p>"
     "<p>（一）接听：“您好，请讲。”</p></td></tr></table>",
     ["条款 | 内容", "第七条 | 坐席应使用文明用语： （一）接听：“您好，请讲。”"]),
    # A points column listing its rules.
    ("<table><tr><th>项目</th><th>扣分</th></tr><tr><td>服务态度</td><td><ul><li>抢话扣2分</li><li>反问用户扣3分</li>"
     "</ul></td></tr></table>", ["项目 | 扣分", "服务态度 | 抢话扣2分；反问用户扣3分"]),
    # A small table alone in a data table's cell stays in that cell.
    ("<table><tr><th>类别</th><th>时限</th></tr><tr><td>停暖</td><td><table><tr><td>通知</td><td>提前24小时</td></tr>"
     "</table></td></tr></table>", ["类别 | 时限", "停暖 | 通知 | 提前24小时"]),
    # A one-column table of short text is a list of rows, as before.
    ("<table><tr><th>服务忌语</th></tr><tr><td>不归我管</td></tr><tr><td>自己看通知</td></tr></table>",
     ["服务忌语", "不归我管", "自己看通知"]),
])
def test_a_data_table_stays_a_table(html, lines):
    assert _lines(html) == lines


def test_a_wrapped_article_files_its_own_table(tmp_path):
    path = tmp_path / "办法.html"
    path.write_text(_WRAPPED, encoding="utf-8")
    chunks = chunk_document(clean_document(read_document(path).text, path.name))
    assert {c.article.split(" > ")[-1][:3] for c in chunks if "30分钟内派单" in c.text} == {"第五条"}
    assert {c.article.split(" > ")[-1][:3] for c in chunks if "归物业管" in c.text} == {"第六条"}


@pytest.mark.parametrize("crumbs", [
    '<p class="crumb">首页 &gt; 规章制度 &gt; 客服管理 &gt; 热线服务规范</p>',
    '<ol class="breadcrumb"><li><a href="/">首页</a></li><li><a href="/rules">规章制度</a></li><li>热线服务规范</li></ol>',
    '<div id="site-breadcrumbs">您的位置：<a href="/">首页</a> » 制度文件</div>',
])
def test_a_breadcrumb_trail_is_navigation_not_text(crumbs):
    lines = [line for line in html_lines(f"<body>{crumbs}<h1>热线服务规范</h1><p>第一条 坐席应在15秒内接听。</p></body>")
             if line.strip()]
    assert lines == ["热线服务规范", "第一条 坐席应在15秒内接听。"]
