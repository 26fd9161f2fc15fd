"""Reviewing a workspace's rulebook: statuses, edits, the centre's own phrases, versions and revert."""
import pytest

from core.settings import Settings
from core.workspace import DEMO, Workspace, create_workspace
from knowledge.review import (ReviewError, add_phrase, approved, edit_entry, history, load_workspace_rulebook,
                              merge_draft, revert, set_status)
from knowledge.rulebook import ForbiddenPhrase, Rulebook, RuleSource, Sla

SOURCE = RuleSource(file="银行卡中心热线规范.docx", article="第五章 服务用语 > 第十二条")


def draft(*phrases: str) -> Rulebook:
    return Rulebook(
        forbidden_phrases=[ForbiddenPhrase(id=f"fp-{i:02d}", text=t, source=SOURCE, status="draft", evidence=f"严禁使用“{t}”")
                           for i, t in enumerate(phrases, 1)],
        slas=[Sla(id="sla-01", text="投诉应在24小时内回复", value=24, unit="小时", applies_to="投诉", source=SOURCE,
                  status="draft")])


@pytest.fixture
def bank(tmp_path):
    return create_workspace(Settings(data_dir=tmp_path), "bank")


def test_drafts_power_nothing_until_approved(bank):
    merge_draft(bank, draft("这不归我们管", "您自己看着办"))
    assert approved(load_workspace_rulebook(bank)).all_entries() == []
    set_status(bank, ["all"], "approved", "王老师")
    assert [e.text for e in approved(load_workspace_rulebook(bank)).forbidden_phrases] == ["这不归我们管", "您自己看着办"]


def test_reject_and_unknown_ids(bank):
    merge_draft(bank, draft("这不归我们管"))
    set_status(bank, ["fp-01"], "rejected", "王老师")
    assert load_workspace_rulebook(bank).by_id("fp-01").status == "rejected"
    with pytest.raises(ReviewError, match="fp-99"):
        set_status(bank, ["fp-99"], "approved", "王老师")


def test_every_change_is_a_version_that_can_be_reverted(bank):
    merge_draft(bank, draft("这不归我们管"))
    set_status(bank, ["all"], "approved", "王老师")
    edit_entry(bank, "fp-01", {"variants": ["不归我们部门管"], "suggestion": "这个问题我来帮您联系相关部门处理"}, "李老师")
    versions = history(bank)
    assert [v.trainer for v in versions] == ["导入", "王老师", "李老师"]
    assert any("待审核 → 已采用" in line for line in versions[1].changes)
    assert versions[2].time.endswith("+08:00")
    revert(bank, 2, "王老师")
    entry = load_workspace_rulebook(bank).by_id("fp-01")
    assert entry.variants == [] and entry.status == "approved"
    assert history(bank)[-1].action == "恢复到第 2 版"


def test_reextraction_keeps_reviewed_decisions(bank):
    merge_draft(bank, draft("这不归我们管", "您自己看着办"))
    set_status(bank, ["fp-01"], "approved", "王老师")
    set_status(bank, ["fp-02"], "rejected", "王老师")
    assert merge_draft(bank, draft("这不归我们管", "您自己看着办")) is None  # nothing new: no version
    statuses = {e.id: e.status for e in load_workspace_rulebook(bank).all_entries()}
    assert statuses == {"fp-01": "approved", "fp-02": "rejected", "sla-01": "draft"}


def test_own_phrase_is_approved_and_cited_to_the_trainer(bank):
    add_phrase(bank, "您爱办不办", "您看这样处理可以吗？我帮您再确认一下", "王老师", variants=["爱办不办"])
    entry = load_workspace_rulebook(bank).forbidden_phrases[0]
    assert entry.status == "approved" and entry.source.file == "培训师添加" and entry.variants == ["爱办不办"]
    with pytest.raises(ReviewError, match="请填写禁语"):
        add_phrase(bank, "  ", "", "王老师")


def test_invalid_edit_is_refused_and_nothing_is_written(bank):
    merge_draft(bank, draft("这不归我们管"))
    with pytest.raises(ReviewError, match="修改无效"):
        edit_entry(bank, "fp-01", {"severity": "extreme"}, "王老师")
    assert len(history(bank)) == 1


def test_demo_starts_from_the_packaged_reviewed_rulebook(tmp_path):
    demo = Workspace(Settings(data_dir=tmp_path), DEMO)
    rulebook = load_workspace_rulebook(demo)
    assert len(rulebook.forbidden_phrases) >= 28
    assert approved(rulebook) == rulebook
