"""练习: a trainee talks to a simulated customer, watches its mood, and gets a cited scorecard."""
from __future__ import annotations

import random
import threading
import time

import gradio as gr

from core.records import GradeRecord
from services import Services
from simulator.grader import where
from ui import workspace_bar
from ui.guard import guarded
from ui.markup import cite, emotion_badge, field_of, highlight, rule_text, violations_md
from ui.messages import (CATEGORY_NAMES, FINDING_NAMES, NAME_REQUIRED, NAME_TOO_LONG, NO_SESSION, OUTCOME_NAMES, RANDOM,
                         SESSION_OVER, SUBSCORE_NAMES, InputError, clean_line, escape, label)

MAX_NAME = 40
# Send-click and Enter can fire together with the same line: a repeat this soon is that double press.
DOUBLE_SEND_SECONDS = 1.0


def _choices(options: dict) -> list[tuple[str, str]]:
    return [(RANDOM, RANDOM)] + [(str(field_of(v, "name") or field_of(v, "title") or k), k)
                                 for k, v in options.items()]


def _pick(choice: str, options: dict, rng: random.Random) -> str:
    if choice and choice != RANDOM and choice in options:
        return choice
    return rng.choice(sorted(options))


def _customer_message(turn) -> dict:
    return {"role": "assistant", "content": escape(field_of(turn, "text", ""))}


def _mood(turn) -> str:
    return emotion_badge({"label": field_of(turn, "emotion", "neutral"),
                          "intensity": field_of(turn, "intensity", 0.0)}, elem="mood")


def scorecard_md(grade, transcript_texts: list[str], rulebook=None) -> str:
    """Total, subscores and per-turn findings with their cited rules, as Markdown."""
    lines = [f"## 评分：{float(field_of(grade, 'score', 0)):.0f} / 100", ""]
    if summary := field_of(grade, "summary"):
        lines += [escape(summary), ""]
    subscores = field_of(grade, "subscores", {}) or {}
    if subscores:
        lines += ["| 项目 | 得分 |", "| --- | --- |"]
        lines += [f"| {escape(label(SUBSCORE_NAMES, k))} | {float(v):.0f} |" for k, v in subscores.items()]
        lines.append("")
    if formula := field_of(grade, "formula"):
        lines += [f"_计分方法：{escape(formula)}_", ""]
    findings = field_of(grade, "findings", []) or []
    lines.append("### 逐句点评" if findings else "### 没有扣分项")
    for f in findings:
        turn = field_of(f, "turn")
        said = transcript_texts[turn] if isinstance(turn, int) and 0 <= turn < len(transcript_texts) else ""
        points = float(field_of(f, "points", 0) or 0)
        head = f"- **{where(turn)}**（{escape(label(FINDING_NAMES, field_of(f, 'category')))}，扣 {points:g} 分）"
        lines.append(head + (f"：“{escape(said)}”" if said else ""))
        lines.append(f"  - {escape(field_of(f, 'detail', ''))}")
        if rule := field_of(f, "rule"):
            lines.append(f"  - 规定：{escape(rule_text(rulebook, rule))}")
        if source := cite(field_of(f, "source")):
            lines.append(f"  - 出处：{escape(source)}")
    return "\n".join(lines)


def build(services: Services, space: gr.Dropdown) -> None:
    """Lay out the practice tab inside the current gr.Blocks."""
    state = gr.State(None)
    with gr.Row():
        name = gr.Textbox(label="学员姓名", max_length=MAX_NAME, elem_id="practice-name")
        persona = gr.Dropdown(_choices(services.personas), value=RANDOM, label="客户类型", elem_id="practice-persona")
        scenario = gr.Dropdown(_choices(services.sim_scenarios), value=RANDOM, label="场景",
                               elem_id="practice-scenario")
        coach = gr.Checkbox(label="教练模式（实时提示违规用语）", value=False, elem_id="practice-coach")
    start = gr.Button("开始练习", variant="primary", elem_id="practice-start")
    with gr.Row():
        with gr.Column(scale=3):
            chat = gr.Chatbot(label="通话", height=380, elem_id="practice-chat")
            reply = gr.Textbox(label="你的回复", lines=2, elem_id="practice-reply")
            with gr.Row():
                send = gr.Button("发送", variant="primary", elem_id="practice-send")
                finish = gr.Button("结束并评分", elem_id="practice-finish")
        with gr.Column(scale=1):
            mood = gr.HTML(label="客户情绪", elem_id="practice-mood")
            coach_marked = gr.HighlightedText(label="教练提示", show_legend=False, visible=False,
                                              elem_id="practice-coach-marked")
            coach_notes = gr.Markdown(elem_id="practice-coach-notes")
    scorecard = gr.Markdown(elem_id="practice-scorecard")
    again = gr.Button("再练一次", visible=False, elem_id="practice-again")

    @guarded("练习")
    def begin(trainee: str, persona_key: str, scenario_key: str, workspace: str | None = None):
        if not (trainee or "").strip():
            raise InputError(NAME_REQUIRED)
        if len(trainee.strip()) > MAX_NAME:
            raise InputError(NAME_TOO_LONG.format(limit=MAX_NAME))
        trainee = clean_line(trainee)
        svc = workspace_bar.chosen(services, workspace)
        seed = random.SystemRandom().randrange(1_000_000)
        rng = random.Random(seed)
        p, s = _pick(persona_key, services.personas, rng), _pick(scenario_key, services.sim_scenarios, rng)
        session = svc.new_session(p, s, seed)
        opening = session.opening()
        session_id = services.records.start_session(trainee, p, s, seed, workspace=svc.workspace.name)
        workspace_bar.remember(services, trainee, svc.workspace.name)
        services.records.add_turn(session_id, "customer", field_of(opening, "text", ""),
                                  field_of(opening, "emotion"), field_of(opening, "intensity"))
        # The chat lives here, not in the browser's copy: a handler that waited for the lock shows the turns
        # the one before it added. The lock lets one reply of this session run at a time.
        new_state = {"session": session, "svc": svc, "id": session_id, "texts": [field_of(opening, "text", "")], "done": False,
                     "chat": [_customer_message(opening)], "lock": threading.Lock(), "last": ("", 0.0)}
        return (new_state, list(new_state["chat"]), _mood(opening), "", gr.update(visible=False), "", "",
                gr.update(visible=False))

    start_outputs = [state, chat, mood, reply, coach_marked, coach_notes, scorecard, again]
    start.click(begin, [name, persona, scenario, space], start_outputs, api_visibility="private")
    again.click(begin, [name, persona, scenario, space], start_outputs, api_visibility="private")
    # A returning trainee finds the workspace they last practised in.
    name.blur(lambda who, current: workspace_bar.remembered(services, who) or current, [name, space], space,
              api_visibility="private")

    def grade_session(current: dict) -> str:
        session = current["session"]
        grade = current["svc"].grader.grade(session.transcript())
        current["done"] = True
        record = GradeRecord(score=float(field_of(grade, "score", 0)),
                             subscores=dict(field_of(grade, "subscores", {}) or {}),
                             findings=[f.model_dump(mode="json") if hasattr(f, "model_dump") else dict(f)
                                       for f in field_of(grade, "findings", []) or []],
                             summary=str(field_of(grade, "summary", "") or ""),
                             status=str(field_of(grade, "status", "complete") or "complete"))
        outcome = str(field_of(session, "outcome", None) or "unfinished")
        services.records.finish_session(current["id"], outcome, record)
        head = f"**结果：{escape(label(OUTCOME_NAMES, outcome))}**\n\n" if outcome != "unfinished" else ""
        return head + scorecard_md(grade, current["texts"], current["svc"].rulebook)

    @guarded("练习")
    def respond(current: dict | None, text: str, coaching: bool):
        arrived = time.monotonic()
        if not current:
            raise InputError(NO_SESSION)
        line = clean_line(text)
        with current["lock"]:
            last_line, last_at = current["last"]
            if line == last_line and abs(arrived - last_at) < DOUBLE_SEND_SECONDS:
                return current, list(current["chat"]), *[gr.update()] * 6
            if current["done"]:
                raise InputError(SESSION_OVER)
            current["last"] = (line, arrived)
            return take_turn(current, line, coaching)

    def take_turn(current: dict, line: str, coaching: bool):
        session = current["session"]
        marked, notes, shown = gr.update(visible=False), "", escape(line)
        if coaching:
            violations = list(field_of(current["svc"].checker.check(line), "violations", []))
            marked = gr.update(value=highlight(line, violations), visible=bool(violations))
            notes = violations_md(violations, current["svc"].rulebook)
            if violations:
                shown += "\n\n⚠️ " + "；".join(escape(label(CATEGORY_NAMES, field_of(v, "category")))
                                              for v in violations)
        services.records.add_turn(current["id"], "agent", line)
        current["texts"].append(line)
        current["chat"].append({"role": "user", "content": shown})
        turn = session.reply(line)
        if turn is not None and field_of(turn, "text"):
            services.records.add_turn(current["id"], "customer", field_of(turn, "text"),
                                      field_of(turn, "emotion"), field_of(turn, "intensity"))
            current["texts"].append(field_of(turn, "text"))
            current["chat"].append(_customer_message(turn))
        card, again_visible = "", False
        if session.done:
            card, again_visible = grade_session(current), True
        return current, list(current["chat"]), _mood(turn) if turn is not None else gr.update(), "", marked, notes, \
            card, gr.update(visible=again_visible)

    turn_outputs = [state, chat, mood, reply, coach_marked, coach_notes, scorecard, again]
    send.click(respond, [state, reply, coach], turn_outputs, api_visibility="private")
    reply.submit(respond, [state, reply, coach], turn_outputs, api_visibility="private")

    @guarded("评分")
    def end(current: dict | None):
        if not current:
            raise InputError(NO_SESSION)
        with current["lock"]:  # never grade while a reply is still being added
            if current["done"]:
                raise InputError(SESSION_OVER)
            return current, grade_session(current), gr.update(visible=True)

    finish.click(end, state, [state, scorecard, again], api_visibility="private")
