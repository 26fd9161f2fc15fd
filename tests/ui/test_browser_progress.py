"""我的进度 in headless Chromium after three calls; no internal key on any trainee- or agent-facing tab; screenshots."""
from __future__ import annotations

import statistics
import time
import uuid

import pytest

from app_server import BUBBLES, CARD_SHOWN, internal_keys, open_app, percentile95, screenshot, textbox
from ui.messages import OUTCOME_NAMES

# The first module of a run also ingests the sources and starts the app: on a busy machine, minutes.
pytestmark = pytest.mark.timeout(1500)
CALLS = [
    ["您好，很高兴为您服务，请问有什么可以帮您？", "这个不归我们管，你自己去问商家吧"],
    ["喂，说话", "非常抱歉给您添麻烦了，请问您贵姓？"],
    ["您好，请问有什么可以帮您？", "我理解您的心情，我马上为您核实，24小时内给您回复。"],
]
TABS = ["练习", "我的进度", "坐席助手"]
VIEWPORTS = [{"width": 1366, "height": 768}, {"width": 390, "height": 844}]


def play(page, lines: list[str]) -> None:
    """One practice call: the lines sent with Enter, then 结束并评分 unless the call already ended."""
    page.click("#practice-start")
    page.wait_for_function(f"{BUBBLES} === 1 && !document.querySelector('#practice-send').disabled")
    for line in lines:
        count = page.evaluate(BUBBLES)
        textbox(page, "practice-reply").fill(line)
        textbox(page, "practice-reply").press("Enter")
        page.wait_for_function(f"{BUBBLES} > {count + 1} || {CARD_SHOWN}")
        if page.evaluate(CARD_SHOWN):
            return
    page.click("#practice-finish")
    page.wait_for_function(CARD_SHOWN)


@pytest.fixture(scope="module")
def trainee(browser, server) -> str:
    """A trainee who has made three calls."""
    name = f"学员{uuid.uuid4().hex[:6]}"
    with open_app(browser, server, {"width": 1280, "height": 900}, "#practice-name") as page:
        textbox(page, "practice-name").fill(name)
        for lines in CALLS:
            play(page, lines)
    return name


def open_progress(page, name: str | None = None) -> None:
    page.get_by_role("tab", name="我的进度").click()
    if name:
        textbox(page, "progress-name").fill(name)
        page.click("#progress-show")
    page.wait_for_selector("#progress-summary >> text=共练习")


def test_progress_after_three_calls(page, trainee, tmp_path):
    open_progress(page, trainee)
    assert "共练习 3 次" in page.inner_text("#progress-summary")
    page.wait_for_selector("#progress-trend canvas, #progress-trend svg")
    rows = page.locator("#progress-sessions [role=row]", has_text="北京时间")
    assert rows.count() == 3
    assert any(outcome in rows.first.inner_text() for outcome in OUTCOME_NAMES.values())  # how it ended, in Chinese
    mistakes = page.inner_text("#progress-mistakes")
    assert "常犯问题" in mistakes and "次数" in mistakes and "规定" in mistakes
    screenshot(page, tmp_path, "progress_three_calls")


def test_the_name_typed_in_practice_shows_its_progress(page, trainee):
    textbox(page, "practice-name").fill(trainee)
    open_progress(page)
    assert textbox(page, "progress-name").input_value() == trainee
    assert "共练习 3 次" in page.inner_text("#progress-summary")


def test_progress_answers_within_half_a_second(page, trainee):
    page.get_by_role("tab", name="我的进度").click()
    timings = []
    # Alternate the trainee with a newcomer, so every name typed changes what the summary says.
    for n in range(8):
        want = "共练习" if n % 2 else "还没有练习记录"
        began = time.perf_counter()
        textbox(page, "progress-name").fill(trainee if n % 2 else f"新学员{n}")
        page.wait_for_function("(want) => document.querySelector('#progress-summary').innerText.includes(want)",
                               arg=want)
        timings.append(time.perf_counter() - began)
    p95 = percentile95(timings)
    print(f"\n我的进度: p95 {p95 * 1000:.0f} ms, median {statistics.median(timings) * 1000:.0f} ms over {len(timings)}")
    assert p95 <= 0.5


def fill_tab(page, tab: str, trainee: str) -> None:
    """Bring each tab to the state with the most on it: a scorecard, a suggestion and a warning, the progress."""
    if tab == "练习":
        textbox(page, "practice-name").fill(trainee)
        page.locator("#practice-coach input").check()
        play(page, CALLS[0])
    elif tab == "我的进度":
        open_progress(page, trainee)
        page.wait_for_selector("#progress-trend canvas, #progress-trend svg")
    else:
        page.get_by_role("tab", name=tab).click()
        textbox(page, "assist-latest").fill("喂？你们这退款到底什么时候到账？我这边信号不好")
        page.click("#assist-suggest")
        page.wait_for_selector("#assist-suggestion-0", state="visible")
        textbox(page, "assist-draft").fill("这事不归我管，你自己看说明书")
        page.wait_for_selector("#assist-warnings >> text=规定")


@pytest.mark.parametrize("tab", TABS)
def test_no_internal_key_is_shown(page, trainee, tab):
    fill_tab(page, tab, trainee)
    shown = page.inner_text("body")
    assert not (found := internal_keys(shown)), f"{tab}: {found}"


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v['width']}x{v['height']}")
@pytest.mark.parametrize("tab", TABS)
def test_screenshots_of_each_tab(browser, server, trainee, tab, viewport, tmp_path):
    with open_app(browser, server, viewport, "#practice-name") as page:
        fill_tab(page, tab, trainee)
        name = {"练习": "practice", "我的进度": "progress", "坐席助手": "assist"}[tab]
        path = screenshot(page, tmp_path, f"{name}_{viewport['width']}x{viewport['height']}")
    assert path.stat().st_size > 10_000
