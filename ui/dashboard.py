"""The trainer dashboard: trends by practice number, the most common mistakes, and results per persona and scenario."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import NamedTuple

import gradio as gr
import pandas as pd

from core.records import GradeRecord, SessionRecord
from ui.messages import SUBSCORE_NAMES, escape
from ui.progress import TOTAL, mistake_counts, names_of

TEAM = "团队平均"
MEASURES = [TOTAL, *SUBSCORE_NAMES.values()]
TREND_COLUMNS = ["第几次", "得分", "学员"]
MOST_RULES = 10
RESOLVED = "resolved"
PALETTE = ["#1a73e8", "#e8710a", "#188038", "#d93025", "#9334e6", "#12a4af", "#b06000", "#c5221f", "#5f6368",
           "#e52592"]
NO_GRADES = "还没有已评分的练习：学员完成练习并评分后，这里会显示走势、常见错误和分类统计。"


def numbered(sessions: list[SessionRecord]) -> list[tuple[int, SessionRecord]]:
    """Each session with its place among its trainee's sessions (1 = their first practice), oldest first."""
    seen: Counter = Counter()
    out = []
    for s in sorted(sessions, key=lambda s: (s.started_at, s.id)):
        seen[s.trainee] += 1
        out.append((seen[s.trainee], s))
    return out


def _measure(grade: GradeRecord, measure: str) -> float | None:
    if measure == TOTAL:
        return grade.score
    key = next((k for k, name in SUBSCORE_NAMES.items() if name == measure), None)
    value = grade.subscores.get(key) if key else None
    return None if value is None else float(value)


def trend_frame(sessions: list[SessionRecord], grades: dict[int, GradeRecord], measure: str = TOTAL,
                trainee: str | None = None) -> pd.DataFrame:
    """One line per trainee (or only `trainee`) and the team's mean, by practice number, for one measure."""
    points: dict[str, dict[int, float]] = defaultdict(dict)
    for n, s in numbered(sessions):
        grade = grades.get(s.id)
        if grade is not None and (value := _measure(grade, measure)) is not None:
            points[s.trainee][n] = value
    by_number: dict[int, list[float]] = defaultdict(list)
    for line in points.values():
        for n, value in line.items():
            by_number[n].append(value)
    team = {n: sum(v) / len(v) for n, v in by_number.items()}
    shown = {name: line for name, line in points.items() if not trainee or name == trainee}
    rows = [[n, round(value, 1), name] for name, line in {**shown, TEAM: team}.items() for n, value in line.items()]
    rows.sort(key=lambda r: r[0])
    return pd.DataFrame([[f"第{n}次", value, name] for n, value, name in rows], columns=TREND_COLUMNS)


def trend_svg(frame: pd.DataFrame, measure: str = TOTAL) -> str:
    """An inline SVG line chart, one line per trainee and a thick dashed team line, with a Chinese legend.

    Drawn as markup rather than a plotting widget: it renders at once on every update and on any phone.
    """
    if frame.empty:
        return ""
    numbers = list(dict.fromkeys(frame["第几次"]))
    width, height, left, right, top, bottom = 480, 220, 32, 22, 10, 26
    step = (width - left - right) / max(1, len(numbers) - 1)
    # A single practice number sits mid-axis rather than on the left edge.
    x_of = {n: left + i * step if len(numbers) > 1 else (width + left - right) / 2 for i, n in enumerate(numbers)}

    def y_of(value: float) -> float:
        return top + (1 - max(0.0, min(100.0, value)) / 100) * (height - top - bottom)

    grid = "".join(f'<line x1="{left}" y1="{y_of(v):.1f}" x2="{width - right}" y2="{y_of(v):.1f}" stroke="#e5e5e5"/>'
                   f'<text x="{left - 6}" y="{y_of(v) + 4:.1f}" text-anchor="end" font-size="13" fill="#666">{v}</text>'
                   for v in (0, 20, 40, 60, 80, 100))
    ticks = "".join(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" font-size="13" fill="#666">'
                    f"{escape(label)}</text>" for label, x in x_of.items())
    lines, legend = [], []
    for i, (name, series) in enumerate(frame.groupby("学员", sort=False)):
        team = name == TEAM
        colour = "#222" if team else PALETTE[i % len(PALETTE)]
        points = [(x_of[n], y_of(v), n, v) for n, v in zip(series["第几次"], series["得分"])]
        style = 'stroke-width="3" stroke-dasharray="6 4"' if team else 'stroke-width="2"'
        lines.append(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y, *_ in points)}" fill="none" '
                     f'stroke="{colour}" {style}/>' + "".join(
                         f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"><title>{escape(name)} {n}：'
                         f"{v:.0f} 分</title></circle>" for x, y, n, v in points))
        legend.append(f'<span style="display:inline-flex;align-items:center;gap:4px;margin-right:12px">'
                      f'<span style="width:14px;height:3px;background:{colour}"></span>{escape(name)}</span>')
    return (f'<figure class="kefu-dashboard-trend" data-series="{len(legend)}" style="margin:0">'
            f'<svg viewBox="0 0 {width} {height}" style="width:100%;max-width:620px" role="img"'
            f' aria-label="{escape(measure)}走势">'
            f'{grid}{ticks}{"".join(lines)}</svg>'
            f'<figcaption style="font-size:12px;color:#444;line-height:1.8">{"".join(legend)}</figcaption></figure>')


def trend_note(frame: pd.DataFrame, measure: str = TOTAL) -> str:
    """One sentence on the team's mean: where it started, where it is now."""
    team = frame[frame["学员"] == TEAM]
    if team.empty:
        return NO_GRADES
    first, last = team.iloc[0], team.iloc[-1]
    if len(team) == 1:
        return f"团队{measure}平均：{first['第几次']}练习 {first['得分']:.0f} 分。"
    change = last["得分"] - first["得分"]
    trend = f"提高 {change:.0f} 分" if change > 0 else f"下降 {-change:.0f} 分" if change < 0 else "持平"
    return (f"团队{measure}平均：{first['第几次']}练习 {first['得分']:.0f} 分，"
            f"{last['第几次']}练习 {last['得分']:.0f} 分，{trend}。")


def mistakes_md(rulebook, grades: list[GradeRecord]) -> str:
    """The most common mistakes over these graded sessions: by category, then by rule with its citation."""
    counts = mistake_counts(rulebook, grades)
    if not counts:
        return "### 常见错误\n已评分的练习里还没有扣分项。"
    by_category: Counter = Counter()
    for (category, _, _), n in counts.items():
        by_category[category] += n
    total = sum(by_category.values())
    lines = [f"### 常见错误（{len(grades)} 次已评分练习，共 {total} 处扣分）", "", "**按类别**", "",
             "| 类别 | 次数 | 占比 |", "| --- | --- | --- |"]
    lines += [f"| {escape(category)} | {n} | {n / total:.0%} |" for category, n in by_category.most_common()]
    # Three columns, the category heading the rule's cell, so the table still reads on a phone.
    lines += ["", "**按规定**", "", "| 次数 | 规定 | 出处 |", "| --- | --- | --- |"]
    lines += [f"| {n} | **{escape(category)}**：{escape(rule) or '—'} | {escape(source) or '—'} |"
              for (category, rule, source), n in counts.most_common(MOST_RULES)]
    return "\n".join(lines)


def breakdown_md(column: str, sessions: list[SessionRecord], key: str, names: dict[str, str], missing: str) -> str:
    """Sessions, mean score and share resolved per persona (key="persona") or scenario (key="scenario")."""
    groups: dict[str, list[SessionRecord]] = defaultdict(list)
    for s in sessions:
        # A key whose definition has since been removed still counts, under a Chinese catch-all name.
        groups[names.get(getattr(s, key)) or missing].append(s)
    if not groups:
        return f"### 按{column}\n暂无练习记录。"
    lines = [f"### 按{column}", "", f"| {column} | 练习次数 | 平均分 | 解决率 |",
             "| --- | --- | --- | --- |"]
    for name, group in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        scores = [s.score for s in group if s.score is not None]
        ended = [s for s in group if s.outcome]
        mean = f"{sum(scores) / len(scores):.0f}" if scores else "—"
        resolved = f"{sum(s.outcome == RESOLVED for s in ended) / len(ended):.0%}" if ended else "—"
        lines.append(f"| {escape(name)} | {len(group)} | {mean} | {resolved} |")
    return "\n".join(lines)


class Dashboard(NamedTuple):
    """The dashboard's components, laid out by `layout()` and filled by `view()`."""

    measure: gr.Radio
    chart: gr.HTML
    note: gr.Markdown
    mistakes: gr.Markdown
    personas: gr.Markdown
    scenarios: gr.Markdown

    def outputs(self) -> list:
        return [self.chart, self.note, self.mistakes, self.personas, self.scenarios]


def layout() -> Dashboard:
    """Lay out the dashboard inside the current gr.Blocks (the trainer console)."""
    gr.Markdown("### 成绩走势（按每位学员的第几次练习）")
    # Five fixed items: buttons in view, one click each, rather than a menu to open.
    measure = gr.Radio(MEASURES, value=TOTAL, label="查看项目", elem_id="dashboard-measure")
    chart = gr.HTML(elem_id="trainer-chart")
    note = gr.Markdown(elem_id="dashboard-trend-note")
    mistakes = gr.Markdown(elem_id="dashboard-mistakes")
    with gr.Row(equal_height=False):
        personas = gr.Markdown(elem_id="dashboard-personas", min_height=0)
        scenarios = gr.Markdown(elem_id="dashboard-scenarios", min_height=0)
    return Dashboard(measure, chart, note, mistakes, personas, scenarios)


def trend(services, trainee: str | None, measure: str | None) -> tuple[str, str]:
    """The trend chart and its one-line reading, for one trainee (or everyone) and one measure."""
    measure = measure if measure in MEASURES else TOTAL
    frame = trend_frame(services.records.sessions(), services.records.grades(), measure, trainee or None)
    return trend_svg(frame, measure), trend_note(frame, measure)


def view(services, trainee: str | None, measure: str | None) -> tuple:
    """The dashboard's outputs for one trainee (or everyone) and one measure."""
    mine = services.records.sessions(trainee or None)
    grades = services.records.grades()
    graded = [grades[s.id] for s in mine if s.id in grades]
    personas, scenarios = names_of(services.personas), names_of(services.sim_scenarios)
    return (*trend(services, trainee, measure), mistakes_md(services.rulebook, graded),
            breakdown_md("客户类型", mine, "persona", personas, "其他客户"),
            breakdown_md("场景", mine, "scenario", scenarios, "其他场景"))
