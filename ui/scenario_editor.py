"""练习场景: in the trainer console, list, add and delete a workspace's own practice scenarios."""
from __future__ import annotations

import re

import gradio as gr
import pandas as pd

from services import Services
from simulator.own_scenarios import INTENT_NAMES, delete_scenario, for_trainee, read_scenarios, save_scenario
from simulator.persona import DataError
from ui import workspace_bar
from ui.guard import guarded
from ui.login import require_trainer
from ui.messages import RANDOM, SCENARIO_NAMES, InputError, escape, label

ASSIGNED = "「指派给你」"
COLUMNS = ["编号", "标题", "客户的问题", "客户类型", "场景类型", "指派给"]
# Trainers list names and keywords with whichever separator their keyboard gives.
_SEPARATORS = re.compile(r"[，,、；;\s]+")


def practice_choices(svc: Services, trainee: str | None) -> list[tuple[str, str]]:
    """The practice dropdown: random, then the scenarios assigned to this trainee (marked), then the rest."""
    scenarios = svc.sim_scenarios
    who = (trainee or "").strip()
    options = [(RANDOM, RANDOM)]
    for key in for_trainee(scenarios, who):
        mark = ASSIGNED if who and who in getattr(scenarios[key], "assigned_to", ()) else ""
        options.append((mark + str(getattr(scenarios[key], "title", key)), key))
    return options


def scenario_update(svc: Services, trainee: str | None, chosen: str | None):
    """Fresh practice choices, keeping the trainee's pick while it still exists in this workspace."""
    options = practice_choices(svc, trainee)
    return gr.update(choices=options, value=chosen if chosen in {v for _, v in options} else RANDOM)


def scenarios_table(svc: Services) -> tuple[pd.DataFrame, str]:
    """The workspace's own scenarios, and a note for each file that could not be read."""
    specs, problems = read_scenarios(svc.workspace.scenarios_dir)
    personas = {k: p.name for k, p in svc.personas.items()}
    rows = [{"编号": s.id, "标题": s.title, "客户的问题": " / ".join(s.opening), "客户类型": label(personas, s.persona),
             "场景类型": label(SCENARIO_NAMES, s.scenario_key), "指派给": "、".join(s.assigned_to)} for s in specs]
    note = "\n".join(f"- ⚠️ {escape(p)}" for p in problems) if problems else ("" if rows else "本工作区还没有自己的练习场景。")
    return pd.DataFrame(rows, columns=COLUMNS), note


def _pairs(text: str, what: str) -> dict[str, str]:
    facts = {}
    for line in filter(str.strip, (text or "").splitlines()):
        name, value = (re.split(r"[:：]", line, maxsplit=1) + [""])[:2]
        if not name.strip() or not value.strip():
            raise InputError(f"{what}每行写成“名称：值”，例如 户号：1234567。这一行不对：{line.strip()}")
        facts[name.strip()] = value.strip()
    return facts


def _words(text: str) -> list[str]:
    return [w for w in _SEPARATORS.split(text or "") if w]


def build(services: Services, authed: gr.State) -> None:
    """Lay out the 练习场景 accordion inside the trainer console."""
    personas = [(p.name, k) for k, p in services.personas.items()]
    keys = [(name, key) for key, name in SCENARIO_NAMES.items()]
    with gr.Accordion("练习场景", open=False, elem_id="scen-accordion") as accordion:
        space = gr.Dropdown(workspace_bar.choices(services), value=services.workspace.name, label="工作区",
                            elem_id="scen-space")
        show = gr.Button("刷新列表", elem_id="scen-show")
        table = gr.Dataframe(headers=COLUMNS, interactive=False, elem_id="scen-table")
        note = gr.Markdown(elem_id="scen-note")
        gr.Markdown("#### 新增练习场景")
        title = gr.Textbox(label="标题", max_length=60, elem_id="scen-title")
        opening = gr.Textbox(label="客户的问题（开场白，每行一句）", lines=2, elem_id="scen-opening")
        with gr.Row():
            facts = gr.Textbox(label="客户知道的信息（每行“名称：值”，问到就说）", lines=2, elem_id="scen-facts")
            hidden = gr.Textbox(label="隐藏信息（每行“名称：值”，只有点名问到才说）", lines=2, elem_id="scen-hidden")
        wants = gr.Textbox(label="客户的诉求（每行一句，可留空）", lines=1, elem_id="scen-wants")
        with gr.Row():
            keywords = gr.Textbox(label="怎样算解决：坐席要说到的关键词（用逗号或顿号分隔）", elem_id="scen-keywords")
            intents = gr.CheckboxGroup([(v, k) for k, v in INTENT_NAMES.items()], label="怎样算解决：坐席要做到的事",
                                       elem_id="scen-intents")
        with gr.Row():
            persona = gr.Dropdown(personas, value=personas[0][1], label="客户类型", elem_id="scen-persona")
            key = gr.Dropdown(keys, value="other", label="场景类型", elem_id="scen-key")
        with gr.Row():
            rules = gr.Textbox(label="评分引用的规则编号（可留空，逗号分隔）", elem_id="scen-rules")
            assigned = gr.Textbox(label="指派给学员（可留空，逗号分隔）", elem_id="scen-assigned")
        save = gr.Button("保存练习场景", variant="primary", elem_id="scen-save")
        with gr.Row():
            doomed = gr.Dropdown([], label="要删除的场景", elem_id="scen-delete-id")
            delete = gr.Button("删除", variant="stop", elem_id="scen-delete")
        status = gr.Markdown(elem_id="scen-status")

    def listing(ok: bool, workspace: str | None):
        require_trainer(ok)
        svc = workspace_bar.chosen(services, workspace)
        frame, problems = scenarios_table(svc)
        return frame, problems, gr.update(choices=[(f"{t}（{i}）", i) for i, t in zip(frame["编号"], frame["标题"])],
                                          value=None)

    @guarded("练习场景")
    def add(ok, workspace, name, lines, known, secret, wishes, words, doings, caller, kind, rule_text, trainees):
        require_trainer(ok)
        svc = workspace_bar.chosen(services, workspace)
        rule_ids = _words(rule_text)
        approved = {e.id for e in svc.rulebook.all_entries()}
        if unknown := [r for r in rule_ids if r not in approved]:
            raise InputError(f"规则库里没有这些已采用的规则编号：{'、'.join(unknown)}。请到知识库核对。")
        data = {"title": name, "opening": (lines or "").splitlines(), "facts": _pairs(known, "客户知道的信息"),
                "hidden": _pairs(secret, "隐藏信息"), "wants": (wishes or "").splitlines(),
                "resolve_keywords": _words(words), "resolve_intents": doings or [], "persona": caller,
                "scenario_key": kind, "rules": rule_ids, "assigned_to": _words(trainees)}
        try:
            scenario_id = save_scenario(svc.workspace.scenarios_dir, data)
        except DataError as exc:
            raise InputError(str(exc)) from None
        svc.reload_scenarios()
        saved = f"已保存练习场景「{escape((name or '').strip())}」（编号 {escape(scenario_id)}），学员在“练习”里即可选择。"
        return *listing(ok, workspace), saved

    @guarded("练习场景")
    def remove(ok, workspace, scenario_id):
        require_trainer(ok)
        if not scenario_id:
            raise InputError("请先选择要删除的练习场景。")
        svc = workspace_bar.chosen(services, workspace)
        try:
            delete_scenario(svc.workspace.scenarios_dir, scenario_id)
        except DataError as exc:
            raise InputError(str(exc)) from None
        svc.reload_scenarios()
        return *listing(ok, workspace), f"已删除练习场景 {escape(scenario_id)}。"

    shown = [table, note, doomed]
    form = [title, opening, facts, hidden, wants, keywords, intents, persona, key, rules, assigned]
    for opened in (accordion.expand, show.click):
        opened(guarded("练习场景")(listing), [authed, space], shown, api_visibility="private")
    space.change(guarded("练习场景")(listing), [authed, space], shown, api_visibility="private")
    save.click(add, [authed, space, *form], [*shown, status], api_visibility="private")
    delete.click(remove, [authed, space, doomed], [*shown, status], api_visibility="private")
