"""Workspaces: validated names, one directory each, the demo always there and never deletable."""
import pytest

from core.settings import Settings
from core.workspace import (DEMO, Workspace, WorkspaceError, check_name, create_workspace, delete_workspace,
                            list_workspaces, open_workspace)


@pytest.fixture
def settings(tmp_path):
    return Settings(data_dir=tmp_path / "data")


@pytest.mark.parametrize("name", ["../etc", "a/b", "..", "银行", "a", "x" * 40, "", " ", "bank card", ".hidden", "-bank"])
def test_bad_names_are_refused_in_chinese(name):
    with pytest.raises(WorkspaceError, match="工作区名称无效"):
        check_name(name)


@pytest.mark.parametrize("name, expected", [("bank-card", "bank-card"), ("Telecom_01", "telecom_01"), (" water ", "water")])
def test_good_names(name, expected):
    assert check_name(name) == expected


def test_create_list_delete(settings):
    created = create_workspace(settings, "bank-card", "某银行信用卡中心")
    assert created.sources_dir.is_dir() and created.title == "某银行信用卡中心"
    assert [w.name for w in list_workspaces(settings)] == [DEMO, "bank-card"]
    with pytest.raises(WorkspaceError, match="已存在"):
        create_workspace(settings, "bank-card")
    delete_workspace(settings, "bank-card")
    assert [w.name for w in list_workspaces(settings)] == [DEMO]
    assert not created.dir.exists()


def test_demo_cannot_be_deleted_and_always_exists(settings):
    assert open_workspace(settings, DEMO).is_demo
    with pytest.raises(WorkspaceError, match="不能删除"):
        delete_workspace(settings, DEMO)


def test_unknown_workspace_says_how_to_create_it(settings):
    with pytest.raises(WorkspaceError, match="kefu workspace create telecom"):
        open_workspace(settings, "telecom")


def test_each_workspace_has_its_own_store_and_sources(settings):
    demo, bank = Workspace(settings, DEMO), create_workspace(settings, "bank")
    assert demo.settings().data_dir == settings.data_dir  # stores built before workspaces stay where they were
    assert demo.settings().sources_dir == settings.sources_dir
    assert bank.settings().data_dir == settings.data_dir / "workspaces" / "bank"
    assert bank.settings().collection != demo.settings().collection
    assert bank.settings().workspace == "bank"


def test_a_half_created_workspace_is_not_listed(settings):
    (settings.data_dir / "workspaces" / "broken" / "sources").mkdir(parents=True)
    assert [w.name for w in list_workspaces(settings)] == [DEMO]
