"""Two app processes on one PostgreSQL: a call practised on one is seen by the trainer on the other."""
from __future__ import annotations

import uuid

from app_server import TRAINER_PASSWORD, AppServer, open_app, textbox, warm


def test_a_session_on_one_app_is_seen_by_the_trainer_on_the_other(browser, built_settings, database_url, tmp_path):
    built = warm(built_settings)
    env = {"KEFU_DATABASE_URL": database_url}
    servers = [AppServer(tmp_path / name, built_dir=built, extra_env=env) for name in ("a", "b")]
    try:
        for server in servers:
            server.wait_ready()
        trainee = f"学员{uuid.uuid4().hex[:6]}"
        with open_app(browser, servers[0], {"width": 1280, "height": 900}, "#practice-start") as page:
            textbox(page, "practice-name").fill(trainee)
            page.click("#practice-start")
            page.wait_for_selector("#practice-chat .message")
            textbox(page, "practice-reply").fill("您好，很高兴为您服务，请问有什么可以帮您？")
            page.click("#practice-send")
            page.wait_for_function("document.querySelectorAll('#practice-chat .message').length >= 3")
        with open_app(browser, servers[1], {"width": 1280, "height": 900}, "#practice-start") as page:
            page.get_by_role("tab", name="培训师").click()
            textbox(page, "trainer-password").fill(TRAINER_PASSWORD)
            page.click("#trainer-login")
            page.wait_for_selector("#trainer-trainees")
            page.wait_for_function(f"document.querySelector('#trainer-trainees').innerText.includes('{trainee}')",
                                   timeout=15000)
            page.click("#trainer-refresh")
            page.wait_for_function(f"document.querySelector('#trainer-sessions').innerText.includes('{trainee}')",
                                   timeout=15000)
    finally:
        for server in servers:
            server.stop()
