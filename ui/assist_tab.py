"""坐席助手: warnings on the agent's draft as they type, the customer's emotion, suggested replies."""
from __future__ import annotations

import re

import gradio as gr

from services import Services
from ui import workspace_bar
from ui.guard import warned
from ui.markup import CATEGORY_COLOURS, check_draft
from ui.messages import EMPTY_LINE, InputError, clean_line
from ui.streaming import suggest_handler

MAX_SUGGESTIONS = 3
CUSTOMER = "客户"
AGENT = "坐席"
# Who speaks, as call-centre transcripts and chat exports write it; the rest of the line is what was said.
# A name or badge number may follow the role (客服小王：, 坐席(工号1024)：); a leading time stamp is dropped.
_SPEAKERS = {**dict.fromkeys(("客户", "顾客", "用户", "来电人", "来电", "访客", "买家", "客人"), "customer"),
             **dict.fromkeys(("坐席", "座席", "客服", "话务员", "接线员", "工作人员"), "agent")}
_SPEAKER = re.compile(r"^(?:\[?[\d:：/\- ]{4,}\]?\s*)?(" + "|".join(sorted(_SPEAKERS, key=len, reverse=True))
                      + r")(?:[（(][^）)]{0,12}[）)]|[\w]{0,4}?)\s*[：:]\s*")


def parse_turns(history: str, latest: str) -> list[dict]:
    """A pasted conversation (speaker prefixes optional: unmarked lines alternate) plus the latest customer line."""
    turns: list[dict] = []
    for raw in (history or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        if found := _SPEAKER.match(line):
            role, line = _SPEAKERS[found.group(1)], line[found.end():].strip()
        else:  # an unmarked line answers the one before it; a conversation opens with the caller
            role = "agent" if turns and turns[-1]["role"] == "customer" else "customer"
        if line:
            turns.append({"role": role, "text": line})
    if (latest or "").strip():
        turns.append({"role": "customer", "text": latest})
    return turns


def with_latest(history: str, latest: str) -> tuple[str, str]:
    """History and the customer line to answer: the typed one, else the pasted conversation's last customer line."""
    if (latest or "").strip():
        return history, latest
    turns = parse_turns(history, "")
    if not turns or turns[-1]["role"] != "customer":
        return history, ""  # the suggester then asks for the customer's line, in Chinese
    rest = [f"{CUSTOMER if t['role'] == 'customer' else AGENT}：{t['text']}" for t in turns[:-1]]
    return "\n".join(rest), turns[-1]["text"]


def append_line(history: str, text: str, role: str) -> str:
    """The conversation box with one more line, prefixed with its speaker."""
    line = clean_line(text)
    return "\n".join(filter(None, [(history or "").rstrip(), f"{role}：{line}"]))


def build(services: Services, space: gr.Dropdown) -> None:
    """Lay out the live-assist tab inside the current gr.Blocks."""
    texts = gr.State([])
    with gr.Row():
        with gr.Column(scale=1):
            history = gr.Textbox(label="对话记录（可整段粘贴；“客户：”“坐席：”开头更准确，不写则按一问一答）",
                                 lines=6, max_lines=14, elem_id="assist-history")
            latest = gr.Textbox(label="客户最新一句（留空则用对话记录的最后一句客户话）", lines=1, max_lines=4,
                                elem_id="assist-latest")
            gr.Markdown("按 Enter 获取建议，Shift+Enter 换行", elem_classes="kefu-hint")
            with gr.Row():
                suggest_btn = gr.Button("获取建议回复", variant="primary", elem_id="assist-suggest")
                add_customer = gr.Button("客户这句加入记录", elem_id="assist-add-customer")
            badge = gr.HTML(elem_id="assist-emotion")
            scenario = gr.Markdown(elem_id="assist-scenario")
        with gr.Column(scale=1):
            draft = gr.Textbox(label="坐席草稿（输入时实时检查）", lines=3, buttons=["copy"], elem_id="assist-draft")
            add_agent = gr.Button("草稿加入记录（坐席已说）", size="sm", elem_id="assist-add-agent")
            marked = gr.HighlightedText(label="草稿检查", color_map=CATEGORY_COLOURS, show_legend=False,
                                        combine_adjacent=False, elem_id="assist-marked")
            warnings = gr.Markdown(elem_id="assist-warnings")
            gr.Markdown("#### 建议回复\n点击一条即可填入草稿，再按需修改。", elem_id="assist-suggestions-head")
            buttons = [gr.Button(visible=False, elem_id=f"assist-suggestion-{i}", elem_classes="kefu-suggestion")
                       for i in range(MAX_SUGGESTIONS)]
            citations = gr.HTML(elem_id="assist-citations")

    def checked(draft_text: str, name: str | None):
        svc = workspace_bar.chosen(services, name)
        return check_draft(svc.checker, svc.rulebook, draft_text)

    # `change`, not `input`: Gradio's input event rides on keypress, which IME typing (how Chinese is
    # typed) and pasting never fire. A newer draft supersedes a pending check; no spinner.
    draft.change(checked, [draft, space], [marked, warnings], show_progress="hidden", trigger_mode="always_last",
                 api_visibility="private")

    # A generator: a served model's text shows as it arrives, then the checked replies replace it.
    stream = suggest_handler(services, parse_turns)

    @warned("建议回复")
    def suggest(history_text: str, latest_text: str, name: str | None = None):
        yield from stream(*with_latest(history_text, latest_text), name)

    outputs = [texts, badge, scenario, citations, *buttons]
    suggest_btn.click(suggest, [history, latest, space], outputs, api_visibility="private")
    latest.submit(suggest, [history, latest, space], outputs, api_visibility="private")

    @warned("对话记录")
    def add(history_text: str, text: str, role: str):
        if not (text or "").strip():
            raise InputError(EMPTY_LINE)
        return append_line(history_text, text, role), ""

    add_customer.click(lambda h, t: add(h, t, CUSTOMER), [history, latest], [history, latest],
                       show_progress="hidden", api_visibility="private")
    add_agent.click(lambda h, t: add(h, t, AGENT), [history, draft], [history, draft],
                    show_progress="hidden", api_visibility="private")

    # The chosen reply arrives with its own check, so the old draft's warnings never flash on it.
    def choose(replies: list, name: str | None, i: int):
        text = replies[i] if i < len(replies) else ""
        return text, *checked(text, name)

    for i, button in enumerate(buttons):
        button.click(lambda replies, name, i=i: choose(replies, name, i), [texts, space], [draft, marked, warnings],
                     show_progress="hidden", api_visibility="private")
