"""A workspace's reviewed rulebook: trainers approve, reject, edit and add entries; every change is a version.

Only approved entries power check, suggest, the grader and the simulator (`approved`); drafts
wait for review (待审核). Each change writes the whole rulebook atomically and keeps a snapshot
plus a log line (time, trainer, what changed), so any version can be restored.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel

from core.files import written_whole
from core.timefmt import beijing_now
from core.workspace import Workspace
from knowledge.rulebook import (RULEBOOK_PATH, SECTIONS, ForbiddenPhrase, Rulebook, RuleSource, dump_rulebook,
                                load_rulebook)

STATUSES = ("draft", "approved", "rejected")
STATUS_NAMES = {"draft": "待审核", "approved": "已采用", "rejected": "已驳回"}
LOG = "log.jsonl"


class ReviewError(ValueError):
    """A review action that cannot be applied; the message is Chinese."""


class Version(BaseModel):
    """One saved state of the rulebook and what led to it."""

    version: int
    time: str
    trainer: str
    action: str
    changes: list[str] = []


def load_workspace_rulebook(workspace: Workspace) -> Rulebook:
    """Every entry, whatever its status: the workspace's file, else (demo) the packaged seed, else empty."""
    if workspace.rulebook_path.exists():
        return load_rulebook(workspace.rulebook_path)
    return load_rulebook(RULEBOOK_PATH) if workspace.is_demo else Rulebook()


@cache
def shipped_rulebook() -> Rulebook:
    """The packaged seed rulebook, parsed once per process (what the shared check models learn from)."""
    return load_rulebook(RULEBOOK_PATH)


def approved(rulebook: Rulebook) -> Rulebook:
    """Only the approved entries: what check, suggest, the grader and the simulator use."""
    return Rulebook(**{s: [e for e in getattr(rulebook, s) if e.status == "approved"] for s in SECTIONS})


def _describe(before: Rulebook, after: Rulebook) -> list[str]:
    """Readable one-line changes between two rulebooks, by entry id."""
    old = {e.id: e for e in before.all_entries()}
    new = {e.id: e for e in after.all_entries()}
    lines = [f"新增 {i}：{new[i].text}" for i in new if i not in old]
    lines += [f"删除 {i}：{old[i].text}" for i in old if i not in new]
    for i in new.keys() & old.keys():
        a, b = old[i].model_dump(), new[i].model_dump()
        for field in sorted(k for k in b if a.get(k) != b[k]):
            if field == "status":
                lines.append(f"{i}：{STATUS_NAMES[a[field]]} → {STATUS_NAMES[b[field]]}")
            else:
                lines.append(f"{i}.{field}：{a.get(field)!r} → {b[field]!r}")
    return lines


def history(workspace: Workspace) -> list[Version]:
    """Every saved version, oldest first."""
    path = workspace.versions_dir / LOG
    if not path.exists():
        return []
    return [Version.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def save(workspace: Workspace, rulebook: Rulebook, trainer: str, action: str) -> Version:
    """Write the rulebook and a new version (snapshot + log line); returns the version."""
    before = load_workspace_rulebook(workspace)
    workspace.versions_dir.mkdir(parents=True, exist_ok=True)
    number = len(history(workspace)) + 1
    version = Version(version=number, time=beijing_now(), trainer=trainer or "未署名", action=action,
                      changes=_describe(before, rulebook))
    snapshot = workspace.versions_dir / f"{number:04d}.yaml"
    _atomic_dump(rulebook, snapshot)
    _atomic_dump(rulebook, workspace.rulebook_path)
    with open(workspace.versions_dir / LOG, "a", encoding="utf-8") as log:
        log.write(version.model_dump_json() + "\n")
    return version


def _atomic_dump(rulebook: Rulebook, path: Path) -> None:
    """Write then rename, so a reader never sees half a rulebook."""
    with written_whole(path) as partial:
        dump_rulebook(rulebook, partial)


def set_status(workspace: Workspace, ids: list[str], status: str, trainer: str) -> Version:
    """Approve or reject entries by id ('all' means every draft)."""
    if status not in STATUSES:
        raise ReviewError(f"未知的状态：{status}")
    rulebook = load_workspace_rulebook(workspace)
    entries = {e.id: e for e in rulebook.all_entries()}
    if ids == ["all"]:
        chosen = [i for i, e in entries.items() if e.status == "draft"]
    else:
        unknown = [i for i in ids if i not in entries]
        if unknown:
            raise ReviewError(f"规则库中没有这些条目：{'、'.join(unknown)}")
        chosen = list(dict.fromkeys(ids))
    updated = _replace(rulebook, {i: {"status": status} for i in chosen})
    return save(workspace, updated, trainer, f"{STATUS_NAMES[status]} {len(chosen)} 条")


def edit_entry(workspace: Workspace, rule_id: str, changes: dict, trainer: str) -> Version:
    """Change fields of one entry (text, variants, suggestion, …); the result is validated."""
    rulebook = load_workspace_rulebook(workspace)
    try:
        rulebook.by_id(rule_id)
    except KeyError:
        raise ReviewError(f"规则库中没有条目 {rule_id}") from None
    updated = _replace(rulebook, {rule_id: {**changes, "hand_corrected": True}})
    return save(workspace, updated, trainer, f"修改 {rule_id}")


def add_phrase(workspace: Workspace, text: str, suggestion: str, trainer: str, category: str = "forbidden_phrase",
               variants: list[str] | None = None) -> Version:
    """Add the centre's own forbidden phrase, approved at once (a trainer wrote it)."""
    text = (text or "").strip()
    if not text:
        raise ReviewError("请填写禁语内容。")
    rulebook = load_workspace_rulebook(workspace)
    taken = {e.id for e in rulebook.all_entries()}
    number = 1 + sum(1 for i in taken if i.startswith("fp-own"))
    while f"fp-own{number}" in taken:
        number += 1
    entry = ForbiddenPhrase(id=f"fp-own{number}", text=text, category=category, suggestion=(suggestion or "").strip(),
                            variants=[v.strip() for v in variants or [] if v.strip()], hand_corrected=True,
                            status="approved", source=RuleSource(file="培训师添加", article=trainer or "未署名"),
                            evidence=text)
    updated = rulebook.model_copy(update={"forbidden_phrases": [*rulebook.forbidden_phrases, entry]})
    return save(workspace, updated, trainer, f"新增禁语 {entry.id}")


def revert(workspace: Workspace, number: int, trainer: str) -> Version:
    """Restore the rulebook as it was at a saved version (itself saved as a new version)."""
    snapshot = workspace.versions_dir / f"{number:04d}.yaml"
    if not snapshot.exists():
        raise ReviewError(f"没有第 {number} 版。")
    return save(workspace, load_rulebook(snapshot), trainer, f"恢复到第 {number} 版")


def merge_draft(workspace: Workspace, drafted: Rulebook, trainer: str = "导入") -> Version | None:
    """Fold freshly extracted drafts into the workspace's rulebook, keeping every reviewed decision.

    Entries a trainer approved, rejected or edited stay as they are; old drafts are replaced by
    the new extraction. Returns the saved version, or None when nothing changed.
    """
    current = load_workspace_rulebook(workspace)
    sections = {}
    for section in SECTIONS:
        kept = [e for e in getattr(current, section) if e.status != "draft" or e.hand_corrected]
        ids = {e.id for e in kept}
        sections[section] = kept + [e for e in getattr(drafted, section) if e.id not in ids]
    merged = Rulebook(**sections)
    if workspace.rulebook_path.exists() and merged == current:
        return None
    return save(workspace, merged, trainer, "导入文档，生成待审核条目")


def _replace(rulebook: Rulebook, updates: dict[str, dict]) -> Rulebook:
    """A copy with some entries' fields changed, validated like a loaded file."""
    data = rulebook.to_json()
    for section in SECTIONS:
        data[section] = [{**entry, **updates.get(entry["id"], {})} for entry in data[section]]
    try:
        return Rulebook.model_validate(data)
    except ValueError as exc:
        raise ReviewError(f"修改无效：{exc}") from None

