"""The kefu web app: practice, live assist, trainer console and knowledge base, in Chinese."""
from __future__ import annotations

import sys

import gradio as gr

from core.settings import Settings, get_settings
from services import Services, build_services
from ui import api, assist_tab, knowledge_tab, practice, progress, qa_results, qa_tab, rest, trainer, workspace_bar

CSS = """
.kefu-suggestion { text-align: left; white-space: normal; }
.kefu-hint { font-size: 12px; color: #777; margin-top: -6px; }
.kefu-turn { font-size: 11px; color: #888; margin-right: 4px; }
/* Gradio titles its toasts in English whatever the title given; people here read Chinese. */
.toast-title { font-size: 0 !important; }
.toast-title::before { font-size: var(--text-md); }
.toast-title.warning::before { content: "请注意"; }
.toast-title.error::before { content: "出错了"; }
.toast-title.info::before { content: "提示"; }
.toast-title.success::before { content: "完成"; }
#review-table table, [id^="kb-"] table { table-layout: fixed; width: 100%; }
#review-table td, [id^="kb-"] td { white-space: normal; word-break: break-all; }
"""


def create_ui(services: Services) -> gr.Blocks:
    """Build the four tabs and the named API endpoints; launching is main()'s job."""
    with gr.Blocks(title="kefu 客服培训与坐席助手", analytics_enabled=False) as demo:
        # First, so the public names check/suggest/search/grade are ours, not taken by a UI handler's name.
        api.register(services)
        gr.Markdown("# kefu 客服培训与坐席助手")
        space = workspace_bar.build(services)
        with gr.Tabs():
            with gr.Tab("练习", id="practice"):
                trainee = practice.build(services, space)
            with gr.Tab("我的进度", id="progress"):
                progress.build(services, space, trainee)
            with gr.Tab("坐席助手", id="assist"):
                assist_tab.build(services, space)
            with gr.Tab("培训师", id="trainer"):
                trainer.build(services)
            with gr.Tab("质检", id="qa"):
                qa_tab.build(services, space)
            with gr.Tab("知识库", id="knowledge"):
                knowledge_tab.build(services, space)
        # Workspaces a trainer created after this page was served appear on the next load.
        demo.load(lambda current: workspace_bar.refresh(services, current), space, space, api_visibility="private")
    return demo


def main(settings: Settings | None = None) -> None:
    """Serve the app and the REST API on settings.host (127.0.0.1 unless KEFU_HOST) at settings.server_port."""
    settings = settings or get_settings()
    if problem := rest.exposure_problem(settings):
        print(problem, file=sys.stderr)
        raise SystemExit(2)
    services = build_services(settings).warm()
    services.records.interrupt_unfinished()  # a session a crash left open can never go on
    demo = create_ui(services).queue(default_concurrency_limit=8)
    rest.serve(rest.create_app(demo, services, settings, css=CSS, footer_links=["api"], show_error=False,
                                allowed_paths=[str(qa_results.served(services))]), settings)


if __name__ == "__main__":
    main()
