"""Practice records survive a killed server, a restart and replies sent twice at once."""
from __future__ import annotations

import html
import re
import sqlite3
import threading

import pytest

from app import create_ui
from app_server import CHROMIUM, CHROMIUM_ARGS, AppServer, warm, textbox
from core.records import INTERRUPTED, Records
from services import build_services
from ui.trainer import sessions_table

LINES = ["您好，很高兴为您服务，请问有什么可以帮您？", "非常抱歉让您久等了，请问您贵姓？"]
# One line a trainee sends twice at once (send-click and Enter), then two different lines at once.
TWICE = "您好，请问有什么需要我帮忙的？"
AT_ONCE = ["我先把您的快递单号记下来。", "好的，我记下了。"]


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


@pytest.fixture
def services(built_settings, tmp_path):
    fresh = build_services(built_settings.model_copy(update={"trainer_password": None}))
    fresh.records = Records(tmp_path / "kefu.sqlite3")
    return fresh


NUMBER = re.compile(r'^<span class="kefu-turn">第\d+句</span> ')


def practice_handlers(services) -> dict:
    """The practice tab's event handlers by name, as Gradio calls them."""
    return {fn.name: fn.fn for fn in create_ui(services).fns.values()}


def at_once(calls: list) -> list:
    """Run the calls on threads released together; their results, or the exception each raised."""
    start, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(n: int, fn, args) -> None:
        start.wait()
        try:
            results[n] = fn(*args)
        except Exception as exc:  # noqa: BLE001 — returned for the assert
            results[n] = exc

    threads = [threading.Thread(target=run, args=(n, fn, args)) for n, (fn, args) in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_sixteen_practice_sessions_with_double_sent_replies_store_each_turn_once_in_order(services):
    handlers = practice_handlers(services)
    begin, respond = handlers["begin"], handlers["respond"]
    persona, scenario = sorted(services.personas)[0], sorted(services.sim_scenarios)[0]
    states = [begin(f"学员{n:02d}", persona, scenario)[0] for n in range(16)]
    twice = at_once([(respond, (state, TWICE, False)) for state in states for _ in range(2)])
    both = at_once([(respond, (state, line, False)) for state in states for line in AT_ONCE])
    results = twice + both
    assert not [r for r in results if isinstance(r, Exception)], results
    for n, state in enumerate(states):
        stored = services.records.turns(state["id"])
        agent = [t.text for t in stored if t.role == "agent"]
        assert agent[0] == TWICE and sorted(agent[1:]) == sorted(AT_ONCE)  # the double press stored once
        assert [t.role for t in stored] == ["customer", "agent"] * 3 + ["customer"]  # each reply answered in turn
        # The last answer to reach the browser shows exactly what was stored, in the stored order.
        # (A press ignored as a double send answers gr.skip(): the page keeps what it shows.)
        answered = [r for r in twice[2 * n:2 * n + 2] + both[2 * n:2 * n + 2] if isinstance(r, (list, tuple))]
        shown = max((r[1] for r in answered), key=len)
        # Bubbles carry their 第N句 number; the call-ended notice is the page's, not a stored turn.
        texts = [NUMBER.sub("", html.unescape(m["content"])) for m in shown]
        assert [t for t in texts if not t.startswith("📞")] == [t.text for t in stored]


def test_the_trainer_sees_a_crashed_session_as_interrupted(services):
    sid = services.records.start_session("王芳", "angry", "refund", 1)
    services.records.interrupt_unfinished()
    table = sessions_table(services, None)
    assert table.loc[table["编号"] == sid, "结果"].tolist() == ["已中断"]


def test_the_app_marks_sessions_a_crash_left_open_interrupted_when_it_starts(built_settings, tmp_path):
    data = tmp_path / "data"
    records = Records(data / "kefu.sqlite3")
    sid = records.start_session("断电测试", "angry", "refund", 1)
    records.add_turn(sid, "customer", "我的退款到底什么时候到账？", "angry", 0.8)
    server = AppServer(data, built_dir=warm(built_settings)).wait_ready()
    try:
        session = records.sessions()[0]
    finally:
        server.stop()
    assert (session.id, session.outcome) == (sid, INTERRUPTED) and session.ended_at
    assert [t.text for t in records.turns(sid)] == ["我的退款到底什么时候到账？"]
