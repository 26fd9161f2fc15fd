"""培训师: behind a password, trainees and their sessions, the dashboard, transcripts, CSV and eval suites."""
from __future__ import annotations

import gradio as gr
import pandas as pd

from core.exports import csv_text, write_export
from core.timefmt import beijing_text
from services import Services
from ui import dashboard, scenario_editor
from ui.guard import warned
from ui.login import require_trainer, verify
from ui.messages import (EMOTION_NAMES, NO_RECORDS, NO_SUCH_SESSION, OUTCOME_NAMES,
                         TRAINER_NO_PASSWORD, InputError, escape, label)
from ui.practice import scorecard_md
from ui.progress import names_of

SESSION_COLUMNS = ["编号", "学员", "客户类型", "场景", "开始时间", "结果", "得分"]
EXPORT_COLUMNS = [*SESSION_COLUMNS, "结束时间", "句数"]


def trainees_table(services: Services) -> pd.DataFrame:
    rows = [{"学员": t.name, "练习次数": t.sessions, "最高分": t.best, "最近得分": t.last}
            for t in services.records.trainees()]
    return pd.DataFrame(rows, columns=["学员", "练习次数", "最高分", "最近得分"])


def sessions_table(services: Services, trainee: str | None) -> pd.DataFrame:
    return pd.DataFrame([row[:len(SESSION_COLUMNS)] for row in session_rows(services, trainee)], columns=SESSION_COLUMNS)


def session_rows(services: Services, trainee: str | None) -> list[list]:
    """Each session as people read it (EXPORT_COLUMNS; the table shows the first SESSION_COLUMNS of them)."""
    personas, scenarios = names_of(services.personas), names_of(services.sim_scenarios)
    return [[s.id, s.trainee, personas.get(s.persona) or "其他客户", scenarios.get(s.scenario) or "其他场景",
             beijing_text(s.started_at), label(OUTCOME_NAMES, s.outcome) if s.outcome else "进行中",
             None if s.score is None else round(s.score), beijing_text(s.ended_at) if s.ended_at else "", s.turns]
            for s in services.records.sessions(trainee or None)]


def transcript_md(services: Services, session_id: int) -> str:
    """The session's turns (with the customer's mood) followed by its scorecard."""
    turns = services.records.turns(session_id)
    if not turns and not any(s.id == session_id for s in services.records.sessions()):
        raise InputError(NO_SUCH_SESSION)
    lines = [f"### 练习 #{session_id} 对话记录", ""]
    for t in turns:
        who = "客户" if t.role == "customer" else "学员"
        mood = f"（{label(EMOTION_NAMES, t.emotion)} {t.intensity:.2f}）" if t.emotion and t.intensity is not None else ""
        lines.append(f"{t.idx + 1}. **{who}**{mood}：{escape(t.text)}")
    grade = services.records.grade(session_id)
    lines += ["", scorecard_md(grade, [t.text for t in turns], services.rulebook) if grade else "_尚未评分_"]
    return "\n".join(lines)


def open_row(services: Services, ok: bool, row: list | None) -> tuple:
    """A click on a sessions-table row: its number into the box, its transcript and scorecard below."""
    require_trainer(ok)
    number = row[0] if row else None
    if number is None or pd.isna(number):
        raise InputError(NO_SUCH_SESSION)
    return int(number), transcript_md(services, int(number))


def build(services: Services) -> None:
    """Lay out the trainer tab inside the current gr.Blocks."""
    password = services.settings.trainer_password
    if not password:
        gr.Markdown(TRAINER_NO_PASSWORD, elem_id="trainer-no-password")
        return
    authed = gr.State(False)
    with gr.Column(visible=True) as login_box:
        secret = gr.Textbox(label="培训师密码", type="password", elem_id="trainer-password")
        login = gr.Button("登录", variant="primary", elem_id="trainer-login")
    with gr.Column(visible=False) as console:
        refresh = gr.Button("刷新", elem_id="trainer-refresh")
        trainees = gr.Dataframe(label="学员", interactive=False, elem_id="trainer-trainees")
        who = gr.Dropdown(label="选择学员（留空为全部）", choices=[], allow_custom_value=False, elem_id="trainer-who")
        board = dashboard.layout()
        sessions = gr.Dataframe(label="练习记录（点击任意一行查看对话与评分）", interactive=False, wrap=True,
                                elem_id="trainer-sessions")
        with gr.Row():
            session_id = gr.Number(label="练习编号", precision=0, elem_id="trainer-session-id")
            show = gr.Button("查看对话与评分", elem_id="trainer-show")
        detail = gr.Markdown(elem_id="trainer-detail")
        with gr.Row():
            export = gr.Button("导出 CSV", elem_id="trainer-export")
            csv_file = gr.File(label="CSV 文件", interactive=False, elem_id="trainer-csv")
        scenario_editor.build(services, authed)
        gr.Markdown("### 评测")
        suites = gr.CheckboxGroup(services.eval_runner.suites(), label="评测套件", elem_id="trainer-suites")
        run_evals = gr.Button("运行评测", elem_id="trainer-run-evals")
        report = gr.Markdown(elem_id="trainer-report")
        with gr.Accordion("原始指标（技术人员查看）", open=False, elem_id="trainer-raw-accordion"):
            raw = gr.Markdown(elem_id="trainer-raw")

        @warned("评测")
        def run(ok: bool, chosen: list[str], progress=gr.Progress()):
            require_trainer(ok)
            if not chosen:
                raise InputError("请至少选择一个评测套件。")
            done = services.eval_runner.run(chosen, lambda n, total, _: progress(
                (n, total), desc=f"正在评测（{n}/{total}）"))
            return done.summary, done.details

        run_evals.click(run, [authed, suites], [report, raw], api_visibility="private")

    def overview(ok: bool, trainee: str | None, measure: str | None):
        require_trainer(ok)
        names = [t.name for t in services.records.trainees()]
        table = sessions_table(services, trainee)
        return (trainees_table(services), gr.update(choices=[("全部", "")] + [(n, n) for n in names]),
                table, "" if len(table) else NO_RECORDS, *dashboard.view(services, trainee, measure))

    def narrowed(ok: bool, trainee: str | None, measure: str | None):
        require_trainer(ok)
        return (sessions_table(services, trainee), *dashboard.view(services, trainee, measure))

    @warned("登录")
    def sign_in(given: str, measure: str | None, request: gr.Request):
        verify(password, given, request)
        return (True, gr.update(visible=False), gr.update(visible=True), *overview(True, None, measure))

    # Reading records takes milliseconds: these answers draw no spinner, and those that take no typed input
    # (so have no input error to warn of: a queue-less answer cannot raise a toast) skip the queue too.
    shown = {"show_progress": "hidden", "api_visibility": "private"}
    quick = {**shown, "queue": False}
    view = [trainees, who, sessions, detail, *board.outputs()]
    for event in (login.click, secret.submit):
        event(sign_in, [secret, board.measure], [authed, login_box, console, *view], api_visibility="private")
    refresh.click(warned("培训师")(overview), [authed, who, board.measure], view, **quick)
    who.change(warned("培训师")(narrowed), [authed, who, board.measure], [sessions, *board.outputs()], **quick)

    @warned("培训师")
    def remeasure(ok: bool, trainee: str | None, measure: str | None):
        require_trainer(ok)
        return dashboard.trend(services, trainee, measure)

    board.measure.change(remeasure, [authed, who, board.measure], [board.chart, board.note], **quick)

    @warned("培训师")
    def open_session(ok: bool, number):
        require_trainer(ok)
        if number is None:
            raise InputError(NO_SUCH_SESSION)
        return transcript_md(services, int(number))

    show.click(open_session, [authed, session_id], detail, **shown)
    session_id.submit(open_session, [authed, session_id], detail, **shown)

    @warned("培训师")
    def pick(ok: bool, evt: gr.SelectData):
        return open_row(services, ok, evt.row_value)

    sessions.select(pick, authed, [session_id, detail], **shown)

    @warned("导出")
    def export_csv(ok: bool) -> str:
        require_trainer(ok)
        return str(write_export(csv_text(EXPORT_COLUMNS, session_rows(services, None)), "练习记录.csv"))

    export.click(export_csv, authed, csv_file, api_visibility="private")
