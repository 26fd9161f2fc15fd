"""知识库: search the regulations with citations, browse and filter the rulebook, rebuild the store."""
from __future__ import annotations

import gradio as gr

from knowledge.search import QueryError
from services import Services
from ui import review_tab, workspace_bar
from ui.guard import guarded
from ui.markup import cite, field_of
from ui.messages import (CATEGORY_NAMES, MAX_QUERY_CHARS, SEARCH_EMPTY, SEVERITY_NAMES, InputError, clean_line,
                         escape, label)

ALL = "全部"
SECTION_NAMES = {"forbidden_phrases": "服务禁语", "scenario_phrases": "规范用语", "slas": "时限与指标",
                 "points": "奖惩分值"}
# Units as the extractor stores them, as a person reads them next to the number.
UNIT_NAMES = {"working_day": "个工作日", "day": "天", "hour": "小时", "minute": "分钟", "second": "秒", "ring": "声",
              "week": "周", "month": "个月", "year": "年", "percent": "%", "chars_per_minute": "字/分钟",
              "times_per_day": "次/天", "points": "分"}
POINT_KINDS = {"deduction": "扣分", "bonus": "加分", "penalty": "罚款", "rate": "分值折算"}
CONFLICT = "与其他规范不一致"
HINT = "可以换个说法再试（写明业务和具体问题，如“退款多久到账”），也可能本工作区的规范里没有这条规定。"
COLUMNS = ["类别", "规定", "要点", "建议用语", "出处"]
# The table wraps inside the frame; on a phone each rule becomes a card, its column names shown inline.
STYLE = """<style>
#kb-rules .kb-scroll { max-height: 560px; overflow-y: auto; }
#kb-rules table { table-layout: fixed; width: 100%; border-collapse: collapse; font-size: 14px; }
#kb-rules th, #kb-rules td { text-align: left; vertical-align: top; padding: 6px 8px; white-space: normal;
  word-break: break-word; border-bottom: 1px solid var(--border-color-primary, #e5e5e5); }
#kb-rules th { position: sticky; top: 0; background: var(--background-fill-secondary, #f7f7f7); }
#kb-rules col.c0 { width: 13%; } #kb-rules col.c1 { width: 30%; } #kb-rules col.c2 { width: 14%; }
#kb-rules col.c3 { width: 25%; } #kb-rules col.c4 { width: 18%; }
@media (max-width: 640px) {
  #kb-rules thead { display: none; }
  #kb-rules table, #kb-rules tbody, #kb-rules tr, #kb-rules td { display: block; width: 100%; }
  #kb-rules tr { padding: 6px 0; border-bottom: 1px solid var(--border-color-primary, #ddd); }
  #kb-rules td { border: 0; padding: 2px 4px; }
  #kb-rules td:empty { display: none; }
  #kb-rules td::before { content: attr(data-label) "："; color: #888; }
}
</style>"""


def _number(value) -> str:
    """3.0 → 3, (2.0, 3.0) → 2–3: numbers as a rule states them."""
    if isinstance(value, (list, tuple)):
        return "–".join(_number(v) for v in value)
    if value is None:
        return ""
    return f"{float(value):g}"


def _category(section: str, entry) -> str:
    if section != "forbidden_phrases":
        return SECTION_NAMES[section]
    category = field_of(entry, "category")
    return SECTION_NAMES[section] if category in (None, "forbidden_phrase") else \
        f"{SECTION_NAMES[section]}·{label(CATEGORY_NAMES, category)}"


def _point(entry) -> str:
    parts = [POINT_KINDS.get(entry.kind, "")]
    if entry.points is not None:
        parts.append(f"{_number(abs(entry.points))} 分")
    if entry.money is not None:
        parts.append(f"{_number(abs(entry.money))} 元")
    return " ".join(p for p in parts if p)


def _row(section: str, entry) -> list[str]:
    """类别, 规定, 要点, 建议用语, 出处 of one rulebook entry, all in words a person reads."""
    text, point, suggestion = entry.text, "", ""
    if section == "forbidden_phrases":
        if entry.variants:
            text += "（变体：" + "、".join(entry.variants) + "）"
        point, suggestion = label(SEVERITY_NAMES, entry.severity), entry.suggestion
    elif section == "scenario_phrases":
        point = entry.situation
    elif section == "slas":
        # A time of day is stored in hours (17.5) and read as a clock (17:30前).
        due = f"{int(entry.value)}:{round(entry.value % 1 * 60):02d} 前" if entry.unit == "clock" else \
            f"{_number(entry.value)} {UNIT_NAMES.get(entry.unit, '')}".strip()
        point = "；".join(p for p in (due, entry.applies_to) if p)
    elif section == "points":
        point = _point(entry)
    return [_category(section, entry), text, point, suggestion, cite(entry.source)]


def rule_rows(rulebook) -> list[list[str]]:
    """Every shown section of the rulebook as rows of COLUMNS."""
    return [_row(section, entry) for section in SECTION_NAMES for entry in getattr(rulebook, section)]


def categories(rows: list[list[str]]) -> list[str]:
    """全部, each section, then each forbidden-phrase category that occurs, in rulebook order."""
    seen = [ALL, *SECTION_NAMES.values()]
    for row in rows:
        if row[0] not in seen:
            seen.append(row[0])
    return seen


def filtered(rows: list[list[str]], category: str | None = ALL, query: str | None = "") -> list[list[str]]:
    """Rows of the category (a section takes in its sub-categories) that contain the typed text in any cell."""
    query = (query or "").strip()
    category = category or ALL
    return [row for row in rows
            if (category == ALL or row[0] == category or row[0].startswith(category + "·"))
            and (not query or any(query in cell for cell in row))]


def rules_html(rows: list[list[str]], total: int) -> str:
    """The rulebook as a wrapped table that fits the frame (cards on a phone), with a count line."""
    count = f"<p class='kb-count'>显示 {len(rows)} / {total} 条</p>"
    if not rows:
        return STYLE + count + "<p>没有符合条件的规则：请换个类别或关键词。</p>"
    head = "".join(f"<th>{c}</th>" for c in COLUMNS)
    cols = "".join(f"<col class='c{i}'>" for i in range(len(COLUMNS)))
    body = "".join("<tr>" + "".join(f"<td data-label='{c}'>{escape(cell)}</td>" for c, cell in zip(COLUMNS, row))
                   + "</tr>" for row in rows)
    return (f"{STYLE}{count}<div class='kb-scroll'><table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>")


def run_search(services: Services, text: str, k: int = 5):
    """Search with the UI's input rules; the searcher's own Chinese refusals become InputError."""
    line = clean_line(text, limit=MAX_QUERY_CHARS)
    try:
        return services.searcher.search(line, k=max(1, min(int(k), 20)))
    except QueryError as exc:
        raise InputError(str(exc)) from None


def _marked(text: str, answer) -> str:
    """The passage, HTML-escaped, with its answering sentence in <mark>."""
    if not answer:
        return escape(text)
    start, end = answer
    return f"{escape(text[:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:])}"


def _conflict_line(conflicts: list) -> str:
    others = "；".join(f"{escape(cite({'file': field_of(c, 'source'), 'article': field_of(c, 'article')}))}"
                      f" 规定为“{escape(field_of(c, 'theirs'))}”，本条为“{escape(field_of(c, 'mine'))}”"
                      for c in conflicts)
    return f"\n\n> ⚠️ **{CONFLICT}**：{others}。请向主管确认以哪条为准。"


def hits_md(result) -> str:
    """Search hits as Markdown: the answering sentence marked, the article cited, conflicts flagged.

    Below the relevance threshold the weak hits are not shown: a list of unrelated rules reads as an answer.
    """
    hits = list(field_of(result, "hits", []))
    note = field_of(result, "note")
    head = f"<sub>{escape(note)}</sub>\n\n" if note else ""
    if not hits or not field_of(result, "relevant", True):
        return f"{head}**{SEARCH_EMPTY}**\n\n{HINT}"
    blocks = []
    for n, hit in enumerate(hits, 1):
        where = cite({"file": field_of(hit, "source"), "article": field_of(hit, "article")})
        block = (f"**{n}.** {_marked(field_of(hit, 'text', ''), field_of(hit, 'answer'))}\n\n"
                 f"<sub>出处：{escape(where)} · 相关度 {float(field_of(hit, 'score', 0)):.3f}</sub>")
        if conflicts := field_of(hit, "conflicts"):
            block += _conflict_line(conflicts)
        blocks.append(block)
    return head + "\n\n---\n\n".join(blocks)


def build(services: Services, space: gr.Dropdown) -> None:
    """Lay out the knowledge tab: search and the approved rulebook for all, management behind the login."""
    with gr.Row():
        query = gr.Textbox(label="检索服务规范", placeholder="例如：客户投诉多久要回复？", scale=4, elem_id="kb-query")
        go = gr.Button("检索", variant="primary", scale=1, elem_id="kb-search")
    status = gr.Markdown(elem_id="kb-status")
    hits = gr.Markdown(elem_id="kb-hits")

    @guarded("检索")
    def _search(name: str, text: str) -> str:
        return hits_md(run_search(workspace_bar.chosen(services, name), text))

    def search(name: str, text: str):
        # A bad query is a line above the results, never an overlay: the last answer stays readable.
        try:
            return "", _search(name, text)
        except gr.Error as exc:
            return f"⚠️ {escape(exc.message)}", gr.update()

    go.click(search, [space, query], [status, hits], api_visibility="private")
    query.submit(search, [space, query], [status, hits], api_visibility="private")

    gr.Markdown("### 规则手册（已采用的条目）")
    rows = rule_rows(services.rulebook)
    with gr.Row():
        category = gr.Dropdown(categories(rows), value=ALL, label="按类别筛选", scale=1, elem_id="kb-category")
        table_filter = gr.Textbox(label="按文字筛选规则", placeholder="例如：退款", scale=2, elem_id="kb-filter")
    table = gr.HTML(rules_html(rows, len(rows)), elem_id="kb-rules")

    def shown(name: str, picked: str, text: str) -> str:
        every = rule_rows(workspace_bar.chosen(services, name).rulebook)
        return rules_html(filtered(every, picked if picked in categories(every) else ALL, text), len(every))

    def reloaded(name: str, picked: str, text: str):
        """Another workspace or a review action: the categories may have changed too."""
        options = categories(rule_rows(workspace_bar.chosen(services, name).rulebook))
        picked = picked if picked in options else ALL
        return gr.update(choices=options, value=picked), shown(name, picked, text)

    inputs = [space, category, table_filter]
    # The table follows every keystroke (the latest one wins), as a filter box is expected to.
    for trigger in (category.input, table_filter.change):
        trigger(guarded("规则手册")(shown), inputs, table, api_visibility="private", show_progress="hidden",
                trigger_mode="always_last")
    triggers = [space.change]
    if (review := review_tab.build(services, space)) is not None:
        triggers.append(review.change)  # a review action changed what is approved
    for trigger in triggers:
        trigger(guarded("规则手册")(reloaded), inputs, [category, table], api_visibility="private",
                show_progress="hidden")
