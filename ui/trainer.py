"""培训师: behind a password, trainees and their sessions, score charts, transcripts, CSV and eval suites."""
from __future__ import annotations

import gradio as gr
import pandas as pd

from core.exports import write_export
from services import Services
from ui import scenario_editor
from ui.guard import guarded, warned
from ui.login import require_trainer, verify
from ui.messages import (EMOTION_NAMES, NO_RECORDS, NO_SUCH_SESSION, OUTCOME_NAMES,
                         TRAINER_NO_PASSWORD, InputError, escape, label)
from ui.practice import scorecard_md


def trainees_table(services: Services) -> pd.DataFrame:
    rows = [{"学员": t.name, "练习次数": t.sessions, "最高分": t.best, "最近得分": t.last}
            for t in services.records.trainees()]
    return pd.DataFrame(rows, columns=["学员", "练习次数", "最高分", "最近得分"])


def sessions_table(services: Services, trainee: str | None) -> pd.DataFrame:
    personas = {k: getattr(v, "name", k) for k, v in services.personas.items()}
    scenarios = {k: getattr(v, "title", k) for k, v in services.sim_scenarios.items()}
    rows = [{"编号": s.id, "学员": s.trainee, "客户类型": label(personas, s.persona), "场景": label(scenarios, s.scenario),
             "开始时间": s.started_at.replace("T", " ")[:19],
             "结果": label(OUTCOME_NAMES, s.outcome) if s.outcome else "进行中", "得分": s.score}
            for s in services.records.sessions(trainee or None)]
    return pd.DataFrame(rows, columns=["编号", "学员", "客户类型", "场景", "开始时间", "结果", "得分"])


def scores_frame(services: Services, trainee: str | None) -> pd.DataFrame:
    rows = [{"时间": pd.Timestamp(s.started_at), "得分": s.score, "学员": s.trainee}
            for s in reversed(services.records.sessions(trainee or None)) if s.score is not None]
    return pd.DataFrame(rows, columns=["时间", "得分", "学员"])


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
        chart = gr.LinePlot(x="时间", y="得分", color="学员", title="得分变化", y_lim=[0, 100], height=260,
                            elem_id="trainer-chart")
        sessions = gr.Dataframe(label="练习记录", interactive=False, elem_id="trainer-sessions")
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

        @guarded("评测")
        def run(ok: bool, chosen: list[str], progress=gr.Progress()):
            require_trainer(ok)
            if not chosen:
                raise InputError("请至少选择一个评测套件。")
            return services.eval_runner.run(chosen, lambda done, total, what: progress(
                (done, total), desc=what))

        run_evals.click(run, [authed, suites], report, api_visibility="private")

    def overview(ok: bool, trainee: str | None):
        require_trainer(ok)
        names = [t.name for t in services.records.trainees()]
        table = sessions_table(services, trainee)
        return (trainees_table(services), gr.update(choices=[("全部", "")] + [(n, n) for n in names]),
                scores_frame(services, trainee), table, "" if len(table) else NO_RECORDS)

    @warned("登录")
    def sign_in(given: str, request: gr.Request):
        verify(password, given, request)
        return (True, gr.update(visible=False), gr.update(visible=True), *overview(True, None))

    view = [trainees, who, chart, sessions, detail]
    login.click(sign_in, secret, [authed, login_box, console, *view], api_visibility="private")
    secret.submit(sign_in, secret, [authed, login_box, console, *view], api_visibility="private")
    refresh.click(guarded("培训师")(overview), [authed, who], view, api_visibility="private")
    who.change(guarded("培训师")(lambda ok, t: overview(ok, t)[2:4]), [authed, who], [chart, sessions],
               api_visibility="private")

    @guarded("培训师")
    def open_session(ok: bool, number):
        require_trainer(ok)
        if number is None:
            raise InputError(NO_SUCH_SESSION)
        return transcript_md(services, int(number))

    show.click(open_session, [authed, session_id], detail, api_visibility="private")

    @guarded("导出")
    def export_csv(ok: bool) -> str:
        require_trainer(ok)
        return str(write_export(services.records.export_csv(), "kefu_sessions.csv"))

    export.click(export_csv, authed, csv_file, api_visibility="private")
    def pick(evt: gr.SelectData):
        return evt.row_value[0] if evt.row_value else None

    sessions.select(pick, None, session_id, api_visibility="private")
