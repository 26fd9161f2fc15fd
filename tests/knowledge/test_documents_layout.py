"""Layout left in a document's text: page numbers on lines of their own, lines a PDF's layout wrapped."""
from __future__ import annotations

import docx
import pytest

from knowledge.documents import read_document
from pdfs import write_page, write_pdf


@pytest.mark.parametrize("page_line", ["第 2 页 共 5 页", "- 3 -", "—— 第 4 页 ——", "第7页"])
@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_page_number_on_a_line_of_its_own_is_dropped(tmp_path, page_line, encoding):
    lines = ["第八条 自来水抢修应在4小时内恢复供水。", page_line, "第九条 水费账单有误的，3个工作日内更正。"]
    path = tmp_path / "供水服务规范.txt"
    path.write_bytes("\r\n".join(lines).encode(encoding))
    assert read_document(path).text.split("\n") == [lines[0], lines[2]]


@pytest.mark.parametrize("line", ["3", "第3页所列表格按附件执行。", "—— 分隔 ——"])
def test_numbers_and_sentences_that_mention_pages_stay(tmp_path, line):
    path = tmp_path / "规范.txt"
    path.write_text(f"第一条 总则。\n{line}\n第二条 附则。", encoding="utf-8")
    assert line in read_document(path).text.split("\n")


WRAPPED = [
    "第五条 报修时限",
    "1) 用户报修后，维修人员应在城区2小时内、郊区4小时内到达现场，偏远山区不超过",
    "6小时；",
    "2) 预约上门的，维修人员应提前30分钟电话告知用户，因故不能按约定时间上门的须",
    "提前与用户另约时间。",
    "3) 维修完成后，应在24小时内回访用户，了解维修质量和服务态度是否满意，并做好记录",
    "4) 回访不满意的，班组长应在1个工作日内再次上门处理。",
]


def test_a_line_the_pdf_layout_wrapped_is_joined_back(tmp_path):
    path = tmp_path / "家电维修服务规范.pdf"
    write_page(path, WRAPPED)
    lines = read_document(path).text.split("\n")
    assert lines == [
        "第五条 报修时限",
        "1) 用户报修后，维修人员应在城区2小时内、郊区4小时内到达现场，偏远山区不超过6小时；",
        "2) 预约上门的，维修人员应提前30分钟电话告知用户，因故不能按约定时间上门的须提前与用户另约时间。",
        # A full line that ends without a stop but is followed by the next item is no wrap.
        WRAPPED[5],
        WRAPPED[6],
    ]


def test_short_lines_of_a_pdf_are_never_joined(tmp_path):
    cells = ["序号", "考核内容", "分值", "1", "开头语规范", "10", "2", "业务解答准确", "30", "本表由质检组填写。"]
    path = tmp_path / "评分表.pdf"
    write_page(path, ["附表 座席服务评分表（满分一百分，按单通录音逐项评定）", *cells])
    assert read_document(path).text.split("\n")[1:] == cells


# An article broken by a page break: the running header and the page footer sit between its two halves.
BROKEN = [
    ["第六条 服务时效", "第七条 燃气泄漏报警后，抢修人员应在城区30分钟内、郊区60分钟内到达现场，到场后须"],
    ["先关闭气源并开窗通风。", "第八条 用户对燃气费账单有异议的，应在五个工作日内给出核查结果。"],
    ["第九条 本规范由客户服务部负责解释。"],
]


def test_an_article_broken_across_a_page_break_is_one_line(tmp_path):
    path = tmp_path / "燃气服务规范.pdf"
    write_pdf(path, BROKEN, header="某某燃气有限公司 客户服务规范")
    lines = read_document(path).text.split("\n")
    assert lines == [BROKEN[0][0], BROKEN[0][1] + BROKEN[1][0], BROKEN[1][1], BROKEN[2][0]]


@pytest.mark.parametrize(("caption", "banner", "lines"), [
    # The merged title row repeats the caption: it is dropped, so it never reads as a heading.
    ("表3 投诉处理考核细则", "考核细则", ["表3 投诉处理考核细则"]),
    ("附表 座席服务评分表", "座席服务评分表", ["附表 座席服务评分表"]),
    # A title row the caption does not repeat is kept.
    ("表2 话务质量评分", "2026年第一季度适用", ["表2 话务质量评分", "2026年第一季度适用"]),
])
def test_a_docx_title_row_merged_across_the_table(tmp_path, caption, banner, lines):
    document = docx.Document()
    document.add_paragraph(caption)
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = banner
    for r, row in enumerate([["项目", "内容", "扣分"], ["服务态度", "与客户争吵", "扣5分"]], 1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "评分.docx"
    document.save(path)
    assert read_document(path).text.split("\n") == [*lines, "项目 | 内容 | 扣分", "服务态度 | 与客户争吵 | 扣5分"]
