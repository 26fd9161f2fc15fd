"""A trainer inspects a small batch of recorded calls in the 质检 tab and turns the worst one into practice."""
from __future__ import annotations

import json
import re
import statistics
import time
from pathlib import Path

import pytest

from app_server import AppServer, TRAINER_PASSWORD, internal_keys, open_app, open_tab, percentile95, screenshot, textbox

# Our own calls from a water utility and a broadband provider, neither in the demo sources.
CALLS = [
    ("SW-101", "G07", [("customer", "你好，我家水表箱漏水了，地上全是水。"),
                       ("agent", "您好，很高兴为您服务，请问您贵姓？"),
                       ("customer", "我姓郑，住在和平路十八号。"),
                       ("agent", "郑先生，和平路十八号，对吗？给您添麻烦了，抢修人员两小时内到现场。"),
                       ("customer", "好，谢谢。"),
                       ("agent", "感谢您的来电，再见。")]),
    ("KD-202", "G11", [("customer", "我家宽带断了三天了，报修两次都没人来，你们还管不管！"),
                       ("agent", "喂，说话。"),
                       ("customer", "宽带三天没网了，我在家办公全耽误了！"),
                       ("agent", "这不是我们的问题，你自己找装维师傅去。"),
                       ("customer", "你什么态度，我要投诉！")]),
    ("SW-103", "G07", [("customer", "请问这个月的水费怎么比上个月多了一倍？"),
                       ("agent", "您好，请问您贵姓？"),
                       ("customer", "我姓钱。"),
                       ("agent", "钱女士，我帮您查一下用水量明细，稍后短信发给您，请问还有其他问题吗？")]),
]
WORST, WORST_AGENT = "KD-202", "G11"


def batch(path: Path) -> Path:
    lines = []
    for call_id, agent, turns in CALLS:
        clock = 4000
        for role, text in turns:
            lines.append({"call_id": call_id, "agent_id": agent, "role": role, "text": text,
                          "start_ms": clock, "end_ms": clock + 350 * len(text)})
            clock += 350 * len(text) + 900
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app over a fresh data dir: 质检 grades with the rulebook and needs no ingested search store."""
    app = AppServer(tmp_path_factory.mktemp("qa-app") / "data").wait_ready(timeout=420)
    yield app
    app.stop()


@pytest.fixture
def wide(browser, server):
    with open_app(browser, server, {"width": 1366, "height": 900}, "#workspace") as opened:
        yield opened


def login(page) -> None:
    open_tab(page, "质检")
    textbox(page, "qa-password").fill(TRAINER_PASSWORD)
    page.click("#qa-login")
    page.wait_for_selector("#qa-run", state="visible")


def upload(page, path: Path) -> None:
    clear = page.locator("#qa-file button[aria-label='清除']")
    if clear.count():  # a file is still shown from the previous try
        clear.first.click()
    page.locator("#qa-file input[type=file]").set_input_files(str(path))
    page.wait_for_selector(f"#qa-file a[download='{path.name}']", timeout=90_000)  # uploaded
    page.click("#qa-run")


def test_the_tab_needs_the_trainer_password(wide):
    wide.get_by_role("tab", name="质检").click()
    assert not wide.locator("#qa-run").is_visible()
    textbox(wide, "qa-password").fill("不对的密码")
    wide.click("#qa-login")
    wide.wait_for_selector("text=密码不正确")
    assert not wide.locator("#qa-run").is_visible()


def test_trainer_inspects_a_batch_opens_the_worst_call_and_makes_practice_of_it(wide, tmp_path):
    page = wide
    login(page)
    no_role = tmp_path / "缺列.csv"
    no_role.write_text("call_id,agent_id,text\nKD-9,G01,我家宽带连不上了\n", encoding="utf-8")
    upload(page, no_role)
    page.wait_for_selector("text=缺少必需的列", timeout=60_000)  # a warning toast; the tab stays usable

    upload(page, batch(tmp_path / "水务宽带通话.jsonl"))
    page.wait_for_selector("#qa-summary >> text=质检结果", timeout=240_000)
    assert "共 3 通通话" in page.inner_text("#qa-summary")
    page.wait_for_function("document.querySelector('#qa-rules').innerText.includes('第')")
    assert WORST_AGENT in page.inner_text("#qa-agents")
    names = [a.get_attribute("download") for a in page.locator("#qa-downloads a[download]").all()]
    assert "质检报告.html" in names and "坐席汇总.csv" in names
    assert "/" not in page.inner_text("#qa-downloads") + page.inner_text("#qa-summary")

    page.locator("#qa-worst [role=row]", has_text=WORST).locator("[data-col='0']").first.click()
    page.wait_for_selector(f"#qa-detail >> text=通话 {WORST}")
    detail = page.locator("#qa-detail")
    assert detail.locator(".flagged").count() >= 1
    assert "这不是我们的问题" in detail.inner_text() and "规定：" in detail.inner_text()
    screenshot(page, tmp_path, "qa_worst_call")

    page.click("#qa-practice")
    page.wait_for_selector("#qa-practice-result >> text=已为坐席", timeout=60_000)
    said = page.inner_text("#qa-practice-result")
    assert WORST_AGENT in said and WORST in said
    screenshot(page, tmp_path, "qa_practice_made")


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 768}, {"width": 390, "height": 844}],
                         ids=lambda v: f"{v['width']}x{v['height']}")
def test_the_sample_report_fits_the_screen(browser, server, viewport, tmp_path):
    with open_app(browser, server, viewport, "#workspace") as page:
        login(page)
        page.locator("#qa-sample input").check()
        page.click("#qa-run")
        page.wait_for_selector("#qa-summary >> text=质检结果", timeout=240_000)
        page.wait_for_function("document.querySelector('#qa-rules').innerText.includes('第')")
        # Tables scroll inside their frames; the page itself never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1
        assert not (found := internal_keys(page.inner_text("body"))), found
        path = screenshot(page, tmp_path, f"qa_{viewport['width']}x{viewport['height']}")
        exports = {a.get_attribute("download"): a.get_attribute("href")
                   for a in page.locator("#qa-downloads a[download]").all()}
        # What a trainer opens: the report page and the agents' CSV (the JSON files are for machines).
        for name in ("质检报告.html", "坐席汇总.csv"):
            body = page.request.get(exports[name]).text()
            shown = re.sub(r"<(script|style)[^>]*>.*?</\1>|<[^>]+>", " ", body, flags=re.S)
            assert not (found := internal_keys(shown)), (name, found)
        if viewport["width"] > 1000:
            opening_a_call_answers_within_half_a_second(page)
    assert path.stat().st_size > 10_000


def opening_a_call_answers_within_half_a_second(page) -> None:
    """Seconds from a click on a worst-calls row to that call's transcript; p95 at most 0.5 s offline."""
    ids = [cell.inner_text().strip() for cell in page.locator("#qa-worst [role=row] [data-col='0']").all()][:8]
    timings = []
    for call_id in ids + ids[::-1][1:]:  # never the same row twice in a row
        began = time.perf_counter()
        page.locator("#qa-worst [role=row]", has_text=call_id).locator("[data-col='0']").first.click()
        page.wait_for_function("(id) => document.querySelector('#qa-detail').innerText.includes('通话 ' + id)",
                               arg=call_id)
        timings.append(time.perf_counter() - began)
    p95 = percentile95(timings)
    print(f"\n质检 actions: p95 {p95 * 1000:.0f} ms, median {statistics.median(timings) * 1000:.0f} ms "
          f"over {len(timings)} actions")
    assert len(ids) >= 5 and p95 <= 0.5
