"""Tables drawn or flattened in plain text come back as one " | " row per line."""
from __future__ import annotations

import pytest

from knowledge.tables import format_tables

ASCII_WRAPPED = [
    "+----+------------------------+--------+",
    "| 项 | 违规情形               | 扣分   |",
    "+----+------------------------+--------+",
    "| 1  | 未核对旅客证件即改签   | 3分/次 |",
    "| 2  | 未经旅客同意擅自退票， | 5分/次 |",
    "|    | 造成旅客损失           |        |",
    "+----+------------------------+--------+",
]
BOX_WRAPPED = [
    "┌──┬──────────┬───┐",
    "│号│情形      │分值│",
    "├──┼──────────┼───┤",
    "│1 │抄表数据录入│2  │",
    "│  │错误        │   │",
    "│2 │未按时回访  │1  │",
    "└──┴──────────┴───┘",
]
RULED_EVERY_ROW = [
    "+------+------------------+",
    "| 类别 | 要求             |",
    "+------+------------------+",
    "| 挂号 | 预约成功后须短信 |",
    "| 服务 | 通知患者         |",
    "+------+------------------+",
    "| 退费 | 3个工作日内退回  |",
    "+------+------------------+",
    "| 投诉 | 1个工作日内回复  |",
    "+------+------------------+",
]


@pytest.mark.parametrize(("lines", "rows"), [
    (ASCII_WRAPPED, ["项 | 违规情形 | 扣分", "1 | 未核对旅客证件即改签 | 3分/次",
                     "2 | 未经旅客同意擅自退票，造成旅客损失 | 5分/次"]),
    (BOX_WRAPPED, ["号 | 情形 | 分值", "1 | 抄表数据录入错误 | 2", "2 | 未按时回访 | 1"]),
    (RULED_EVERY_ROW, ["类别 | 要求", "挂号服务 | 预约成功后须短信通知患者", "退费 | 3个工作日内退回", "投诉 | 1个工作日内回复"]),
], ids=["ascii", "box", "ruled"])
def test_a_text_grid_becomes_one_line_per_row_with_wrapped_cells_joined(lines, rows):
    out, count = format_tables(["第6条 质检扣分见下表：", *lines, "第7条 本细则自发布之日起施行。"])
    assert out == ["第6条 质检扣分见下表：", *rows, "第7条 本细则自发布之日起施行。"]
    assert count == len(rows)


def test_a_row_merged_with_the_one_above_stays_a_row():
    # The category cell is left empty under a merged cell, but the row fills every other column.
    lines = ["+------+----------------+------+", "| 类别 | 情形           | 扣分 |",
             "+------+----------------+------+", "| 派件 | 未电话联系收件人 | 2    |",
             "|      | 虚假签收       | 10   |", "+------+----------------+------+"]
    out, _ = format_tables(lines)
    assert out == ["类别 | 情形 | 扣分", "派件 | 未电话联系收件人 | 2", " | 虚假签收 | 10"]


@pytest.mark.parametrize(("lines", "rows"), [
    (["序号", "项目", "分值", "扣分标准", "1", "开头语", "2", "未使用扣2分", "2", "核实身份", "10", "未核实扣10分"],
     ["序号 | 项目 | 分值 | 扣分标准", "1 | 开头语 | 2 | 未使用扣2分", "2 | 核实身份 | 10 | 未核实扣10分"]),
    (["序号", "考核内容", "扣分", "1", "理赔材料一次性告知", "3", "2", "查勘超时", "5", "附加项", "获客户表扬", "加2分"],
     ["序号 | 考核内容 | 扣分", "1 | 理赔材料一次性告知 | 3", "2 | 查勘超时 | 5", "附加项 | 获客户表扬 | 加2分"]),
], ids=["score-equal-to-row-number", "unnumbered-last-row"])
def test_a_table_flattened_to_one_cell_per_line_is_rebuilt(lines, rows):
    out, _ = format_tables(["附表 评分表", *lines, "三、其他事项"])
    assert out == ["附表 评分表", *rows, "三、其他事项"]


@pytest.mark.parametrize("lines", [
    ["第5条 客服人员应使用普通话。", "| 这是一句带竖线的说明 |"],
    ["序号", "1", "未接来电回拨"],
])
def test_lines_that_only_look_like_tables_are_left_alone(lines):
    assert format_tables(lines)[0] == lines
