"""The trainer's sessions table and the one click from a row to its transcript and scorecard."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from core.records import GradeRecord, Records
from knowledge.rulebook import load_rulebook
from simulator.persona import load_personas
from ui.messages import NO_SUCH_SESSION, InputError
from ui.trainer import open_row, sessions_table

TURNS = [("customer", "我的退款都一个星期了还没到账！"), ("agent", "非常抱歉让您久等了，请问您贵姓？我马上为您查询。")]


@pytest.fixture
def services(tmp_path):
    records = Records(tmp_path / "kefu.sqlite3")
    sid = records.start_session("刘学员", "angry", "已删除的场景", seed=3)
    for role, text in TURNS:
        records.add_turn(sid, role, text)
    records.finish_session(sid, "resolved", GradeRecord(score=88, subscores={"language": 100}, findings=[],
                                                        summary="得分88（良好）"))
    return SimpleNamespace(records=records, rulebook=load_rulebook(), personas=load_personas(), sim_scenarios={})


def test_the_table_reads_in_chinese_with_beijing_time(services):
    row = sessions_table(services, None).iloc[0]
    assert row["客户类型"] == load_personas()["angry"].name and row["场景"] == "其他场景"
    assert row["结果"] == "已解决" and "北京时间" in row["开始时间"] and row["得分"] == 88


@pytest.mark.parametrize("cell", [1, "1", 1.0])
def test_a_row_click_gives_its_number_transcript_and_scorecard(services, cell):
    number, detail = open_row(services, True, [cell, "刘学员"])
    assert number == 1 and all(text in detail for _, text in TURNS) and "评分：88" in detail


@pytest.mark.parametrize("row", [None, [], [None], [999]])
def test_a_row_without_a_session_is_a_chinese_warning(services, row):
    with pytest.raises(InputError, match=re.escape(NO_SUCH_SESSION)):
        open_row(services, True, row)


def test_a_row_click_needs_the_trainer_login(services):
    with pytest.raises(InputError, match="登录"):
        open_row(services, False, [1])
