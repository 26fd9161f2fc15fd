"""One real app process and one headless Chromium per browser-test module."""
from __future__ import annotations

import pytest

from app_server import CHROMIUM, CHROMIUM_ARGS, AppServer, open_app, warm


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
    with open_app(browser, server, {"width": 1280, "height": 900}, "#practice-name") as opened:
        yield opened
