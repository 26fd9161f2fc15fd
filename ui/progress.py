"""我的进度: a trainee's own past calls, score trends, the rules they break most, and the call they can go on with."""
from __future__ import annotations

from collections import Counter

import gradio as gr
import pandas as pd

from core.records import GradeRecord, SessionRecord
from core.timefmt import beijing_text
from services import Services
from ui import workspace_bar
from ui.guard import warned
from ui.markup import cite, field_of, rule_text
from ui.messages import FINDING_NAMES, NAME_REQUIRED, OUTCOME_NAMES, SUBSCORE_NAMES, InputError, clean_line, escape, label
from ui.practice import LIVE, MAX_NAME

TOTAL = "总分"
SESSION_COLUMNS = ["次序", "开始时间", "客户类型", "场景", "结果", "得分", "句数"]
TREND_COLUMNS = ["第几次", "得分", "项目"]
MOST_MISTAKES = 8
NOTHING_YET = "还没有练习记录：到“练习”页填好姓名，点击“开始练习”吧。"
GO_ON = "有一次练习还没结束：回到“练习”页点击“继续未完成的练习”即可接着练。"


def names_of(options: dict) -> dict[str, str]:
    """Persona or scenario keys to the Chinese names people read."""
    return {k: str(field_of(v, "name") or field_of(v, "title") or "") for k, v in options.items()}


def _named(names: dict[str, str], key: str, missing: str) -> str:
    # A key whose entry has since been removed is not shown raw: people read names, not ids.
    return names.get(key) or missing


def sessions_frame(svc: Services, sessions: list[SessionRecord]) -> pd.DataFrame:
    """The trainee's calls, oldest first and numbered, with Chinese names and Beijing time."""
    personas, scenarios = names_of(svc.personas), names_of(svc.sim_scenarios)
    rows = [[n, beijing_text(s.started_at), _named(personas, s.persona, "其他客户"),
             _named(scenarios, s.scenario, "其他场景"),
             label(OUTCOME_NAMES, s.outcome) if s.outcome else ("进行中" if s.id in LIVE else "未完成"),
             None if s.score is None else round(s.score), s.turns]
            for n, s in enumerate(sessions, start=1)]
    return pd.DataFrame(rows, columns=SESSION_COLUMNS)


def trend_frame(sessions: list[SessionRecord], grades: dict[int, GradeRecord]) -> pd.DataFrame:
    """Score and subscores per graded call, by call number, one line per item."""
    rows = []
    for n, s in enumerate(sessions, start=1):
        if (grade := grades.get(s.id)) is None:
            continue
        rows.append([_nth(n), round(grade.score, 1), TOTAL])
        rows += [[_nth(n), round(float(v), 1), label(SUBSCORE_NAMES, k)] for k, v in grade.subscores.items()
                 if k in SUBSCORE_NAMES]
    return pd.DataFrame(rows, columns=TREND_COLUMNS)


def _nth(n: int) -> str:
    return f"第{n}次"


def trend_plot(frame: pd.DataFrame) -> dict:
    """The trend chart's update: calls in their order on the axis (as labels, so no 1.5th call appears)."""
    return gr.update(value=frame, sort=list(dict.fromkeys(frame["第几次"])))


def mistake_counts(rulebook, grades) -> Counter:
    """How often each (category, rule's words, citation) was broken over these grades, all in Chinese."""
    counts: Counter = Counter()
    for grade in grades:
        for f in grade.findings:
            # A wording violation names its checker category (推卸责任 …), more telling than 违规用语.
            kind = f.get("kind")
            category = label(FINDING_NAMES, kind if kind in FINDING_NAMES else f.get("category"))
            rule = rule_text(rulebook, f.get("rule")) or str(f.get("detail") or "")
            counts[(category, rule, cite(f.get("source")))] += 1
    return counts


def mistakes_md(svc: Services, grades: dict[int, GradeRecord]) -> str:
    """The rules the trainee breaks most, with the rule's words and where the regulation says it."""
    counts = mistake_counts(svc.rulebook, grades.values())
    if not counts:
        return "### 常犯问题\n还没有扣分记录，继续保持。"
    lines = ["### 常犯问题", "", "| 次数 | 类别 | 规定 | 出处 |", "| --- | --- | --- | --- |"]
    for (category, rule, source), n in counts.most_common(MOST_MISTAKES):
        lines.append(f"| {n} | {escape(category)} | {escape(rule)} | {escape(source) or '—'} |")
    return "\n".join(lines)


def summary_md(sessions: list[SessionRecord]) -> str:
    """How many calls, the average, best and latest score, and whether one can be resumed."""
    scores = [s.score for s in sessions if s.score is not None]
    lines = [f"**共练习 {len(sessions)} 次**，已评分 {len(scores)} 次。"]
    if scores:
        lines.append(f"平均 {sum(scores) / len(scores):.0f} 分，最好 {max(scores):.0f} 分，最近一次 {scores[-1]:.0f} 分"
                     + (f"，比第一次{'提高' if scores[-1] >= scores[0] else '下降'} {abs(scores[-1] - scores[0]):.0f} 分"
                        if len(scores) > 1 else "") + "。")
    if any(s.ended_at is None and s.id in LIVE and not LIVE[s.id]["done"] for s in sessions):
        lines.append(GO_ON)
    return "\n\n".join(lines)


def progress(services: Services, trainee: str, workspace: str | None = None):
    """Everything 我的进度 shows for one trainee in one workspace: summary, trend, calls, common mistakes."""
    if not (trainee or "").strip():
        raise InputError(NAME_REQUIRED)
    who = clean_line(trainee, limit=MAX_NAME)
    svc = workspace_bar.chosen(services, workspace)
    sessions = list(reversed(services.records.sessions(trainee=who, workspace=svc.workspace.name)))
    if not sessions:
        return NOTHING_YET, trend_plot(pd.DataFrame(columns=TREND_COLUMNS)), pd.DataFrame(columns=SESSION_COLUMNS), ""
    grades = {s.id: grade for s in sessions if s.score is not None and (grade := services.records.grade(s.id))}
    return (summary_md(sessions), trend_plot(trend_frame(sessions, grades)), sessions_frame(svc, sessions),
            mistakes_md(svc, grades))


def build(services: Services, space: gr.Dropdown, trainee: gr.Textbox) -> None:
    """Lay out 我的进度 inside the current gr.Blocks; `trainee` is the name typed in 练习."""
    with gr.Row():
        who = gr.Textbox(label="学员姓名（与“练习”页相同）", max_length=MAX_NAME, elem_id="progress-name", scale=3)
        show = gr.Button("查看我的进度", variant="primary", elem_id="progress-show", scale=1)
    summary = gr.Markdown(elem_id="progress-summary")
    trend = gr.LinePlot(x="第几次", y="得分", color="项目", title="得分走势（按练习次序）", y_lim=[0, 100], height=260,
                        x_title="第几次练习", elem_id="progress-trend")
    sessions = gr.Dataframe(label="练习记录", interactive=False, wrap=True, elem_id="progress-sessions")
    mistakes = gr.Markdown(elem_id="progress-mistakes")

    outputs = [summary, trend, sessions, mistakes]
    shown = warned("我的进度")(lambda name, workspace: progress(services, name, workspace))
    show.click(shown, [who, space], outputs, api_visibility="private")
    who.submit(shown, [who, space], outputs, api_visibility="private")
    # The name typed in 练习 is this tab's name too; its progress shows without a click.
    trainee.change(lambda name: name, trainee, who, show_progress="hidden", api_visibility="private")
    who.change(lambda name, workspace: shown(name, workspace) if (name or "").strip() else gr.skip(),
               [who, space], outputs, show_progress="hidden", trigger_mode="always_last", api_visibility="private")
