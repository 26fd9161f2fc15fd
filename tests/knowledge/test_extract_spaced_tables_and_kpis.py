"""Extraction on constructions of the eleventh blind dev set: a points table typed as text and aligned with runs of
spaces, points counted (计 / 记) under a points column, and rates without a window of their own that are KPIs."""
from __future__ import annotations

import pytest
from drafting import drafted

from knowledge.documents import read_document
from knowledge.pages import width


def aligned(rows: list[list[str]], pad: str = " ") -> list[str]:
    """Rows of cells padded with `pad` so that every column starts where it does in the other rows."""
    widths = [max(width(row[k]) for row in rows) + 4 for k in range(len(rows[0]))]
    return [("\t\t" + "".join(cell + pad * ((w - width(cell)) // width(pad)) for cell, w in zip(row, widths))).rstrip()
            for row in rows]


_SHEET = [["编号", "考核内容", "扣分"], ["1", "未核对燃气用户地址", "记2分"], ["2", "未提醒关闭总阀", "计1分"],
          ["3", "与用户争执", "扣五分"], ["4", "擅自承诺减免费用", "该项不得分"]]
_SHEET_WIDE = [["序", "考核内容", "扣分"], ["一", "未核对燃气用户地址", "记二分"], ["二", "未提醒关闭总阀", "计一分"],
               ["三", "与用户争执", "扣五分"], ["四", "擅自承诺减免费用", "该项不得分"]]


@pytest.mark.parametrize(("rows", "pad"), [(_SHEET, " "), (_SHEET_WIDE, "\u3000")])
def test_a_table_aligned_with_spaces_is_read_as_rows_not_headings(tmp_path, rows, pad):
    text = "\r\n".join(["一、考核", "\t（一）扣分表", "\t\t坐席有下列情形的，按下表扣分：", *aligned(rows, pad),
                        "\t（二）奖励", "\t\t1.收到用户表扬信的，每次加2分。"])
    book = drafted(tmp_path, text, "燃气热线考核.txt", "gb18030")
    assert sorted(p.points for p in book.points if p.points is not None) == [-5.0, -2.0, -1.0, 2.0]
    assert any(p.points is None and "减免费用" in p.text for p in book.points)
    assert {p.source.article for p in book.points} == {"一、考核 > （一）扣分表", "一、考核 > （二）奖励 > 1.收到用户表扬信的"}


def test_each_aligned_row_becomes_one_table_row(tmp_path):
    path = tmp_path / "表.txt"
    path.write_text("\n".join(aligned(_SHEET)), encoding="utf-8")
    assert read_document(path).text.split("\n")[:2] == ["编号 | 考核内容 | 扣分", "1 | 未核对燃气用户地址 | 记2分"]


@pytest.mark.parametrize("lines", [
    ["第一章\u3000总\u3000则", "第一条\u3000为规范供水热线服务，制定本办法。"],  # a spaced-out heading over an article
    ["编号：GS-KF-03\u3000\u3000版本：2.1\u3000\u3000状态：受控", "起草：客服部\u3000\u3000批准：总经理办公会\u3000\u3000日期：2026年5月"],
    ["坐席应使用普通话。  语速适中，吐字清楚。", "遇到方言用户时应放慢语速。  必要时请同事协助。"],
])
def test_lines_with_gaps_that_do_not_line_up_as_a_table_stay_text(tmp_path, lines):
    path = tmp_path / "办法.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert "|" not in read_document(path).text


@pytest.mark.parametrize("rate", ["维修及时率不低于97%", "工单办结率达到100%", "客户满意度不低于93%", "一次解决率不低于80%",
                                  "远程修复成功率不低于75%"])
@pytest.mark.parametrize("heading", ["（三）中心年度考核指标", "（三）班组目标"])
def test_a_rate_of_cases_done_set_as_a_target_is_no_service_level(tmp_path, rate, heading):
    book = drafted(tmp_path, f"二、服务要求\n（一）抢修人员应在40分钟内到达现场。\n{heading}\n{rate}。", "规范.txt")
    assert [(s.value, s.unit) for s in book.slas] == [(40.0, "minute")]


@pytest.mark.parametrize("rate", ["维修及时率不低于97%", "客户满意度不低于93%"])
def test_a_rate_of_cases_done_set_for_the_year_is_no_service_level(tmp_path, rate):
    book = drafted(tmp_path, f"二、服务要求\n（一）抢修人员应在40分钟内到达现场；全年{rate}。", "规范.txt")
    assert [(s.value, s.unit) for s in book.slas] == [(40.0, "minute")]


@pytest.mark.parametrize("rate", ["工单办结率达到100%", "投诉处理及时率不低于98%"])
def test_a_rate_of_cases_done_promised_among_the_limits_is_a_service_level(tmp_path, rate):
    book = drafted(tmp_path, f"二、服务承诺\n（一）抢修人员应在40分钟内到达现场，{rate}。", "规范.txt")
    assert sorted(s.unit for s in book.slas) == ["minute", "percent"]


@pytest.mark.parametrize(("text", "values"), [
    ("（二）人工来电接通率不低于90%。", [90.0]),
    ("（二）工作日人工接听率不低于93%，节假日不低于88%。", [93.0, 88.0]),
    ("（二）报修工单24小时办结率不低于95%。", [95.0]),
    ("（二）在线留言回复率达到100%。", [100.0]),
])
def test_a_rate_of_calls_answered_or_with_a_window_is_a_service_level(tmp_path, text, values):
    book = drafted(tmp_path, f"二、服务要求\n{text}", "规范.txt")
    assert sorted(s.value for s in book.slas if s.unit == "percent") == sorted(values)
