"""Importing an organisation's regulation files into its workspace: each file all or nothing.

A file is read and cleaned before anything is written, so a refused file (empty, binary,
too large, scanned, encrypted, no text) leaves the workspace exactly as it was; an accepted one
is copied under its own name with a write-then-rename, so a crash never leaves half a file.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from core.files import written_whole
from core.workspace import Workspace
from knowledge.clean import clean_document
from knowledge.documents import SUPPORTED, DocumentError, read_document


def _expand(paths: list[Path]) -> tuple[list[Path], list[dict]]:
    """Files named directly, and the supported files inside named folders; missing paths are errors."""
    files, errors = [], []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED
                            and not p.name.startswith("."))
        elif path.is_file():
            files.append(path)
        else:
            errors.append({"file": path.name, "message": f"找不到文件 {path}，请检查路径。"})
    return files, errors


def import_files(workspace: Workspace, paths: list[Path]) -> tuple[list[str], list[dict]]:
    """Copy readable regulation files into the workspace's sources; returns (imported names, errors)."""
    if not paths:
        return [], []
    if workspace.is_demo:
        raise ValueError("演示工作区 demo 的规范随软件提供，不能导入文件。请先运行 kefu workspace create 名称 新建工作区。")
    files, errors = _expand(paths)
    imported = []
    workspace.sources_dir.mkdir(parents=True, exist_ok=True)
    for path in files:
        try:
            document = read_document(path)
        except DocumentError as exc:
            errors.append({"file": path.name, "message": str(exc)})
            continue
        if not clean_document(document.text, path.name).text.strip():
            errors.append({"file": path.name, "message": f"{path.name}：清理后没有正文（只有广告、页眉或空行），未导入。"})
            continue
        target = workspace.sources_dir / path.name
        with written_whole(target) as partial:
            shutil.copyfile(path, partial)
        imported.append(path.name)
    return imported, errors
