"""Extraction on constructions of the eleventh blind dev set: lines to say set as a blockquote under their
scene's name, and marked lines under a heading naming lines to say whatever their words."""
from __future__ import annotations

import pytest
from drafting import drafted

from knowledge.blocks import quoted_block
from knowledge.html_text import html_lines
from knowledge.markup import markdown_lines

_SCENES = ("## 三、话术\n\n### （一）推荐话术\n\n坐席按下列场景使用话术。\n\n"
           "**开场**\n\n> 您好，这里是售后服务中心，请问您需要办理什么业务？\n\n"
           "**账户冻结**\n\n> 您的账户已暂时冻结，解冻后会第一时间通知您。\n\n"
           "### （二）服务忌语\n\n> 你自己去营业厅问吧。\n")


def test_a_blockquote_under_a_scene_name_is_a_line_to_say(tmp_path):
    book = drafted(tmp_path, _SCENES)
    assert {(e.text, e.scenario) for e in book.scenario_phrases} == {
        ("您好，这里是售后服务中心，请问您需要办理什么业务？", "greeting"),
        # A scene the cue words do not know is another.
        ("您的账户已暂时冻结，解冻后会第一时间通知您。", "other")}
    # Under a 忌语 heading the quoted words are forbidden.
    assert [e.text for e in book.forbidden_phrases] == ["你自己去营业厅问吧"]


def test_an_html_blockquote_under_a_scene_name_is_a_line_to_say(tmp_path):
    html = ("<h2>规范用语</h2><p><b>业务办结</b></p>"
            "<blockquote><p>您的换卡手续已经办好，请您注意查收短信。</p></blockquote>")
    book = drafted(tmp_path, html, "规范.html")
    assert [(e.text, e.scenario) for e in book.scenario_phrases] == [("您的换卡手续已经办好，请您注意查收短信。", "other")]


@pytest.mark.parametrize(("block", "line"), [
    ("您好，请问有什么可以帮您？", "“您好，请问有什么可以帮您？”"),
    ("请您在8:30以后再来电。", "“请您在8:30以后再来电。”"),  # a clock time is no label
    # A note, an exchange and a blockquote quoting words of its own keep their text.
    ("注：以上用语请各班组熟记。", "注：以上用语请各班组熟记。"),
    ("客户：我的卡怎么又被停了？", "客户：我的卡怎么又被停了？"),
    ("错误：“你问别人去。”", "错误：“你问别人去。”"),
    # Prose addressing nobody is no quotation.
    ("本规范为月度质检的依据。", "本规范为月度质检的依据。"),
])
def test_a_blockquote_of_words_said_is_a_quotation(block, line):
    assert quoted_block(block) == line
    assert markdown_lines(f"> {block}") == [line]
    assert line in html_lines(f"<blockquote>{block}</blockquote>")


def test_a_blockquoted_note_under_a_forbidden_heading_is_no_phrase(tmp_path):
    text = "## 服务忌语\n\n- 没空\n- 你等着吧\n\n> 说明：以上忌语以录音原话为准。\n\n> 各班组每月组织学习一次。\n"
    assert {e.text for e in drafted(tmp_path, text).forbidden_phrases} == {"没空", "你等着吧"}


@pytest.mark.parametrize("heading", ["（一）推荐用语", "（一）规范话术"])
def test_a_ticked_line_under_a_heading_naming_lines_to_say_is_one_whatever_its_words(tmp_path, heading):
    text = (f"三、服务用语\r\n\t{heading}\r\n\t\t1.解释账单\r\n√账单金额由月租和流量费两部分组成，明细在营业厅App中可查。\r\n"
            f"\t\t2.通话结束\r\n√请问还有别的问题吗？祝您生活愉快。\r\n")
    found = {e.text for e in drafted(tmp_path, text, "标准.txt").scenario_phrases}
    assert found == {"账单金额由月租和流量费两部分组成，明细在营业厅App中可查。", "请问还有别的问题吗？祝您生活愉快。"}


def test_a_ticked_line_elsewhere_must_read_as_said(tmp_path):
    text = "三、服务用语\r\n\t（一）班前检查\r\n√工牌与耳麦在上岗前检查完毕。\r\n×交接班记录由值班长签字确认。\r\n"
    book = drafted(tmp_path, text, "标准.txt")
    assert not book.scenario_phrases and not book.forbidden_phrases
