"""A trainer imports a regulation into a new workspace, reviews it, and the live assist applies it at once."""
from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import docx
import pytest

from app_server import TRAINER_PASSWORD, open_app, screenshot, textbox

SHOTS = Path("/tmp/kefu-shots")
PHRASES = ["这个不归我们部门管", "您去找柜台问吧"]


def regulation(path: Path) -> Path:
    """A short bank regulation whose 第十二条 quotes forbidden phrases."""
    doc = docx.Document()
    doc.add_heading("某商业银行客户服务中心坐席服务规范", 1)
    doc.add_paragraph("第一条 为规范坐席人员服务行为，提升客户满意度，根据有关规定制定本规范。")
    doc.add_paragraph("第十二条 坐席人员在服务过程中严禁使用下列服务禁语：" + "、".join(f"“{p}”" for p in PHRASES) + "。")
    doc.add_paragraph("第十三条 坐席人员应当在客户来电振铃三声内接听。")
    doc.save(path)
    return path


def shot(page, tmp_path: Path, name: str) -> Path:
    path = screenshot(page, tmp_path, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / path.name)
    return path


@pytest.fixture
def wide(browser, server):
    with open_app(browser, server, {"width": 1366, "height": 768}, "#workspace") as opened:
        yield opened


def login(page) -> None:
    page.get_by_role("tab", name="知识库").click()
    textbox(page, "review-password").fill(TRAINER_PASSWORD)
    page.click("#review-login")
    page.wait_for_selector("#review-trainer", state="visible")


def test_management_needs_the_trainer_password(wide):
    wide.get_by_role("tab", name="知识库").click()
    assert not wide.locator("#review-files").is_visible()
    textbox(wide, "review-password").fill("不对的密码")
    wide.click("#review-login")
    wide.wait_for_selector("#review-login-status >> text=密码不正确")
    assert not wide.locator("#review-files").is_visible()


def test_trainer_imports_reviews_and_the_assist_flags_the_new_rule_at_once(wide, tmp_path):
    page = wide
    login(page)
    name = f"bank-{uuid.uuid4().hex[:6]}"
    textbox(page, "review-new-id").fill(name)
    textbox(page, "review-new-title").fill("测试商业银行")
    page.click("#review-create")
    page.wait_for_selector("#review-status >> text=已新建工作区")
    page.wait_for_timeout(1500)  # the switch to the new workspace refreshes the table; the message must survive it
    assert "已新建工作区" in page.inner_text("#review-status")

    page.locator("#review-files input[type=file]").set_input_files(str(regulation(tmp_path / "坐席服务规范.docx")))
    page.click("#review-import")
    page.wait_for_selector("#review-report >> text=已导入", timeout=120_000)
    report = page.inner_text("#review-report")
    assert "坐席服务规范.docx" in report and "/" not in report and "=" not in report
    page.wait_for_function(f"document.querySelector('#review-table').innerText.includes('{PHRASES[0]}')")
    table = page.inner_text("#review-table")
    assert "待审核" in table and "第十二条" in table
    box = page.locator("#review-table").bounding_box()
    assert box["x"] + box["width"] <= 1366, f"review table overflows the frame: {box}"
    shot(page, tmp_path, "review_drafts")

    page.click("#review-accept-all")
    page.wait_for_selector("#review-status >> text=已立即生效", timeout=120_000)
    assert "已采用" in page.inner_text("#review-table")
    shot(page, tmp_path, "review_accepted")

    page.get_by_role("tab", name="坐席助手").click()
    textbox(page, "assist-draft").fill(f"您好，{PHRASES[0]}，您再问问别人。")
    page.wait_for_selector("#assist-warnings >> text=第十二条", timeout=30_000)
    assert PHRASES[0] in page.inner_text("#assist-marked")
    assert PHRASES[0] in page.inner_text("#assist-warnings")
    shot(page, tmp_path, "assist_new_rule")


def test_empty_upload_is_refused_inline_in_chinese(wide):
    login(wide)
    wide.click("#review-import")
    wide.wait_for_selector("#review-status >> text=请先选择要上传的规范文件")
    wide.wait_for_timeout(1500)  # the entry picker's refresh after sign-in must not wipe the message
    assert "请先选择要上传的规范文件" in wide.inner_text("#review-status")
