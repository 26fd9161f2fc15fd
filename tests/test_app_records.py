"""Killing the server mid-session loses nothing already said: every turn is committed at once."""
from __future__ import annotations

import sqlite3

import pytest

from app_server import CHROMIUM, CHROMIUM_ARGS, AppServer, warm, textbox

LINES = ["您好，很高兴为您服务，请问有什么可以帮您？", "非常抱歉让您久等了，请问您贵姓？"]


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not found: install Debian's chromium package")
def test_sigkill_mid_session_keeps_every_turn(built_settings, tmp_path):
    from playwright.sync_api import sync_playwright

    server = AppServer(tmp_path / "data", built_dir=warm(built_settings)).wait_ready()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(server.url)
            textbox(page, "practice-name").fill("断电测试")
            page.click("#practice-start")
            page.wait_for_selector("#practice-mood .kefu-mood")
            for n, line in enumerate(LINES):
                textbox(page, "practice-reply").fill(line)
                page.click("#practice-send")
                # The reply box is cleared when the turn's handler has finished; the message count
                # alone is reached while the customer's answer is still a loading placeholder.
                page.wait_for_function(f"document.querySelectorAll('#practice-chat .message').length >= {2 * n + 3}"
                                       " && document.querySelector('#practice-reply textarea').value === ''"
                                       " && !document.querySelector('#practice-chat .pending')")
            shown = page.inner_text("#practice-chat")
            server.kill()
            browser.close()
    finally:
        server.stop()
    db = sqlite3.connect(server.db_path)
    turns = db.execute("SELECT role, text FROM turns ORDER BY session_id, idx").fetchall()
    assert [t for r, t in turns if r == "agent"] == LINES
    assert len(turns) == 2 * len(LINES) + 1  # the opening and one answer per trainee line
    assert all(text in shown for _, text in turns)
    assert db.execute("SELECT ended_at FROM sessions").fetchone()[0] is None  # killed mid-session
