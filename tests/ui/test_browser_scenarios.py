"""A trainer writes the centre's own practice scenario, and a trainee practises it straight away."""
from __future__ import annotations

import uuid

import pytest

from app_server import TRAINER_PASSWORD, screenshot, textbox

# Building the app's data dir once for the module is slow on a loaded machine.
pytestmark = pytest.mark.timeout(900)

OPENING = "我家燃气表这几天突然不走字了，是不是表坏了"


def pick(page, elem_id: str, text: str) -> None:
    """Choose the dropdown option whose label contains `text`."""
    box = page.locator(f"#{elem_id} input").first
    box.click()
    box.fill(text)
    page.get_by_role("option", name=text).first.click()


def test_trainer_adds_a_scenario_and_the_trainee_practises_it(page, tmp_path):
    title = f"燃气表不走字{uuid.uuid4().hex[:4]}"
    page.get_by_role("tab", name="培训师").click()
    textbox(page, "trainer-password").fill(TRAINER_PASSWORD)
    page.click("#trainer-login")
    page.wait_for_selector("#scen-accordion", state="visible")
    page.get_by_text("练习场景", exact=True).first.click()
    page.wait_for_selector("#scen-note >> text=还没有自己的练习场景")

    textbox(page, "scen-title").fill(title)
    textbox(page, "scen-opening").fill(OPENING)
    textbox(page, "scen-facts").fill("户号：3301882456")
    textbox(page, "scen-hidden").fill("燃气表编号：GM-7731")
    textbox(page, "scen-keywords").fill("上门检修，安排师傅")
    textbox(page, "scen-assigned").fill("王小明")
    page.click("#scen-save")
    page.wait_for_selector("#scen-status >> text=已保存练习场景", timeout=60_000)
    assert title in page.inner_text("#scen-table")
    screenshot(page, tmp_path, "trainer_scenarios")

    page.get_by_role("tab", name="练习").click()
    textbox(page, "practice-name").fill("王小明")
    textbox(page, "practice-name").blur()
    pick(page, "practice-scenario", title)
    assert "指派给你" in page.locator("#practice-scenario input").first.input_value()
    page.click("#practice-start")
    page.wait_for_selector("#practice-chat .message", timeout=60_000)
    first = page.locator("#practice-chat .message").first.inner_text()
    assert OPENING in first, first
    screenshot(page, tmp_path, "practice_own_scenario")
