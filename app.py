"""The kefu web app: practice, live assist, trainer console and knowledge base, in Chinese."""
from __future__ import annotations

import sys

import gradio as gr

from core.settings import Settings, get_settings
from services import Services, build_services
from ui import api, assist_tab, knowledge_tab, practice, rest, trainer, workspace_bar

CSS = """
.kefu-suggestion { text-align: left; white-space: normal; }
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
                practice.build(services, space)
            with gr.Tab("坐席助手", id="assist"):
                assist_tab.build(services, space)
            with gr.Tab("培训师", id="trainer"):
                trainer.build(services)
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
    rest.serve(rest.create_app(demo, services, settings, css=CSS, footer_links=["api"], show_error=False), settings)


if __name__ == "__main__":
    main()
