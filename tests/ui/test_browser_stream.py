"""Streamed suggestions in headless Chromium: with a slow served model, text shows before the checked replies."""
from __future__ import annotations

import pytest

from app_server import AppServer, open_app, screenshot, textbox, warm
from openai_server import OpenAIServer

REPLIES = ("非常理解您的心情，给您添麻烦了，我马上为您查询退款进度。[1]\n"
           "请您稍等，我这边帮您核实一下处理情况。[1]")


@pytest.fixture(scope="module")
def model():
    """A served model that writes slowly: one streamed event (three characters) every 0.25 s."""
    server = OpenAIServer(default_reply=REPLIES).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def served_app(built_settings, tmp_path_factory, model):
    env = {"KEFU_LLM_BASE_URL": model.base_url, "KEFU_LLM_MODEL": "test-model", "KEFU_LLM_TIMEOUT": "60"}
    app = AppServer(tmp_path_factory.mktemp("app") / "data", built_dir=warm(built_settings),
                    extra_env=env).wait_ready()
    yield app
    app.stop()


def test_first_text_is_visible_before_the_checked_replies(browser, served_app, model, tmp_path):
    # Every call for a while is paced; only the streamed one is slowed by it.
    model.pace(0.25, times=20)
    with open_app(browser, served_app, {"width": 1280, "height": 900}, "#practice-name") as page:
        page.get_by_role("tab", name="坐席助手").click()
        textbox(page, "assist-latest").fill("我的退款都三天了还没到账，你们到底管不管！")
        page.click("#assist-suggest")
        page.wait_for_selector("#assist-streaming", state="visible", timeout=60_000)
        page.wait_for_function("document.querySelector('#assist-streaming pre').innerText.length > 0")
        early = page.inner_text("#assist-streaming pre")
        assert not page.locator("#assist-suggestion-0").is_visible()
        screenshot(page, tmp_path, "assist_streaming")
        page.wait_for_selector("#assist-suggestion-0", state="visible", timeout=60_000)
        final = page.inner_text("#assist-suggestion-0").strip()
        assert early and early in REPLIES and len(early) < len(REPLIES)
        assert final and final in REPLIES
        assert page.locator("#assist-streaming").count() == 0
        assert page.inner_text("#assist-backend") == "模型：test-model"
        screenshot(page, tmp_path, "assist_streamed")
