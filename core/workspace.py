"""Workspaces: one organisation's sources, store, rulebook and scenarios under the data dir.

Every workspace lives in `data_dir/workspaces/<name>/`: `sources/` (the imported originals),
`chroma/`, `embeddings/`, `models/`, `chunks.jsonl`, `rulebook.yaml` with its
`rulebook_versions/`, and `scenarios/`. The shipped demo is the workspace `demo`, kept at the data
dir's root: its sources are the packaged `knowledge/sources/` and its rulebook starts as the
packaged reviewed one.
Trainee records stay in one database beside the workspaces (each session names its workspace).

The knowledge layer knows nothing of workspaces: `Workspace.settings` hands it a Settings whose
data dir, sources dir and collection are the workspace's own.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from core.settings import Settings
from core.timefmt import beijing_now

DEMO = "demo"
# ASCII only: the name becomes a directory and a Chroma collection name (3–63 of [a-zA-Z0-9._-]).
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{1,31}$")
MARKER = "workspace.json"


class WorkspaceError(ValueError):
    """A workspace name or operation that cannot be honoured; the message is Chinese."""


def check_name(name: str) -> str:
    """The name, lower-cased, or WorkspaceError: no path separators, dots or spaces can get through."""
    candidate = (name or "").strip().lower()
    if not NAME.match(candidate):
        raise WorkspaceError(
            f"工作区名称无效：{name!r}。请用 2–32 个小写英文字母、数字、- 或 _，并以字母或数字开头（例如 bank-card）。")
    return candidate


class Workspace:
    """Paths of one workspace; creating it on disk is `create_workspace`'s job."""

    def __init__(self, settings: Settings, name: str = DEMO):
        self.name = check_name(name)
        self.is_demo = self.name == DEMO
        self.root = Path(settings.data_dir)
        self.base = settings
        # The demo keeps the data dir's root, where stores built before workspaces existed live.
        self.dir = self.root if self.is_demo else self.root / "workspaces" / self.name

    @property
    def sources_dir(self) -> Path:
        return Path(self.base.sources_dir) if self.is_demo else self.dir / "sources"

    @property
    def rulebook_path(self) -> Path:
        """The workspace's own rulebook file (the demo falls back to the packaged seed until edited)."""
        return self.dir / "rulebook.yaml"

    @property
    def versions_dir(self) -> Path:
        return self.dir / "rulebook_versions"

    @property
    def scenarios_dir(self) -> Path:
        return self.dir / "scenarios"

    @property
    def collection(self) -> str:
        return self.base.collection if self.is_demo else f"{self.base.collection}-{self.name}"

    def exists(self) -> bool:
        return self.is_demo or (self.dir / MARKER).is_file()

    @property
    def title(self) -> str:
        """The name people read (the demo's is 演示); set at creation, defaults to the id."""
        if self.is_demo:
            return "演示（内置五份规范）"
        try:
            return json.loads((self.dir / MARKER).read_text(encoding="utf-8")).get("title") or self.name
        except (OSError, ValueError):
            return self.name

    def settings(self) -> Settings:
        """Settings for the knowledge layer: this workspace's data dir, sources and collection."""
        return self.base.model_copy(update={
            "data_dir": self.dir, "sources_dir": self.sources_dir, "collection": self.collection,
            "workspace": self.name, "shared_cache": self.root,
        })


def open_workspace(settings: Settings, name: str | None = None) -> Workspace:
    """An existing workspace (default: settings.workspace); WorkspaceError says how to create it."""
    workspace = Workspace(settings, name or settings.workspace)
    if not workspace.exists():
        raise WorkspaceError(f"工作区 {workspace.name} 不存在。请先运行 kefu workspace create {workspace.name}。")
    return workspace


def list_workspaces(settings: Settings) -> list[Workspace]:
    """The demo first, then every created workspace by name."""
    found = [Workspace(settings, DEMO)]
    parent = Path(settings.data_dir) / "workspaces"
    if parent.is_dir():
        for path in sorted(parent.iterdir()):
            if path.name != DEMO and NAME.match(path.name) and (path / MARKER).is_file():
                found.append(Workspace(settings, path.name))
    return found


def create_workspace(settings: Settings, name: str, title: str | None = None) -> Workspace:
    """Create an empty workspace; an existing name is an error, never overwritten."""
    workspace = Workspace(settings, name)
    if workspace.exists():
        raise WorkspaceError(f"工作区 {workspace.name} 已存在。")
    workspace.sources_dir.mkdir(parents=True, exist_ok=True)
    marker = {"name": workspace.name, "title": (title or "").strip() or workspace.name,
              "created_at": beijing_now()}
    tmp = workspace.dir / (MARKER + ".tmp")
    tmp.write_text(json.dumps(marker, ensure_ascii=False), encoding="utf-8")
    tmp.replace(workspace.dir / MARKER)  # the marker appears last: a half-made workspace is not listed
    return workspace


def delete_workspace(settings: Settings, name: str) -> None:
    """Delete a workspace's directory; the demo cannot be deleted."""
    workspace = Workspace(settings, name)
    if workspace.is_demo:
        raise WorkspaceError("演示工作区 demo 不能删除。")
    if not workspace.exists():
        raise WorkspaceError(f"工作区 {workspace.name} 不存在。")
    # Drop the marker first, so a crash halfway leaves a directory nobody lists as a workspace.
    (workspace.dir / MARKER).unlink()
    shutil.rmtree(workspace.dir, ignore_errors=True)

