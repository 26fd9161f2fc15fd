"""The review console's tables and reports: filters, Beijing-time history, per-file import results."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import get_settings
from core.workspace import create_workspace
from knowledge.ingest import IngestReport
from knowledge.review import add_phrase, set_status
from services import build_services
from ui.review_tab import entries, history_frame, import_report, review_frame
from ui.workspace_bar import remember, remembered


@pytest.fixture
def space(tmp_path):
    settings = get_settings().model_copy(update={"data_dir": tmp_path / "data"})
    create_workspace(settings, "centre-a", "甲中心")
    return build_services(settings).in_workspace("centre-a")


@pytest.mark.parametrize("phrase, suggestion", [("你自己看说明书", "我为您逐步讲解"), ("这事我管不了", "我帮您联系负责的同事")])
def test_added_phrase_is_listed_filtered_and_versioned(space, phrase, suggestion):
    add_phrase(space.workspace, phrase, suggestion, "王老师")
    found = entries(space, "已采用", "服务禁语", phrase[:3])
    frame = review_frame(found)
    assert frame["内容"].tolist() == [phrase] and frame["建议用语"].tolist() == [suggestion]
    assert entries(space, "待审核") == [] and entries(space, query="不存在的字") == []
    history = history_frame(space)
    assert history["培训师"].tolist() == ["王老师"] and "北京时间" in history["时间"][0]
    set_status(space.workspace, [found[0][1].id], "rejected", "李老师")
    assert history_frame(space)["培训师"].tolist() == ["李老师", "王老师"]
    assert entries(space, "已驳回")[0][1].text == phrase


def test_import_report_names_files_in_chinese_without_server_paths(tmp_path):
    upload = tmp_path / "upload" / "规范.xls"
    report = IngestReport(store="x", imported=["服务规范.docx"], chunks=4, drafts=2,
                          errors=[{"file": "规范.xls", "message": f"找不到文件 {upload}，请检查路径。"}])
    text = import_report(report, [upload])
    assert "服务规范.docx：已导入" in text and "规范.xls：未导入" in text and "2 条规则待审核" in text
    assert str(tmp_path) not in text and "=" not in text


def test_trainee_workspace_is_remembered(space):
    assert remembered(space, "张三") is None
    remember(space, "张三", "centre-a")
    assert remembered(space, "张三") == "centre-a"
