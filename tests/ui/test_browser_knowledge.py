"""知识库 in headless Chromium: highlighted answers, "no relevant passage", the rulebook filters, fit and speed."""
from __future__ import annotations

import re
import statistics

import pytest

from app_server import internal_keys, open_app, open_tab, percentile95, screenshot, textbox

# The first module of a run also ingests the sources and starts the app: on a busy machine, minutes.
pytestmark = pytest.mark.timeout(1500)
# A new answer, not the progress timer Gradio shows in the component meanwhile.
HITS_CHANGED = ("(before) => { const t = document.querySelector('#kb-hits').innerText; return t !== before && "
                "(t.includes('出处') || t.includes('没有找到相关条文')); }")
ROWS = "Array.from(document.querySelectorAll('#kb-rules tbody tr'))"


def knowledge(browser, server, viewport: dict):
    opened = open_app(browser, server, viewport, "#workspace")
    page = opened.__enter__()
    open_tab(page, "知识库")
    page.wait_for_selector("#kb-rules tbody tr")
    return opened, page


@pytest.fixture
def wide(browser, server):
    opened, page = knowledge(browser, server, {"width": 1366, "height": 768})
    yield page
    opened.__exit__(None, None, None)


@pytest.fixture
def narrow(browser, server):
    opened, page = knowledge(browser, server, {"width": 390, "height": 844})
    yield page
    opened.__exit__(None, None, None)


def search(page, text: str) -> str:
    before = page.inner_text("#kb-hits")
    textbox(page, "kb-query").fill(text)
    page.click("#kb-search")
    page.wait_for_function(HITS_CHANGED, arg=before)
    return page.inner_text("#kb-hits")


def test_a_real_question_shows_the_answer_highlighted_with_its_article(wide, tmp_path):
    shown = search(wide, "客户说这事不归我管，这种话能说吗")
    assert wide.locator("#kb-hits mark").count() >= 1
    assert any("不归我管" in text for text in wide.locator("#kb-hits mark").all_inner_texts())
    assert "出处" in shown and re.search(r"第[一二三四五六七八九十百]+条", shown)
    assert "没有找到相关条文" not in shown
    assert not (found := internal_keys(wide.inner_text("body"))), found  # citations, rulebook and all
    screenshot(wide, tmp_path, "knowledge_search_1366")


def test_an_unrelated_question_gets_no_relevant_passage(wide):
    shown = search(wide, "周末去海边钓鱼要带什么装备")
    assert "没有找到相关条文" in shown and "换个说法" in shown
    assert wide.locator("#kb-hits mark").count() == 0 and "出处" not in shown


def test_an_empty_query_warns_inline_and_keeps_the_results(wide):
    search(wide, "客户投诉怎么处理")
    answer = wide.inner_text("#kb-hits")
    textbox(wide, "kb-query").fill("   ")
    wide.click("#kb-search")
    wide.wait_for_selector("#kb-status >> text=请输入")
    assert wide.inner_text("#kb-hits") == answer
    assert wide.locator("[data-testid=status-tracker].error").count() == 0
    assert "Error" not in wide.inner_text("body")


def pick(page, option: str) -> None:
    page.locator("#kb-category input").click()
    page.get_by_role("option", name=option, exact=True).click()


def first_cells(page) -> list[str]:
    return page.evaluate(f"{ROWS}.map(r => r.cells[0].innerText)")


def test_the_rulebook_filters_by_category_and_text(wide, tmp_path):
    total = len(first_cells(wide))
    pick(wide, "时限与指标")
    wide.wait_for_function(f"{ROWS}.length > 0 && {ROWS}.every(r => r.cells[0].innerText === '时限与指标')")
    slas = len(first_cells(wide))
    assert 0 < slas < total
    word = wide.evaluate(f"{ROWS}[0].cells[1].innerText").strip()[:3]
    textbox(wide, "kb-filter").fill(word)
    wide.wait_for_function(f"(w) => {ROWS}.length > 0 && {ROWS}.every(r => r.innerText.includes(w))", arg=word)
    rows = wide.evaluate(f"{ROWS}.map(r => r.innerText)")
    assert rows and all(word in row for row in rows)
    assert set(first_cells(wide)) == {"时限与指标"} and len(rows) <= slas
    screenshot(wide, tmp_path, "knowledge_rulebook_filtered_1366")


def test_the_rulebook_fits_with_suggestion_and_source_visible(wide, tmp_path):
    pick(wide, "服务禁语")
    wide.wait_for_function(f"{ROWS}.every(r => r.cells[0].innerText.startsWith('服务禁语'))")
    for title in ("建议用语", "出处"):
        box = wide.locator("#kb-rules th", has_text=title).bounding_box()
        assert box and box["x"] + box["width"] <= 1366, f"{title} is off-screen: {box}"
    frame = wide.locator("#kb-rules table").bounding_box()
    assert frame["x"] + frame["width"] <= 1366
    assert wide.evaluate(f"{ROWS}.some(r => r.cells[3].innerText.trim().length > 0)")
    screenshot(wide, tmp_path, "knowledge_tab_1366")


def test_a_phone_shows_rules_as_cards_that_fit(narrow, tmp_path):
    shown = search(narrow, "客户骂人的时候坐席怎么回应")
    assert "出处" in shown
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 390
    for selector in ("#kb-hits", "#kb-rules"):
        box = narrow.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"{selector} overflows: {box}"
    assert narrow.locator("#kb-rules td[data-label='出处']").first.is_visible()
    screenshot(narrow, tmp_path, "knowledge_tab_390")


def test_every_action_answers_within_half_a_second(wide):
    """Milliseconds from the press of a mouse button to its result on the page; p95 at most 0.5 s offline.

    The clock starts in the page at the real mousedown, not when Playwright begins a click: its checks that
    an option has stopped moving take about 0.3 s by themselves and are no part of what a person waits for.
    """
    timings: list[float] = []

    def timed(action, until: str, arg=None) -> None:
        wide.evaluate("document.addEventListener('mousedown', () => { window.__began = performance.now(); }, "
                      "{capture: true, once: true})")
        action()
        done = wide.wait_for_function(f"(arg) => ({until})(arg) && performance.now()", arg=arg).json_value()
        timings.append(done - wide.evaluate("window.__began"))

    questions = ["客户投诉怎么处理", "接电话时要先说什么", "客户一直不说话怎么办", "明天会下雨吗", "话筒离嘴多远合适"]
    search(wide, "热身")
    for question in questions * 2:
        textbox(wide, "kb-query").fill(question)
        timed(lambda: wide.click("#kb-search"), HITS_CHANGED, wide.inner_text("#kb-hits"))
    for option in ["服务禁语", "规范用语", "时限与指标", "奖惩分值", "全部"] * 2:
        wide.locator("#kb-category input").click()
        timed(lambda: wide.get_by_role("option", name=option, exact=True).click(),
              f"(o) => o === '全部' ? {ROWS}.length > 100 : ({ROWS}.length > 0 && "
              f"{ROWS}.every(r => r.cells[0].innerText.startsWith(o)))", option)
    p95 = percentile95(timings)
    print(f"\n知识库 actions: p95 {p95:.0f} ms, median {statistics.median(timings):.0f} ms over {len(timings)} actions: "
          + " ".join(f"{t:.0f}" for t in timings))
    assert p95 <= 500
