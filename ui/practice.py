"""练习: a trainee talks to a simulated customer, watches its mood, and gets a cited scorecard."""
from __future__ import annotations

import random
import threading
import time
from collections import OrderedDict

import gradio as gr

from core.records import GradeRecord
from services import Services
from simulator.grader import where
from ui import workspace_bar
from ui.scenario_editor import practice_choices, scenario_update
from ui.guard import warned
from ui.markup import (check_draft, cite, emotion_badge, field_of, highlight, mood_trend, numbered, rule_text,
                       violations_md)
from ui.messages import (CALL_ENDED, FINDING_NAMES, NAME_REQUIRED, NAME_TOO_LONG, NO_SESSION, OUTCOME_NAMES, RANDOM,
                         SESSION_OVER, SUBSCORE_NAMES, InputError, clean_line, escape, label)

MAX_NAME = 40
# Send-click and Enter can fire together with the same line: a repeat this soon is that double press.
DOUBLE_SEND_SECONDS = 1.0
# Calls in progress by session id, so a trainee who reloads the page can go on; the oldest are forgotten.
LIVE: OrderedDict[int, dict] = OrderedDict()
MAX_LIVE = 500
SEND_HINT = "按 Enter 发送，Shift+Enter 换行"
# After a call ends, bring its scorecard into view (it sits below the chat, often below the fold).
SCROLL_TO_SCORECARD = """() => { const card = document.querySelector('#practice-scorecard');
  if (card && card.innerText.includes('评分：')) card.scrollIntoView({behavior: 'smooth', block: 'start'}); }"""


def _choices(options: dict) -> list[tuple[str, str]]:
    return [(RANDOM, RANDOM)] + [(_name(options, k), k) for k in options]


def _name(options: dict, key: str) -> str:
    value = options.get(key)
    return str(field_of(value, "name") or field_of(value, "title") or key)


def _pick(choice: str, options: dict, rng: random.Random) -> str:
    if choice and choice != RANDOM and choice in options:
        return choice
    return rng.choice(sorted(options))


def _mood(current: dict) -> str:
    """The caller's mood now, and its trend over the call so far."""
    turn, key, intensity = current["moods"][-1]
    return emotion_badge({"label": key, "intensity": intensity}, elem="mood") + mood_trend(current["moods"])


def _say(current: dict, role: str, text: str, shown: str, emotion: str | None = None,
         intensity: float | None = None) -> None:
    """Record one turn and show it as a numbered bubble."""
    services = current["services"]
    services.records.add_turn(current["id"], role, text, emotion, intensity)
    current["texts"].append(text)
    turn = len(current["texts"])
    current["chat"].append({"role": "assistant" if role == "customer" else "user", "content": numbered(turn, shown)})
    if role == "customer":
        current["moods"].append((turn, emotion or "neutral", float(intensity or 0.0)))


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
        if rule := rule_text(rulebook, field_of(f, "rule")):
            lines.append(f"  - 规定：{escape(rule)}")
        if source := cite(field_of(f, "source")):
            lines.append(f"  - 出处：{escape(source)}")
    return "\n".join(lines)


def unfinished(services: Services, trainee: str) -> dict | None:
    """The trainee's latest call still in progress in this app (one they can go on with), if any."""
    who = (trainee or "").strip()
    if not who:
        return None
    for record in services.records.sessions(trainee=who):
        current = LIVE.get(record.id)
        if record.ended_at is None and current is not None and not current["done"]:
            return current
    return None


def _keep(current: dict) -> None:
    LIVE[current["id"]] = current
    while len(LIVE) > MAX_LIVE:
        LIVE.popitem(last=False)


def drawn_md(current: dict) -> str:
    """Who the trainee is talking to: the persona and scenario the call drew, by their Chinese names."""
    return f"**本次客户**：{escape(current['persona_name'])}　**场景**：{escape(current['scenario_name'])}"


def build(services: Services, space: gr.Dropdown) -> gr.Textbox:
    """Lay out the practice tab inside the current gr.Blocks; returns the trainee-name box (我的进度 reads it)."""
    state = gr.State(None)
    remembered = gr.BrowserState("", storage_key="kefu-trainee")
    with gr.Row():
        name = gr.Textbox(label="学员姓名", max_length=MAX_NAME, elem_id="practice-name")
        persona = gr.Dropdown(_choices(services.personas), value=RANDOM, label="客户类型", elem_id="practice-persona")
        scenario = gr.Dropdown(practice_choices(services, None), value=RANDOM, label="场景",
                               elem_id="practice-scenario")
        coach = gr.Checkbox(label="教练模式（输入时实时提示违规用语）", value=False, elem_id="practice-coach")
    with gr.Row():
        start = gr.Button("开始练习", variant="primary", elem_id="practice-start")
        resume = gr.Button("继续未完成的练习", visible=False, elem_id="practice-resume")
    drawn = gr.Markdown(elem_id="practice-drawn")
    with gr.Row():
        with gr.Column(scale=3):
            chat = gr.Chatbot(label="通话", height=380, elem_id="practice-chat")
            reply = gr.Textbox(label="你的回复", lines=1, max_lines=4, elem_id="practice-reply")
            gr.Markdown(SEND_HINT, elem_id="practice-hint", elem_classes="kefu-hint")
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

    def shown(current: dict, card: str = ""):
        """Every output of a call's view, from its state: [state, chat, mood, reply, marked, notes, card, again,
        drawn, send, finish, resume]."""
        over = current["done"]
        return (current, list(current["chat"]), _mood(current), gr.update(value="", interactive=not over),
                gr.update(visible=False), "", card, gr.update(visible=over), drawn_md(current),
                gr.update(interactive=not over), gr.update(interactive=not over), gr.update(visible=False))

    @warned("练习")
    def begin(trainee: str, persona_key: str, scenario_key: str, workspace: str | None = None):
        if not (trainee or "").strip():
            raise InputError(NAME_REQUIRED)
        if len(trainee.strip()) > MAX_NAME:
            raise InputError(NAME_TOO_LONG.format(limit=MAX_NAME))
        trainee = clean_line(trainee)
        svc = workspace_bar.chosen(services, workspace)
        seed = random.SystemRandom().randrange(1_000_000)
        rng = random.Random(seed)
        s = _pick(scenario_key, svc.sim_scenarios, rng)
        # A workspace's own scenario names the caller it was written for, unless the trainee chose one.
        own_persona = getattr(svc.sim_scenarios[s], "persona", RANDOM)
        p = _pick(own_persona if persona_key in (None, RANDOM) else persona_key, services.personas, rng)
        session = svc.new_session(p, s, seed)
        opening = session.opening()
        session_id = services.records.start_session(trainee, p, s, seed, workspace=svc.workspace.name)
        workspace_bar.remember(services, trainee, svc.workspace.name)
        # The chat lives here, not in the browser's copy: a handler that waited for the lock shows the turns
        # the one before it added. The lock lets one reply of this session run at a time.
        current = {"session": session, "svc": svc, "services": services, "id": session_id, "texts": [], "done": False,
                   "chat": [], "moods": [], "lock": threading.Lock(), "last": ("", 0.0), "trainee": trainee,
                   "persona_name": _name(services.personas, p), "scenario_name": _name(svc.sim_scenarios, s)}
        text = field_of(opening, "text", "")
        _say(current, "customer", text, escape(text), field_of(opening, "emotion"), field_of(opening, "intensity"))
        _keep(current)
        return *shown(current), trainee

    call_outputs = [state, chat, mood, reply, coach_marked, coach_notes, scorecard, again, drawn, send, finish, resume]
    start.click(begin, [name, persona, scenario, space], [*call_outputs, remembered], api_visibility="private")
    again.click(begin, [name, persona, scenario, space], [*call_outputs, remembered], api_visibility="private")

    @warned("练习")
    def go_on(trainee: str):
        current = unfinished(services, trainee)
        if current is None:
            raise InputError(NO_SESSION)
        return shown(current)

    resume.click(go_on, name, call_outputs, api_visibility="private")

    # A returning trainee finds the workspace they last practised in.
    name.blur(lambda who, current_space: workspace_bar.remembered(services, who) or current_space, [name, space],
              space, api_visibility="private")
    # The scenario list follows the workspace, with the scenarios assigned to this trainee first.
    for changed in (space.change, name.blur, scenario.focus):
        changed(lambda who, ws, chosen: scenario_update(workspace_bar.chosen(services, ws), who, chosen),
                [name, space, scenario], scenario, api_visibility="private")
    # On page load the browser's remembered name comes back, and with it the offer to go on with its call.
    gr.on(None, lambda who: (who or gr.skip(), workspace_bar.remembered(services, who) or gr.skip()),
          remembered, [name, space], api_visibility="private")

    def offer(who: str, current: dict | None):
        found = unfinished(services, who)
        return gr.update(visible=found is not None and (not current or current["id"] != found["id"]))

    name.change(offer, [name, state], resume, show_progress="hidden", trigger_mode="always_last",
                api_visibility="private")

    def grade_session(current: dict) -> str:
        session = current["session"]
        grade = current["svc"].grader.grade(session.transcript())
        current["done"] = True
        LIVE.pop(current["id"], None)
        record = GradeRecord(score=float(field_of(grade, "score", 0)),
                             subscores=dict(field_of(grade, "subscores", {}) or {}),
                             findings=[f.model_dump(mode="json") if hasattr(f, "model_dump") else dict(f)
                                       for f in field_of(grade, "findings", []) or []],
                             summary=str(field_of(grade, "summary", "") or ""),
                             status=str(field_of(grade, "status", "complete") or "complete"))
        outcome = str(field_of(session, "outcome", None) or "unfinished")
        services.records.finish_session(current["id"], outcome, record)
        # The call's end is said in the chat itself, where the trainee is looking.
        current["chat"].append({"role": "assistant", "content": CALL_ENDED.format(outcome=label(OUTCOME_NAMES, outcome))})
        head = f"**结果：{escape(label(OUTCOME_NAMES, outcome))}**\n\n" if outcome != "unfinished" else ""
        return head + scorecard_md(grade, current["texts"], current["svc"].rulebook)

    @warned("练习")
    def respond(current: dict | None, text: str, coaching: bool):
        arrived = time.monotonic()
        if not current:
            raise InputError(NO_SESSION)
        line = clean_line(text)
        with current["lock"]:
            last_line, last_at = current["last"]
            if line == last_line and abs(arrived - last_at) < DOUBLE_SEND_SECONDS:
                return gr.skip()
            if current["done"]:
                raise InputError(SESSION_OVER)
            current["last"] = (line, arrived)
            return take_turn(current, line, coaching)

    def take_turn(current: dict, line: str, coaching: bool):
        session = current["session"]
        marked, notes, said = gr.update(visible=False), "", escape(line)
        if coaching:
            violations = list(field_of(current["svc"].checker.check(line), "violations", []))
            marked = gr.update(value=highlight(line, violations), visible=bool(violations))
            notes = violations_md(violations, current["svc"].rulebook)
            if violations:
                # Two spans of one kind (不归我们管 … 你自己去问) read as one warning, not the same word twice.
                kinds = dict.fromkeys(label(FINDING_NAMES, field_of(v, "category")) for v in violations)
                said += "\n\n⚠️ " + "；".join(escape(kind) for kind in kinds)
        _say(current, "agent", line, said)
        turn = session.reply(line)
        if turn is not None and field_of(turn, "text"):
            text = field_of(turn, "text")
            _say(current, "customer", text, escape(text), field_of(turn, "emotion"), field_of(turn, "intensity"))
        card = grade_session(current) if session.done else ""
        outputs = list(shown(current, card))
        outputs[4:6] = [marked, notes]
        return outputs

    sent = dict(inputs=[state, reply, coach], outputs=call_outputs, api_visibility="private")
    send.click(respond, **sent).then(None, js=SCROLL_TO_SCORECARD)
    reply.submit(respond, **sent).then(None, js=SCROLL_TO_SCORECARD)

    def coach_draft(current: dict | None, draft: str, coaching: bool):
        """Coach mode checks the reply as it is typed; an emptied box keeps the last sent line's notes."""
        if not coaching or not current or current["done"] or not (draft or "").strip():
            return gr.skip()
        marks, notes = check_draft(current["svc"].checker, current["svc"].rulebook, draft)
        return gr.update(value=marks, visible=any(category for _, category in marks)), notes

    reply.change(coach_draft, [state, reply, coach], [coach_marked, coach_notes], show_progress="hidden",
                 trigger_mode="always_last", api_visibility="private")

    @warned("评分")
    def end(current: dict | None):
        if not current:
            raise InputError(NO_SESSION)
        with current["lock"]:  # never grade while a reply is still being added
            if current["done"]:
                raise InputError(SESSION_OVER)
            return shown(current, grade_session(current))

    finish.click(end, state, call_outputs, api_visibility="private").then(None, js=SCROLL_TO_SCORECARD)
    return name
