"""The kefu web app: practice, live assist, trainer console and knowledge base, in Chinese."""
from __future__ import annotations

import gradio as gr

from core.settings import Settings, get_settings
from services import Services, build_services
from ui import api, assist_tab, knowledge_tab, practice, trainer

CSS = """
.kefu-suggestion { text-align: left; white-space: normal; }
"""


def create_ui(services: Services) -> gr.Blocks:
    """Build the four tabs and the named API endpoints; launching is main()'s job."""
    with gr.Blocks(title="kefu 客服培训与坐席助手", analytics_enabled=False) as demo:
        # First, so the public names check/suggest/search/grade are ours, not taken by a UI handler's name.
        api.register(services)
        gr.Markdown("# kefu 客服培训与坐席助手")
        with gr.Tabs():
            with gr.Tab("练习", id="practice"):
                practice.build(services)
            with gr.Tab("坐席助手", id="assist"):
                assist_tab.build(services)
            with gr.Tab("培训师", id="trainer"):
                trainer.build(services)
            with gr.Tab("知识库", id="knowledge"):
                knowledge_tab.build(services)
    return demo


def main(settings: Settings | None = None) -> None:
    """Serve the app on 127.0.0.1 at settings.server_port, no share link."""
    settings = settings or get_settings()
    services = build_services(settings).warm()
    services.records.interrupt_unfinished()  # a session a crash left open can never go on
    demo = create_ui(services)
    demo.queue(default_concurrency_limit=8).launch(
        server_name="127.0.0.1", server_port=settings.server_port, share=False, css=CSS,
        footer_links=["api"], show_error=False,
    )


if __name__ == "__main__":
    main()
