"""Extraction on constructions of the fifteenth blind dev set: a page number under a PDF's running header, two
columns aligned by hand under a row naming them, a resolution-time column, and a signed figure between 按 and 计."""
from __future__ import annotations

import pytest
from drafting import drafted
from pdfs import write_pdf

from knowledge.documents import read_document

PAGES = [["1", "第一条 为规范热线服务，制定本规范。"], ["2", "第二条 来电应在15秒内接听。"], ["3", "第三条 本规范自发布之日起施行。"]]


def test_a_page_number_under_the_running_header_is_dropped(tmp_path):
    path = tmp_path / "热线规范.pdf"
    write_pdf(path, PAGES, header="Q/ABC 101—2027", numbered=False)
    assert read_document(path).text.split("\n") == [page[1] for page in PAGES]


TWO_COLUMNS = ("3.2 坐席不应使用下列禁用语，应改用右列的替代用语：\n"
               "禁用语                        替代用语\n"
               "这个我不清楚，你问营业厅。  我帮您联系营业厅核实。\n"
               "你听我说完行不行？              您请讲，我在听。\n"
               "卡丢了是你自己的事。            我马上帮您办理挂失。\n"
               "3.3 坐席应使用普通话。\n")


def test_two_columns_aligned_by_hand_under_their_names_are_a_table(tmp_path):
    book = drafted(tmp_path, TWO_COLUMNS, "规范.txt")
    assert [(e.text, e.suggestion) for e in book.forbidden_phrases] == [
        ("这个我不清楚，你问营业厅", "我帮您联系营业厅核实"), ("你听我说完行不行？", "您请讲，我在听"),
        ("卡丢了是你自己的事", "我马上帮您办理挂失")]


def test_two_lines_of_prose_with_wide_gaps_stay_prose(tmp_path):
    text = "第五条  坐席应当  热情服务。\n第六条  来电应在20秒内接听。\n第七条  本规范自发布之日起施行。\n"
    assert [e.value for e in drafted(tmp_path, text, "规范.txt").slas] == [20]


@pytest.mark.parametrize("column", ["解决时间", "修复时间", "上门时间"])
def test_each_limit_column_of_a_severity_table_states_a_limit(tmp_path, column):
    text = f"## 4 服务时限\n\n| 级别 | 响应时间 | {column} |\n|---|---|---|\n| 一级 | 30分钟 | 8小时 |\n| 二级 | 2小时 | 3个工作日 |\n"
    assert sorted((e.value, e.unit) for e in drafted(tmp_path, text).slas) == [
        (2, "hour"), (3, "working_day"), (8, "hour"), (30, "minute")]


@pytest.mark.parametrize(("item", "points"), [("报修地址登记错误的，按“−2”计。", -2), ("获得书面表扬的，按“+3”记。", 3)])
def test_a_signed_figure_between_an_and_ji_is_points(tmp_path, item, points):
    assert [e.points for e in drafted(tmp_path, f"五、考核\n1. {item}\n", "规范.txt").points] == [points]
