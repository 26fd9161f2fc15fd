"""知识库: search the regulations with citations, browse the rulebook, rebuild the store."""
from __future__ import annotations

import gradio as gr
import pandas as pd

from knowledge.search import QueryError
from services import Services
from ui import review_tab, workspace_bar
from ui.guard import guarded
from ui.markup import cite, field_of
from ui.messages import (CATEGORY_NAMES, MAX_QUERY_CHARS, SEARCH_EMPTY, SEVERITY_NAMES, InputError,
                         clean_line, escape, label)

# (section, tab title, [(field, column title)])
TABLES = [
    ("forbidden_phrases", "服务禁语", [("id", "编号"), ("text", "禁语"), ("variants", "变体"), ("category", "类别"),
                                    ("severity", "严重程度"), ("suggestion", "建议用语"), ("source", "出处")]),
    ("scenario_phrases", "规范用语", [("id", "编号"), ("scenario", "场景"), ("situation", "情形"), ("text", "规范用语"),
                                   ("source", "出处")]),
    ("slas", "时限与指标", [("id", "编号"), ("text", "规定"), ("value", "数值"), ("unit", "单位"),
                        ("applies_to", "适用于"), ("source", "出处")]),
    ("points", "奖惩分值", [("id", "编号"), ("text", "规定"), ("points", "分值"), ("kind", "类型"), ("money", "金额"),
                        ("source", "出处")]),
]
# Fixed shares of the frame's width, so long rules wrap instead of widening the table.
WIDTHS = {
    "forbidden_phrases": ["9%", "14%", "16%", "9%", "7%", "25%", "20%"],
    "scenario_phrases": ["10%", "12%", "18%", "40%", "20%"],
    "slas": ["10%", "34%", "8%", "8%", "18%", "22%"],
    "points": ["10%", "40%", "8%", "10%", "10%", "22%"],
}


def _cell(key: str, value) -> str:
    if key == "source":
        return cite(value)
    if key == "category":
        return label(CATEGORY_NAMES, value)
    if key == "severity":
        return label(SEVERITY_NAMES, value)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return "" if value is None else str(value)


def rulebook_frame(rulebook, section: str, columns: list[tuple[str, str]]) -> pd.DataFrame:
    """One rulebook section as a table with Chinese column titles."""
    entries = getattr(rulebook, section)
    return pd.DataFrame([[_cell(k, field_of(e, k)) for k, _ in columns] for e in entries],
                        columns=[title for _, title in columns])


def run_search(services: Services, text: str, k: int = 5):
    """Search with the UI's input rules; the searcher's own Chinese refusals become InputError."""
    line = clean_line(text, limit=MAX_QUERY_CHARS)
    try:
        return services.searcher.search(line, k=max(1, min(int(k), 20)))
    except QueryError as exc:
        raise InputError(str(exc)) from None


def hits_md(result) -> str:
    """Search hits as Markdown, each with its file and article."""
    hits = list(field_of(result, "hits", []))
    if not hits:
        return SEARCH_EMPTY
    blocks = []
    for n, hit in enumerate(hits, 1):
        where = cite({"file": field_of(hit, "source"), "article": field_of(hit, "article")})
        blocks.append(f"**{n}.** {escape(field_of(hit, 'text', ''))}\n\n"
                      f"<sub>出处：{escape(where)} · 相关度 {float(field_of(hit, 'score', 0)):.3f}</sub>")
    return "\n\n---\n\n".join(blocks)


def filtered(frame: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows where any cell contains the typed text (all rows when it is empty)."""
    query = (query or "").strip()
    if not query or frame.empty:
        return frame
    return frame[frame.apply(lambda row: any(query in str(cell) for cell in row), axis=1)]


def build(services: Services, space: gr.Dropdown) -> None:
    """Lay out the knowledge tab: search and the approved rulebook for all, management behind the login."""
    with gr.Row():
        query = gr.Textbox(label="检索服务规范", placeholder="例如：退款多久到账？", scale=4, elem_id="kb-query")
        go = gr.Button("检索", variant="primary", scale=1, elem_id="kb-search")
    hits = gr.Markdown(elem_id="kb-hits")

    @guarded("检索")
    def search(name: str, text: str) -> str:
        return hits_md(run_search(workspace_bar.chosen(services, name), text))

    go.click(search, [space, query], hits, api_visibility="private")
    query.submit(search, [space, query], hits, api_visibility="private")

    gr.Markdown("### 规则手册（已采用的条目）")
    table_filter = gr.Textbox(label="按文字筛选规则", placeholder="例如：退款", elem_id="kb-filter")
    frames = []
    with gr.Tabs():
        for section, title, columns in TABLES:
            with gr.Tab(title):
                frames.append(gr.Dataframe(rulebook_frame(services.rulebook, section, columns), interactive=False,
                                           wrap=True, column_widths=WIDTHS[section], max_height=520,
                                           elem_id=f"kb-{section}"))

    def tables(name: str, text: str):
        rulebook = workspace_bar.chosen(services, name).rulebook
        return [filtered(rulebook_frame(rulebook, section, columns), text) for section, _, columns in TABLES]

    triggers = [space.change, table_filter.submit, table_filter.blur]
    if (status := review_tab.build(services, space)) is not None:
        triggers.append(status.change)  # a review action changed what is approved
    for trigger in triggers:
        trigger(guarded("规则手册")(tables), [space, table_filter], frames, api_visibility="private")
