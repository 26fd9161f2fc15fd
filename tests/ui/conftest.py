"""One real app process and one headless Chromium per browser-test module."""
from __future__ import annotations

import pytest

from app_server import CHROMIUM, CHROMIUM_ARGS, AppServer, warm


@pytest.fixture(scope="module")
def server(built_settings, tmp_path_factory):
    """The app on a free loopback port over a copy of the session's ingested data dir."""
    app = AppServer(tmp_path_factory.mktemp("app") / "data", built_dir=warm(built_settings)).wait_ready()
    yield app
    app.stop()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh browser context (its own Gradio session) on the app; any JS dialog fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url)
    page.wait_for_selector("#practice-name")
    yield page
    context.close()
    assert not dialogs, f"a script ran in the page: {dialogs}"
