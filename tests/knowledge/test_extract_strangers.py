"""Extraction on wordings of regulations written by people who never saw kefu: forbidden phrases in running
prose, in corner brackets, after "如：" and with a reason after a dash; clock deadlines with a channel; and
PDFs with a numbered running footer and a scoring grid set in two halves side by side."""
from __future__ import annotations

import pytest
from reportlab.pdfgen import canvas

from knowledge.clean import clean_document
from knowledge.documents import read_document
from knowledge.rulebook_extract import extract_rulebook
from pdfs import FONT
from drafting import drafted as drafted_as


def drafted_file(tmp_path, name: str, text: str):
    return drafted_as(tmp_path, text, name)


def forbidden(tmp_path, text: str, name: str = "规范.txt") -> set[str]:
    return {e.text for e in drafted_file(tmp_path, name, text).forbidden_phrases}


@pytest.mark.parametrize(("line", "expected"), [
    ("第九条 严禁对用户说『停水又不是我们想的』、『水表走得快是你家漏水』等话语。",
     {"停水又不是我们想的", "水表走得快是你家漏水"}),
    ("第四条 座席不得使用「退货找快递去」「超过七天谁也没办法」之类的说法。",
     {"退货找快递去", "超过七天谁也没办法"}),
])
def test_phrases_in_corner_brackets_are_quotes(tmp_path, line, expected):
    assert forbidden(tmp_path, f"第二章 服务规范\n{line}") == expected


def test_corner_brackets_inside_a_quote_stay_part_of_it(tmp_path):
    text = "第三章 服务用语\n第五条 查询订单时应说：“请您在「我的订单」页面查看物流信息。”"
    lines = {e.text for e in drafted_file(tmp_path, "规范.txt", text).scenario_phrases}
    assert lines == {"请您在「我的订单」页面查看物流信息。"}


@pytest.mark.parametrize(("line", "expected"), [
    # The first cue of the article prescribes nothing; each sentence's own cue forbids its quotes.
    ("第十二条 座席应当耐心解答。不得以“系统升级了，我查不到”“这个要问网点”等说法推诿用户。",
     {"系统升级了，我查不到", "这个要问网点"}),
    ("第八条 通话中禁止出现“你自己看说明书”“早干什么去了”等语句。", {"你自己看说明书", "早干什么去了"}),
    # 说法 names the wording just quoted; the quote after it is forbidden too.
    ("第六条 严禁以“规定就是这样”等说法搪塞，也不得说“爱办不办”。", {"规定就是这样", "爱办不办"}),
    # A forbidden tone and its examples: the verb after the tone (答复, 回应) does not make them lines to say.
    ("第十一条 不得以嘲讽语气答复旅客，包括但不限于“坐不起就别坐”“晚点又不是我们的错”。",
     {"坐不起就别坐", "晚点又不是我们的错"}),
    ("第五条 严禁以命令口吻回应业主，例如“赶紧把钱交了”“明天之前搬走”。", {"赶紧把钱交了", "明天之前搬走"}),
])
def test_prose_that_forbids_wording(tmp_path, line, expected):
    assert forbidden(tmp_path, f"第二章 服务纪律\n{line}") == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("第七条 下列说法一律不得使用，如：你听我说完、说了你也不懂、爱买不买，以及“投诉也没用”。",
     {"你听我说完", "说了你也不懂", "爱买不买", "投诉也没用"}),
    ("3. 以下话语严禁使用，例如：这不归我们管、明天再打吧。", {"这不归我们管", "明天再打吧"}),
    # Kinds named before their quoted examples are no phrases.
    ("第八条 常见的服务忌语有：敷衍的，如“等通知吧”“再说吧”；指责用户的，比如“你怎么不早说”。",
     {"等通知吧", "再说吧", "你怎么不早说"}),
])
def test_an_unquoted_list_after_ru(tmp_path, line, expected):
    assert forbidden(tmp_path, f"二、坐席行为规范\n{line}") == expected


@pytest.mark.parametrize(("item", "expected"), [
    ("1. 你自己不会看吗 —— 指责客户，缺乏耐心", "你自己不会看吗"),
    ("2. 《退货找快递去》—— 推诿", "退货找快递去"),
    ("3. 这个我管不了——推卸责任，让客户来回奔波", "这个我管不了"),
    ("4. 【我又不是故意的】 -- 不道歉反而辩解", "我又不是故意的"),
    ("5. 你自己看着办（把问题推回给客户，不提供任何方案）", "你自己看着办"),
])
def test_a_listed_phrase_loses_the_reason_after_a_dash(tmp_path, item, expected):
    text = f"五、服务禁语\n以下用语不得使用，破折号后为原因：\n{item}\n六、附则"
    assert forbidden(tmp_path, text) == {expected}


@pytest.mark.parametrize(("line", "value"), [
    ("（二）账单寄出后，应于还款日前一天18:00前短信提醒持卡人。", 18.0),
    ("3. 当日受理的报修，次日10:00前电话回访用户。", 10.0),
])
def test_a_clock_deadline_with_its_channel(tmp_path, line, value):
    slas = drafted_file(tmp_path, "规范.txt", f"二、服务时限\n{line}").slas
    assert [(s.value, s.unit) for s in slas] == [(value, "clock")]


def _grid_pdf(path, rows: list[list[str]], widths: list[int], footer: str) -> None:
    """Three pages with a running header and a numbered footer; the last holds a drawn grid."""
    sheet = canvas.Canvas(str(path))
    body = [["第一条 为规范营业厅预约热线服务，制定本办法。", "第二条 预约来电应在20秒内接听。"],
            ["第三条 客户提交的改约申请，应在2个工作日内回复。"], ["第四条 考核扣分与加分见下表："]]
    for number, lines in enumerate(body, 1):
        sheet.setFont(FONT, 9)
        sheet.drawString(60, 806, "某某燃气公司客户服务中心　内部资料")
        sheet.drawString(250, 30, footer.format(number))
        sheet.setFont(FONT, 11)
        y = 770
        for line in lines:
            sheet.drawString(60, y, line)
            y -= 18
        if number == len(body):
            for row in rows:
                x = 60
                for cell, width in zip(row, widths):
                    sheet.drawString(x + 3, y, cell)
                    x += width
                y -= 20
            sheet.drawString(60, y, "第五条 本办法自发布之日起施行。")
        sheet.showPage()
    sheet.save()


@pytest.mark.parametrize("footer", ["第 {} 页　某某燃气公司印发", "— {} —　客户服务中心"])
def test_a_pdf_grid_in_two_halves_and_a_numbered_footer(tmp_path, footer):
    path = tmp_path / "预约热线考核办法.pdf"
    rows = [["扣分情形", "分值", "加分情形", "分值"], ["未按约上门", "-4", "客户书面表扬", "+2"],
            ["抄表数据错误", "-3", "", ""]]
    _grid_pdf(path, rows, [150, 50, 150, 50], footer)
    text = read_document(path).text
    assert "印发" not in text and "客户服务中心\n" not in text and "内部资料" not in text
    assert "扣分情形 | 分值 | 加分情形 | 分值" in text
    doc = clean_document(text, path.name)
    rulebook = extract_rulebook([doc])
    found = {(p.text.split("，")[0], p.points) for p in rulebook.points}
    assert found == {("未按约上门", -4.0), ("客户书面表扬", 2.0), ("抄表数据错误", -3.0)}
    assert all(p.evidence in doc.text for p in rulebook.points)
    assert all("第四条" in p.source.article for p in rulebook.points)
    assert {s.value for s in rulebook.slas} == {20.0, 2.0}


def test_a_markdown_table_in_two_halves(tmp_path):
    text = ("## 四、考核\n\n| 扣分项目 | 分值 | 奖励项目 | 分值 |\n|---|---|---|---|\n"
            "| 漏登工单 | -2 | 获得锦旗 | +5 |\n| 泄露客户信息 | -20 | | |\n")
    found = {(p.points, p.kind) for p in drafted_file(tmp_path, "手册.md", text).points}
    assert found == {(-2.0, "deduction"), (5.0, "bonus"), (-20.0, "deduction")}


@pytest.mark.parametrize("pieces", [[(60, "第一章"), (200, "总　则")], [(60, "附件2"), (300, "客户回访记录")]])
def test_a_line_printed_in_two_pieces_is_no_grid(tmp_path, pieces):
    path = tmp_path / "物业客服规范.pdf"
    sheet = canvas.Canvas(str(path))
    sheet.setFont(FONT, 11)
    for x, text in pieces:
        sheet.drawString(x, 770, text)
    sheet.drawString(60, 750, "第一条 业主报修后，客服应在30分钟内派单。")
    sheet.save()
    text = read_document(path).text
    assert "|" not in text and all(t in text for _, t in pieces)
    assert text.endswith("\n第一条 业主报修后，客服应在30分钟内派单。")


def test_a_wrapped_cell_of_a_pdf_grid_joins_its_row(tmp_path):
    path = tmp_path / "燃气热线评分表.pdf"
    rows = [["序号", "扣分情形", "扣分"], ["1", "答应回电", "3分/次"], ["", "事后未回电", ""], ["2", "漏登工单", "2分/次"]]
    _grid_pdf(path, rows, [40, 200, 80], "第 {} 页")
    text = read_document(path).text
    assert "1 | 答应回电事后未回电 | 3分/次" in text and "2 | 漏登工单 | 2分/次" in text


@pytest.mark.parametrize("header", ["不当表述 | 建议说法", "错误说法 | 正确说法", "不规范表述 | 规范用语"])
def test_a_column_of_wrong_wording_is_forbidden(tmp_path, header):
    text = ("第四章 服务用语\n第十条 常见表述对照如下：\n序号 | " + header +
            "\n1 | 你这卡被冻了我也没招 | 很抱歉，我马上为您查询冻结原因\n2 | 网点的事我们管不着 | 我帮您联系网点核实\n")
    entries = drafted_file(tmp_path, "规范.txt", text).forbidden_phrases
    assert {e.text for e in entries} == {"你这卡被冻了我也没招", "网点的事我们管不着"}
    assert all(e.suggestion for e in entries)
