"""知识库管理 (trainers only): import regulations, review the drafted rulebook, edit, add, revert."""
from __future__ import annotations

import functools
import re
import threading
from pathlib import Path

import gradio as gr
import pandas as pd

from core.timefmt import beijing_text
from core.workspace import WorkspaceError, create_workspace
from knowledge.documents import MAX_BYTES, SUPPORTED
from knowledge.review import (STATUS_NAMES, ReviewError, add_phrase, edit_entry, history, revert, set_status)
from knowledge.rulebook import SECTIONS
from services import Services
from ui import workspace_bar
from ui.login import require_trainer, verify
from ui.markup import cite, field_of
from ui.messages import (INGEST_DONE, TRAINER_NO_PASSWORD, InputError, clean_line, escape)

SECTION_NAMES = {"forbidden_phrases": "服务禁语", "scenario_phrases": "规范用语", "principles": "服务原则",
                 "procedures": "服务流程", "slas": "时限与指标", "points": "奖惩分值"}
ALL = "全部"
COLUMNS = ["编号", "状态", "类别", "内容", "建议用语", "依据原文", "出处"]
WIDTHS = ["9%", "7%", "8%", "20%", "18%", "23%", "15%"]
DEFAULT_TRAINER = "培训师"
MAX_MB = MAX_BYTES // 1024 // 1024


def inline(outputs: int):
    """Bad input becomes a Chinese line in the first output (the status), never an overlay; the rest stay."""

    def wrap(fn):
        @functools.wraps(fn)
        def handler(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except (InputError, ReviewError, WorkspaceError) as exc:
                message = f"**注意：**{escape(exc)}"
            except Exception:  # the trace stays in the server log
                import logging

                logging.getLogger(__name__).exception("review action failed")
                message = "**注意：**操作暂时出错，请稍后重试。"
            return (message, *[gr.update()] * (outputs - 1)) if outputs > 1 else message

        return handler

    return wrap


def _row(section: str, entry) -> list[str]:
    text = entry.text
    if variants := field_of(entry, "variants"):
        text += "（变体：" + "、".join(variants) + "）"
    return [entry.id, STATUS_NAMES.get(entry.status, entry.status), SECTION_NAMES.get(section, section), text,
            field_of(entry, "suggestion", "") or "", entry.evidence, cite(entry.source)]


def entries(services: Services, status: str = ALL, section: str = ALL, query: str = "") -> list[tuple[str, object]]:
    """(section, entry) of the workspace's full rulebook, filtered by status name, section name and text."""
    rulebook = services.full_rulebook()
    query = (query or "").strip()
    found = []
    for key in SECTIONS:
        if section not in (ALL, "", None) and SECTION_NAMES.get(key) != section:
            continue
        for entry in getattr(rulebook, key):
            if status not in (ALL, "", None) and STATUS_NAMES.get(entry.status) != status:
                continue
            if query and query not in "".join(_row(key, entry)):
                continue
            found.append((key, entry))
    return found


def review_frame(found: list[tuple[str, object]]) -> pd.DataFrame:
    """The review table: every column readable, wrapped to fit the frame."""
    return pd.DataFrame([_row(k, e) for k, e in found], columns=COLUMNS)


def history_frame(services: Services) -> pd.DataFrame:
    """Versions newest first: Beijing time, trainer, action and what changed."""
    rows = [[v.version, beijing_text(v.time), v.trainer, v.action, "；".join(v.changes[:8])
             + (f" 等 {len(v.changes)} 项" if len(v.changes) > 8 else "")] for v in reversed(history(services.workspace))]
    return pd.DataFrame(rows, columns=["版本", "时间", "培训师", "操作", "变更"])


def import_report(report, uploaded: list[Path]) -> str:
    """Per-file Chinese results: imported, or refused with the reason; no server paths, no field dumps."""
    lines = [f"- {escape(name)}：已导入" for name in report.imported]
    for error in report.errors:
        message = str(error.get("message", ""))
        for path in uploaded:  # uploads sit in a server temp dir nobody needs to see
            message = message.replace(str(path.parent) + "/", "").replace(str(path.parent), "")
        lines.append(f"- {escape(error.get('file', ''))}：未导入。{escape(message)}")
    if report.imported:
        lines.append(f"\n共 {len(report.imported)} 个文件已导入，规范切分为 {report.chunks} 段；"
                     f"{report.drafts} 条规则待审核。")
    return "\n".join(lines) or "没有导入任何文件。"


def _trainer(name: str) -> str:
    return clean_line(name or DEFAULT_TRAINER, limit=40)


def _apply(svc: Services) -> None:
    """Rebuild what the rulebook powers now, so the next check already uses the change."""
    svc.reload_rules()
    svc.checker  # the checker is what an agent sees first; build it before the trainer's click returns
    threading.Thread(target=lambda: (svc.suggester, svc.grader), daemon=True).start()


def build(services: Services, space: gr.Dropdown) -> gr.Markdown | None:
    """The trainer's rulebook console behind the trainer password; returns its status line (changes after each action)."""
    password = services.settings.trainer_password
    gr.Markdown("### 知识库管理（培训师）")
    if not password:
        gr.Markdown(TRAINER_NO_PASSWORD, elem_id="review-no-password")
        return None
    authed = gr.State(False)
    with gr.Column() as login_box:
        with gr.Row():
            secret = gr.Textbox(label="培训师密码", type="password", scale=3, elem_id="review-password")
            login = gr.Button("登录管理知识库", variant="primary", scale=1, elem_id="review-login")
        login_status = gr.Markdown(elem_id="review-login-status")
    with gr.Column(visible=False) as console:
        with gr.Row():
            trainer = gr.Textbox(DEFAULT_TRAINER, label="培训师姓名（记入版本历史）", max_length=40, elem_id="review-trainer")
            new_id = gr.Textbox(label="新工作区编号（如 bank-card）", elem_id="review-new-id")
            new_title = gr.Textbox(label="新工作区中文名称", elem_id="review-new-title")
            create = gr.Button("新建工作区", elem_id="review-create")
        status = gr.Markdown(elem_id="review-status")
        files = gr.File(label=f"上传规范文件（{' '.join(SUPPORTED)}，每个不超过 {MAX_MB} MB）", file_count="multiple",
                        file_types=list(SUPPORTED), elem_id="review-files")
        with gr.Row():
            upload = gr.Button("导入并抽取规则", variant="primary", elem_id="review-import")
            rebuild = gr.Button("重建检索库", elem_id="kb-ingest")
        report = gr.Markdown(elem_id="review-report")
        rebuilt = gr.Markdown(elem_id="kb-ingest-report")
        with gr.Row():
            status_filter = gr.Dropdown([ALL, *STATUS_NAMES.values()], value=ALL, label="状态", elem_id="review-status-filter")
            section_filter = gr.Dropdown([ALL, *SECTION_NAMES.values()], value=ALL, label="类别",
                                         elem_id="review-section-filter")
            text_filter = gr.Textbox(label="按文字筛选", elem_id="review-text-filter")
        table = gr.Dataframe(headers=COLUMNS, interactive=False, wrap=True, column_widths=WIDTHS, max_height=520,
                             elem_id="review-table")
        picked = gr.Dropdown([], multiselect=True, label="选择条目（可多选；留空则按钮作用于上表全部）", elem_id="review-picked")
        with gr.Row():
            accept = gr.Button("采用", variant="primary", elem_id="review-accept")
            reject = gr.Button("驳回", elem_id="review-reject")
            accept_all = gr.Button("全部待审核条目一键采用", elem_id="review-accept-all")
        with gr.Accordion("修改条目", open=False):
            edit_id = gr.Dropdown([], label="条目", elem_id="review-edit-id")
            edit_text = gr.Textbox(label="内容", elem_id="review-edit-text")
            edit_variants = gr.Textbox(label="变体（用、分隔，仅服务禁语）", elem_id="review-edit-variants")
            edit_suggestion = gr.Textbox(label="建议用语（仅服务禁语）", elem_id="review-edit-suggestion")
            save_edit = gr.Button("保存修改", elem_id="review-save-edit")
        with gr.Accordion("添加本中心的服务禁语", open=False):
            with gr.Row():
                add_text = gr.Textbox(label="禁语", elem_id="review-add-text")
                add_suggestion = gr.Textbox(label="建议改为", elem_id="review-add-suggestion")
                add = gr.Button("添加并采用", elem_id="review-add")
        with gr.Accordion("版本历史", open=False):
            versions = gr.Dataframe(interactive=False, wrap=True, column_widths=["7%", "20%", "10%", "18%", "45%"],
                                    elem_id="review-history")
            with gr.Row():
                version_no = gr.Number(label="恢复到第几版", precision=0, elem_id="review-version")
                do_revert = gr.Button("恢复", elem_id="review-revert")

    filters = [status_filter, section_filter, text_filter]
    view = [table, picked, edit_id, versions]

    def refresh(name: str, st: str, sec: str, query: str):
        svc = workspace_bar.chosen(services, name)
        found = entries(svc, st, sec, query)
        options = [(f"{e.id}｜{e.text[:24]}", e.id) for _, e in found]
        return (review_frame(found), gr.update(choices=options, value=[]), gr.update(choices=options, value=None),
                history_frame(svc))

    @inline(4 + len(view))
    def sign_in(given: str, name: str, st: str, sec: str, query: str, request: gr.Request):
        verify(password, given, request)
        return ("", True, gr.update(visible=False), gr.update(visible=True), *refresh(name, st, sec, query))

    login_outputs = [login_status, authed, login_box, console, *view]
    login.click(sign_in, [secret, space, *filters], login_outputs, api_visibility="private")
    secret.submit(sign_in, [secret, space, *filters], login_outputs, api_visibility="private")

    # A refresh follows other actions (a new workspace switches the bar, a refreshed table resets the entry
    # picker), so it leaves the status alone: clearing it would wipe the message the trainer just got.
    @inline(1 + len(view))
    def reload(ok: bool, name: str, st: str, sec: str, query: str):
        if not ok:
            return tuple(gr.update() for _ in range(1 + len(view)))
        return (gr.update(), *refresh(name, st, sec, query))

    for trigger in (space.change, status_filter.change, section_filter.change, text_filter.submit, text_filter.blur):
        trigger(reload, [authed, space, *filters], [status, *view], api_visibility="private")

    @inline(2)
    def make(ok: bool, ident: str, title: str):
        require_trainer(ok)
        title = clean_line(title, limit=40) if (title or "").strip() else ""
        if not title:
            raise InputError("请填写工作区的中文名称。")
        made = create_workspace(services.base_settings, ident, title)
        return (f"已新建工作区“{escape(made.title)}”（{made.name}），并已切换到该工作区。",
                gr.update(choices=workspace_bar.choices(services), value=made.name))

    create.click(make, [authed, new_id, new_title], [status, space], api_visibility="private")

    @inline(2 + len(view))
    def do_import(ok: bool, name: str, uploaded, st: str, sec: str, query: str, progress=gr.Progress()):
        require_trainer(ok)
        paths = [Path(str(getattr(f, "name", f))) for f in uploaded or []]
        if not paths:
            raise InputError("请先选择要上传的规范文件。")
        too_big = [p for p in paths if p.exists() and p.stat().st_size > MAX_BYTES]
        if too_big:
            raise InputError("、".join(p.name for p in too_big) + f" 超过 {MAX_MB} MB 的上限，请拆分后再上传。")
        from knowledge.ingest import ingest_workspace

        svc = workspace_bar.chosen(services, name)
        progress(0.1, desc="读取并清洗文件…")
        result = ingest_workspace(svc.workspace, paths, chat_model=svc.chat_model)
        progress(0.8, desc="重新加载检索与规则…")
        svc.reload_search()
        svc.reload_rules()
        progress(1.0, desc="完成")
        return ("", import_report(result, paths), *refresh(name, st, sec, query))

    upload.click(do_import, [authed, space, files, *filters], [status, report, *view], api_visibility="private")

    @inline(1)
    def reingest(ok: bool, name: str, progress=gr.Progress()):
        require_trainer(ok)
        from knowledge.ingest import ingest

        svc = workspace_bar.chosen(services, name)
        progress(0.1, desc="清洗、切分并向量化规范文件…")
        result = ingest(svc.settings)
        svc.reload_search()
        progress(1.0, desc="完成")
        return INGEST_DONE.format(report=f"共 {len(result.files)} 个文件、{result.chunks} 段，"
                                         f"新向量化 {result.embedded} 段，用时 {result.seconds:.1f} 秒。")

    rebuild.click(reingest, [authed, space], rebuilt, api_visibility="private")

    def decide(status_key: str, every: bool):
        @inline(1 + len(view))
        def handler(ok: bool, name: str, who: str, ids: list[str], st: str, sec: str, query: str):
            require_trainer(ok)
            svc = workspace_bar.chosen(services, name)
            if every:
                ids = ["all"]
            elif not ids:
                ids = [e.id for _, e in entries(svc, st, sec, query)]
                if not ids:
                    raise InputError("表中没有可操作的条目。")
            version = set_status(svc.workspace, ids, status_key, _trainer(who))
            _apply(svc)
            return (f"{escape(version.action)}（第 {version.version} 版），已立即生效。", *refresh(name, st, sec, query))

        return handler

    inputs = [authed, space, trainer, picked, *filters]
    accept.click(decide("approved", False), inputs, [status, *view], api_visibility="private")
    reject.click(decide("rejected", False), inputs, [status, *view], api_visibility="private")
    accept_all.click(decide("approved", True), inputs, [status, *view], api_visibility="private")

    @inline(4)
    def load_entry(ok: bool, name: str, rule_id: str):
        require_trainer(ok)
        if not rule_id:
            return gr.update(), "", "", ""
        entry = workspace_bar.chosen(services, name).full_rulebook().by_id(rule_id)
        return (gr.update(), entry.text, "、".join(field_of(entry, "variants", []) or []), field_of(entry, "suggestion", "") or "")

    edit_id.change(load_entry, [authed, space, edit_id], [status, edit_text, edit_variants, edit_suggestion],
                   api_visibility="private")

    @inline(1 + len(view))
    def save(ok: bool, name: str, who: str, rule_id: str, text: str, variants: str, suggestion: str, st, sec, query):
        require_trainer(ok)
        if not rule_id:
            raise InputError("请先选择要修改的条目。")
        svc = workspace_bar.chosen(services, name)
        changes = {"text": clean_line(text)}
        if field_of(svc.full_rulebook().by_id(rule_id), "suggestion") is not None:
            changes["variants"] = [v.strip() for v in re.split(r"[、,，;；\n]", variants or "") if v.strip()]
            changes["suggestion"] = (suggestion or "").strip()
        version = edit_entry(svc.workspace, rule_id, changes, _trainer(who))
        _apply(svc)
        return (f"已保存 {escape(rule_id)} 的修改（第 {version.version} 版）。", *refresh(name, st, sec, query))

    save_edit.click(save, [authed, space, trainer, edit_id, edit_text, edit_variants, edit_suggestion, *filters],
                    [status, *view], api_visibility="private")

    @inline(1 + len(view))
    def add_own(ok: bool, name: str, who: str, text: str, suggestion: str, st, sec, query):
        require_trainer(ok)
        svc = workspace_bar.chosen(services, name)
        phrase = clean_line(text, limit=100)
        if not (suggestion or "").strip():
            raise InputError("请同时填写建议改为的规范说法。")
        version = add_phrase(svc.workspace, phrase, clean_line(suggestion, limit=200), _trainer(who))
        _apply(svc)
        return (f"已添加禁语“{escape(phrase)}”（第 {version.version} 版），已立即生效。",
                *refresh(name, st, sec, query))

    add.click(add_own, [authed, space, trainer, add_text, add_suggestion, *filters], [status, *view],
              api_visibility="private")

    @inline(1 + len(view))
    def restore(ok: bool, name: str, who: str, number, st, sec, query):
        require_trainer(ok)
        if number is None or int(number) < 1:
            raise InputError("请填写要恢复的版本号。")
        svc = workspace_bar.chosen(services, name)
        version = revert(svc.workspace, int(number), _trainer(who))
        _apply(svc)
        return (f"{escape(version.action)}（第 {version.version} 版）。", *refresh(name, st, sec, query))

    do_revert.click(restore, [authed, space, trainer, version_no, *filters], [status, *view], api_visibility="private")
    return status
