"""坐席助手: warnings on the agent's draft as they type, the customer's emotion, suggested replies."""
from __future__ import annotations

import gradio as gr

from services import Services
from ui import workspace_bar
from ui.guard import guarded
from ui.markup import CATEGORY_COLOURS, citations_html, emotion_badge, field_of, highlight, violations_md
from ui.messages import NO_CUSTOMER_LINE, SCENARIO_NAMES, InputError, clean_line, escape, label

MAX_SUGGESTIONS = 3
CUSTOMER_PREFIXES = ("客户：", "客户:", "顾客：", "顾客:")
AGENT_PREFIXES = ("坐席：", "坐席:", "客服：", "客服:")


def parse_turns(history: str, latest: str) -> list[dict]:
    """The conversation box (one turn a line, 客户：/坐席： prefixes) plus the latest customer line."""
    turns = []
    for line in (history or "").splitlines():
        line = line.strip()
        if not line:
            continue
        role = "customer"
        for prefixes, who in ((CUSTOMER_PREFIXES, "customer"), (AGENT_PREFIXES, "agent")):
            if line.startswith(prefixes):
                role, line = who, line[3:].strip()
        if line:
            turns.append({"role": role, "text": line})
    turns.append({"role": "customer", "text": latest})
    return turns


def check_draft(services: Services, draft: str) -> tuple[list, str]:
    """Highlighted draft and its warnings; an empty draft clears both."""
    if not (draft or "").strip():
        return [], ""
    try:
        text = clean_line(draft)
    except InputError as exc:
        return [], f"⚠️ {escape(exc)}"
    result = services.checker.check(text)
    violations = list(field_of(result, "violations", []))
    if not violations:
        return highlight(text, []), "✅ 未发现违规用语。"
    return highlight(text, violations), violations_md(violations, services.rulebook)


def build(services: Services, space: gr.Dropdown) -> None:
    """Lay out the live-assist tab inside the current gr.Blocks."""
    texts = gr.State([])
    with gr.Row():
        with gr.Column(scale=1):
            history = gr.Textbox(label="对话记录（每行一句，以“客户：”或“坐席：”开头）", lines=6,
                                 elem_id="assist-history")
            latest = gr.Textbox(label="客户最新一句", lines=2, elem_id="assist-latest")
            suggest_btn = gr.Button("获取建议回复", variant="primary", elem_id="assist-suggest")
            badge = gr.HTML(elem_id="assist-emotion")
            scenario = gr.Markdown(elem_id="assist-scenario")
        with gr.Column(scale=1):
            draft = gr.Textbox(label="坐席草稿（输入时实时检查）", lines=3, elem_id="assist-draft")
            marked = gr.HighlightedText(label="草稿检查", color_map=CATEGORY_COLOURS, show_legend=False,
                                        combine_adjacent=False, elem_id="assist-marked")
            warnings = gr.Markdown(elem_id="assist-warnings")
            buttons = [gr.Button(visible=False, elem_id=f"assist-suggestion-{i}", elem_classes="kefu-suggestion")
                       for i in range(MAX_SUGGESTIONS)]
            citations = gr.HTML(elem_id="assist-citations")

    # `change`, not `input`: Gradio's input event rides on keypress, which IME typing (how Chinese is
    # typed) and pasting never fire. A newer draft supersedes a pending check; no spinner.
    draft.change(lambda d, name: check_draft(workspace_bar.chosen(services, name), d), [draft, space],
                 [marked, warnings], show_progress="hidden", trigger_mode="always_last", api_visibility="private")

    @guarded("建议回复")
    def suggest(history_text: str, latest_text: str, name: str | None = None):
        svc = workspace_bar.chosen(services, name)
        if not (latest_text or "").strip():
            raise InputError(NO_CUSTOMER_LINE)
        line = clean_line(latest_text)
        result = svc.suggester.suggest(parse_turns(history_text, line))
        options = list(field_of(result, "suggestions", []))[:MAX_SUGGESTIONS]
        replies = [str(field_of(o, "text", "")) for o in options]
        sources = [src for o in options for src in field_of(o, "sources", [])]
        scenario_key = field_of(result, "scenario", "")
        updates = [gr.update(value=r, visible=True) for r in replies]
        updates += [gr.update(value="", visible=False)] * (MAX_SUGGESTIONS - len(updates))
        return [replies, emotion_badge(field_of(result, "emotion", {})), f"场景：{escape(label(SCENARIO_NAMES, scenario_key))}",
                citations_html(sources, svc.rulebook), *updates]

    outputs = [texts, badge, scenario, citations, *buttons]
    suggest_btn.click(suggest, [history, latest, space], outputs, api_visibility="private")
    latest.submit(suggest, [history, latest, space], outputs, api_visibility="private")

    # Setting the draft fires its change event, so the chosen reply is checked like a typed one.
    for i, button in enumerate(buttons):
        button.click(lambda replies, i=i: replies[i] if i < len(replies) else "", texts, draft,
                     show_progress="hidden", api_visibility="private")
