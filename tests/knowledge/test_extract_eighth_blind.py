"""Extraction on constructions of the eighth blind dev set: a prescribing intro whose ban only limits how the
lines may be adapted, a quote naming a column, a bare ban word as the heading over quoted phrases, and a wiki
page's comment thread."""
from __future__ import annotations

import pytest

from knowledge.html_text import html_lines
from drafting import drafted


@pytest.mark.parametrize("intro", [
    "坐席在下列环节应使用规范用语，可结合来电情况调整措辞，但不得改变原意：",
    "话务员须使用以下标准用语，不得随意删减：",
    # However the list is named, a ban on leaving out or changing its words leaves the lines to be said.
    "以下话术请熟记，可按通话情况增补，但不得省略关键信息：",
    "客服专员答复时使用下列说法，可视情况补充，但不得删减风险提示：",
])
def test_a_ban_limiting_how_prescribed_lines_are_adapted_leaves_them_prescribed(tmp_path, intro):
    text = (f"## 4.1 规范用语\n\n{intro}\n\n"
            "（一）开场：“您好，青禾燃气客服，请问有什么可以帮您？”\n\n"
            "（二）结束：“感谢您的来电，祝您生活愉快，再见。”\n")
    book = drafted(tmp_path, text)
    assert not book.forbidden_phrases
    assert {(e.text, e.scenario) for e in book.scenario_phrases} == {
        ("您好，青禾燃气客服，请问有什么可以帮您？", "greeting"), ("感谢您的来电，祝您生活愉快，再见。", "closing")}


def test_an_intro_that_bans_its_list_still_forbids_it(tmp_path):
    text = "## 4.2 服务禁语\n\n下列说法，坐席一律不得使用：\n\n- “你问别人去。”\n- “没空，改天再打。”\n"
    found = {e.text.rstrip("。") for e in drafted(tmp_path, text).forbidden_phrases}
    assert found == {"你问别人去", "没空，改天再打"}


@pytest.mark.parametrize("column", ["“推荐说法”列", "“正确表述”列中"])
def test_a_quote_naming_a_column_is_no_phrase(tmp_path, column):
    text = ("## 4.2 服务禁语\n\n下表所列用语严禁在通话中使用，应改用" + column + "的说法：\n\n"
            "| 禁止用语 | 推荐说法 |\n|---|---|\n| 这事我管不了。 | 我帮您联系负责的同事。 |\n")
    book = drafted(tmp_path, text)
    assert [e.text.rstrip("。") for e in book.forbidden_phrases] == ["这事我管不了"]


def test_a_quote_listed_as_a_ban_is_a_phrase(tmp_path):
    text = "## 4.2 服务禁语\n\n中心决定将“你爱找谁找谁”列为服务禁语。\n"
    assert [e.text for e in drafted(tmp_path, text).forbidden_phrases] == ["你爱找谁找谁"]


@pytest.mark.parametrize("heading", ["#### 禁止", "#### 严禁", "### ✗ 禁止："])
def test_quoted_items_under_a_bare_ban_heading_are_forbidden(tmp_path, heading):
    text = ("第三章　服务用语\n------------\n\n**第八条**　坐席不得使用服务忌语，列举如下：\n\n"
            f"{heading}\n\n- 「停气又不是我停的。」\n- 「你打错部门了，自己查号码。」\n")
    found = {e.text.rstrip("。") for e in drafted(tmp_path, text).forbidden_phrases}
    assert found == {"停气又不是我停的", "你打错部门了，自己查号码"}


@pytest.mark.parametrize("wrapper", [
    '<div id="comments-section"><h2>2 条评论</h2><div class="comment"><p>{}</p></div></div>',
    '<section class="comments-area"><ol><li class="comment"><p>{}</p></li></ol></section>',
    '<img class="comment-avatar" src="a.png"><div class="comment"><p>{}</p></div>',
])
def test_a_pages_comment_thread_is_left_out(wrapper):
    remark = "建议把“你自己看公告”也加进禁语，另外报修单48小时内要回访。"
    page = ("<html><body><div id=\"main\"><h2>3.1 服务禁语</h2><ul><li><code>你自己看公告。</code></li></ul>"
            f"{wrapper.format(remark)}<p>本规定自发布之日起施行。</p></div></body></html>")
    lines = [line for line in html_lines(page) if line.strip()]
    assert not any("建议" in line or "评论" in line for line in lines)
    assert lines[-1] == "本规定自发布之日起施行。"


def test_a_ban_on_the_listed_wording_wins_over_a_clause_naming_the_rewrites(tmp_path):
    text = "## 4.2 服务用语\n\n禁止使用下列用语，应以规范用语代替：\n\n- “你听不懂就算了。”\n- “下班了，明天再说。”\n"
    found = {e.text.rstrip("。") for e in drafted(tmp_path, text).forbidden_phrases}
    assert found == {"你听不懂就算了", "下班了，明天再说"}
