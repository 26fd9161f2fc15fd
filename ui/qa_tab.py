"""质检 (trainers only): upload a day's recorded calls, watch the run, browse agents, rules and the worst calls,
open a call with its findings, and turn a poor call into a practice scenario for its agent."""
from __future__ import annotations

import gradio as gr

from services import Services
from ui import qa_results, workspace_bar
from ui.guard import warned
from ui.login import require_trainer, verify
from ui.messages import TRAINER_NO_PASSWORD, InputError

FORMAT = ("每行一句发言。必需列：通话编号、坐席工号、角色（坐席/客户）、内容；可选 开始毫秒、结束毫秒（从来电振铃起的毫秒数，"
          "用于接听速度、语速、静默等时间类规则）和 通话开始时间。其他列名可在下方“列名对应”中指定。")
NO_BATCH = "请先上传通话文件并点击“开始质检”。"


def _pick(evt: gr.SelectData):
    """The call id of the clicked row of the worst-calls table."""
    return evt.row_value[0] if evt.row_value else gr.update()


def build(services: Services, space: gr.Dropdown) -> None:
    """Lay out the tab inside the current gr.Blocks; `space` is the workspace whose rules grade the calls."""
    password = services.settings.trainer_password
    gr.Markdown("### 批量质检（培训师）")
    if not password:
        gr.Markdown(TRAINER_NO_PASSWORD, elem_id="qa-no-password")
        return
    authed, batch = gr.State(False), gr.State(None)
    with gr.Column() as login_box:
        with gr.Row():
            secret = gr.Textbox(label="培训师密码", type="password", scale=3, elem_id="qa-password")
            login = gr.Button("登录质检", variant="primary", scale=1, elem_id="qa-login")
    with gr.Column(visible=False) as console:
        gr.Markdown(FORMAT)
        with gr.Row():
            upload = gr.File(label=f"上传通话文件（.jsonl 或 .csv，不超过 {qa_results.MAX_MB} MB）",
                             file_types=list(qa_results.KINDS), type="filepath", scale=2, elem_id="qa-file")
            with gr.Column(scale=1):
                use_sample = gr.Checkbox(label=f"不上传，使用示例数据（模拟生成的 {qa_results.SAMPLE_CALLS} 通通话）",
                                         elem_id="qa-sample")
                columns = gr.Textbox(label="列名对应（可选，如 发言方=角色，多个用逗号分隔）", elem_id="qa-columns")
                start = gr.Button("开始质检", variant="primary", elem_id="qa-run")
        summary = gr.Markdown(elem_id="qa-summary")
        downloads = gr.File(label="下载：质检报告、坐席汇总、通话明细", file_count="multiple", interactive=False,
                            elem_id="qa-downloads")
        agents = gr.Dataframe(label="坐席（平均分从低到高）", interactive=False, wrap=True, max_height=320,
                              elem_id="qa-agents")
        rules = gr.Dataframe(label="违反的规则（按次数）", interactive=False, wrap=True, max_height=320,
                             column_widths=["14%", "44%", "24%", "8%", "10%"], elem_id="qa-rules")
        worst = gr.Dataframe(label="得分最低的通话（点击一行查看对话）", interactive=False, wrap=True,
                             elem_id="qa-worst")
        with gr.Row():
            call_id = gr.Dropdown([], label="通话编号", allow_custom_value=False, elem_id="qa-call")
            show = gr.Button("查看通话", elem_id="qa-show")
            practice = gr.Button("生成练习场景", variant="primary", elem_id="qa-practice")
        made = gr.Markdown(elem_id="qa-practice-result")
        detail = gr.HTML(elem_id="qa-detail")

    @warned("登录")
    def sign_in(given: str, request: gr.Request):
        verify(password, given, request)
        return True, gr.update(visible=False), gr.update(visible=True)

    login.click(sign_in, secret, [authed, login_box, console], api_visibility="private")
    secret.submit(sign_in, secret, [authed, login_box, console], api_visibility="private")

    shown = [batch, summary, downloads, agents, rules, worst, call_id, made, detail]

    @warned("质检")
    def inspect(ok: bool, name: str, uploaded, sample_on: bool, renames: str, progress=gr.Progress()):
        require_trainer(ok)
        svc = workspace_bar.chosen(services, name)
        done, totals = qa_results.run(svc, uploaded, sample_on, renames, lambda f, d: progress(f, desc=d))
        if totals["problems"]:
            gr.Warning(f"输入中有 {totals['problems']} 处问题，已跳过这些行，详见质检结果。", title="注意")
        found = qa_results.results(done)
        worst_calls = qa_results.worst(found)
        return (done, qa_results.summary_md(totals), qa_results.downloads(svc, done), qa_results.agents_frame(done),
                qa_results.rules_frame(found, svc.rulebook), qa_results.worst_frame(found),
                gr.update(choices=[c["call_id"] for c in worst_calls],
                          value=worst_calls[0]["call_id"] if worst_calls else None), "", "")

    # One batch at a time: the machine's cores also serve the practice and assist tabs.
    start.click(inspect, [authed, space, upload, use_sample, columns], shown, concurrency_limit=1,
                api_visibility="private")

    @warned("查看通话")
    def open_call(ok: bool, done: qa_results.Batch | None, wanted: str | None):
        require_trainer(ok)
        if done is None:
            raise InputError(NO_BATCH)
        call, result = qa_results.call_of(done, wanted)
        return qa_results.transcript_html(call, result, workspace_bar.chosen(services, done.workspace).rulebook)

    show.click(open_call, [authed, batch, call_id], detail, api_visibility="private")
    worst.select(_pick, None, call_id, api_visibility="private").then(
        open_call, [authed, batch, call_id], detail, api_visibility="private")

    @warned("生成练习场景")
    def to_practice(ok: bool, done: qa_results.Batch | None, wanted: str | None):
        require_trainer(ok)
        if done is None:
            raise InputError(NO_BATCH)
        return qa_results.practice_from_call(workspace_bar.chosen(services, done.workspace), done, wanted)

    practice.click(to_practice, [authed, batch, call_id], made, api_visibility="private")
