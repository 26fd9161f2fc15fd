"""The workspace selector every tab acts on, and each trainee's remembered workspace."""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import gradio as gr

from core.workspace import WorkspaceError, check_name, list_workspaces
from services import Services

REMEMBERED = "trainee_workspaces.json"
_lock = threading.Lock()


def choices(services: Services) -> list[tuple[str, str]]:
    """(title（id）, id) of every workspace, the demo first."""
    return [(w.title if w.is_demo else f"{w.title}（{w.name}）", w.name) for w in list_workspaces(services.base_settings)]


def chosen(services: Services, name: str | None) -> Services:
    """The selected workspace's services; an unknown name is a Chinese InputError-style WorkspaceError."""
    return services.in_workspace(name or services.workspace.name)


def _path(services: Services) -> Path:
    return Path(services.base_settings.data_dir) / REMEMBERED


def _load(services: Services) -> dict[str, str]:
    try:
        return json.loads(_path(services).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def remember(services: Services, trainee: str, workspace: str) -> None:
    """Keep the trainee's workspace for next time (a small JSON beside the records)."""
    with _lock:
        data = _load(services)
        if data.get(trainee) == workspace:
            return
        data[trainee] = workspace
        path = _path(services)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)  # a reader never sees half a file


def remembered(services: Services, trainee: str) -> str | None:
    """The workspace this trainee last practised in, if it still exists."""
    name = _load(services).get((trainee or "").strip())
    try:
        return check_name(name) if name and name in {w for _, w in choices(services)} else None
    except WorkspaceError:
        return None


def build(services: Services) -> gr.Dropdown:
    """The selector (default: the app's workspace); its choices refresh on every page load."""
    space = gr.Dropdown(choices(services), value=services.workspace.name, label="工作区（练习、坐席助手、知识库都使用所选工作区）",
                        allow_custom_value=False, elem_id="workspace")
    return space


def refresh(services: Services, current: str | None):
    """Fresh choices, keeping the current selection when it still exists."""
    options = choices(services)
    names = {w for _, w in options}
    return gr.update(choices=options, value=current if current in names else services.workspace.name)
