"""A forbidden list whose items are a phrase and a note about it (a bracketed tag, a reason after a dash, a note
in an element of its own), in HTML, Markdown and Word: each item gives its phrase, never the note."""
from __future__ import annotations

import docx
import pytest

from knowledge.blocks import kept_bullet
from knowledge.clean import clean_document
from knowledge.documents import read_document
from knowledge.html_text import html_lines
from knowledge.rulebook_extract import extract_rulebook
from drafting import drafted

# Phrases of some length, each a sentence with a comma, and the note saying why each is banned.
_NOTED = [("水表是你自己弄坏的，我们不管。", "推卸责任"), ("停气通知早就贴了，你没看见怪谁。", "指责用户"),
          ("维修师傅今天都没空，你明天再打。", "推诿，应登记报修"), ("这种小事也要打热线？", "不耐烦")]
_INTRO = "<h2>三、服务纪律</h2><ol><li><strong>3.2</strong> 坐席接听来电时不得使用下列语句："
_END = "</li><li><strong>3.3</strong> 违者按第五章处理。</li></ol>"


def _phrases(found) -> set[str]:
    return {e.text.rstrip("。？") for e in found}


_EXPECTED = {p.rstrip("。？") for p, _ in _NOTED}


@pytest.mark.parametrize("item", [
    "<li><span class='bad'>{}</span>（{}）</li>",
    "<li><del>{}</del> —— {}</li>",
    # The note in an element of its own, with no bracket or dash to set it apart.
    "<li><span class='bad'>{}</span><span class='why'>{}</span></li>",
    "<li><s>{}</s> <small>{}</small></li>",
])
def test_an_html_item_gives_its_phrase_not_its_note(tmp_path, item):
    items = "".join(item.format(p, note) for p, note in _NOTED)
    found = drafted(tmp_path, f"{_INTRO}<ul class='no'>{items}</ul>{_END}", "规范.html").forbidden_phrases
    assert _phrases(found) == _EXPECTED
    assert all("3.2" in e.source.article for e in found)


def test_markdown_bullets_with_bracketed_notes(tmp_path):
    items = "".join(f"- {p}（{note}）\n" for p, note in _NOTED)
    text = f"## 三、服务纪律\n\n坐席接听来电时不得使用下列语句：\n\n{items}\n## 四、附则\n"
    assert _phrases(drafted(tmp_path, text, "规范.md").forbidden_phrases) == _EXPECTED


def test_word_bullets_with_bracketed_notes(tmp_path):
    document = docx.Document()
    document.add_paragraph("三、服务忌语")
    for phrase, note in _NOTED:
        document.add_paragraph(f"{phrase}（{note}）", style="List Bullet")
    document.add_paragraph("违者按第五章处理。")
    path = tmp_path / "规范.docx"
    document.save(path)
    found = extract_rulebook([clean_document(read_document(path).text, path.name)]).forbidden_phrases
    assert _phrases(found) == _EXPECTED


@pytest.mark.parametrize(("item", "kept"), [
    ("你这个情况我也没办法。（推诿）", True),
    ("你爱去哪投诉就去哪投诉。(态度恶劣)", True),
    # A sentence of conduct with a bracketed aside stays a paragraph.
    ("坐席应在接听前调整好坐姿和情绪，保持语速平稳。（详见附件二）", False),
])
def test_a_bracketed_note_does_not_make_a_phrase_a_paragraph(item, kept):
    assert kept_bullet(item).startswith("- ") is kept


@pytest.mark.parametrize(("html", "line"), [
    # A number, a label or a lead-in in the item's first element is no phrase with a note.
    ("<ol><li><b>4.1</b><span>坐席应使用普通话。</span></li></ol>", "4.1坐席应使用普通话。"),
    ("<ul><li><strong>注：</strong><em>本表每年修订。</em></li></ul>", "注：本表每年修订。"),
    ("<ul><li>坐席应<em>主动</em><b>报工号</b></li></ul>", "- 坐席应主动报工号"),
])
def test_an_item_that_opens_with_no_phrase_reads_as_written(html, line):
    assert line in html_lines(html)


@pytest.mark.parametrize(("line", "scenario"), [
    # A line that explains a rule to the caller says no 您 and is still the line for its scene.
    ("3. 用户对阶梯水价有疑问：“第二阶梯从每月16吨起算，超出部分按3.5元一吨计费。”", "doubt_answer"),
    ("4. 用户询问停水时间：“明早8:00前恢复供水，届时短信通知。”", "other"),
])
def test_a_scene_and_its_line_under_a_speech_heading(tmp_path, line, scenario):
    text = f"**二、服务用语**\n\n1. 接听来电：“您好，清泉水务热线，请讲。”\n{line}\n\n**三、附则**\n"
    found = drafted(tmp_path, text, "规范.md").scenario_phrases
    said = line.split("“")[1].rstrip("”")
    assert [e.scenario for e in found if e.text == said] == [scenario]


@pytest.mark.parametrize("bad", ["2. 用户催修：“你等着吧，师傅会来的。”", "错误：“水管爆了也得排队，等通知。”"])
def test_a_bad_example_under_a_speech_heading_is_no_line_to_say(tmp_path, bad):
    text = f"**二、服务用语**\n\n1. 接听来电：“您好，清泉水务热线，请讲。”\n\n{bad}\n"
    assert [e.text for e in drafted(tmp_path, text, "规范.md").scenario_phrases] == ["您好，清泉水务热线，请讲。"]


# Phrases glossed with the words to say instead, quoted: the quote is the phrase's suggestion, no line of its own.
_GLOSSED = [("停电又不是我们造成的。", "推卸责任", "停电给您添麻烦了，我帮您查一下恢复时间。"),
            ("你到底想不想交费？", "不耐烦", "您看今天方便办理缴费吗？"),
            ("这事得找供电所，别打这儿。", "推诿", "我帮您把情况转给供电所，再给您回电。")]


@pytest.mark.parametrize("definition", ["{why}。可改说：“{say}”", "{why}，建议改为：“{say}”"])
def test_a_definition_list_gives_phrases_and_their_suggestions(tmp_path, definition):
    """A definition list: the term is the phrase, its definition why it is banned and what to say instead."""
    items = "".join(f"<dt>{p}</dt><dd>{definition.format(why=why, say=say)}</dd>" for p, why, say in _GLOSSED)
    page = f"<h3>4.2 服务忌语</h3><p>下列说法不得使用：</p><dl>{items}</dl><h3>4.3 附则</h3><p>本规范自发布之日起施行。</p>"
    book = drafted(tmp_path, page, "规范.html")
    assert {(e.text.rstrip("。？"), e.suggestion.rstrip("。？")) for e in book.forbidden_phrases} == \
        {(p.rstrip("。？"), say.rstrip("。？")) for p, _, say in _GLOSSED}
    assert book.scenario_phrases == []


@pytest.mark.parametrize("item", [
    "- {phrase}——{why}，应说：“{say}”",
    "- {phrase}（{why}，宜说：“{say}”）",
    "1. {phrase}（应说：“{say}”）",
])
def test_an_item_with_its_rewrite_quoted_gives_the_phrase(tmp_path, item):
    lines = "\n".join(item.format(phrase=p, why=why, say=say) for p, why, say in _GLOSSED)
    book = drafted(tmp_path, f"## 四、服务忌语\n\n坐席不得使用下列语句：\n\n{lines}\n\n## 五、附则\n\n本规范自发布之日起施行。\n")
    assert {(e.text.rstrip("。？"), e.suggestion.rstrip("。？")) for e in book.forbidden_phrases} == \
        {(p.rstrip("。？"), say.rstrip("。？")) for p, _, say in _GLOSSED}


def test_a_note_asking_to_explain_quotes_no_suggestion(tmp_path):
    """"应说明…" explains; it is no cue for the words to say instead."""
    book = drafted(tmp_path, "## 四、服务忌语\n\n坐席不得使用下列语句：\n\n- 这个我也没办法。（推诿，应说明办理途径）\n"
                             "- 你自己去营业厅问。（推诿，应说明所需材料）\n")
    assert {(e.text.rstrip("。"), e.suggestion) for e in book.forbidden_phrases} == \
        {("这个我也没办法", ""), ("你自己去营业厅问", "")}


def test_an_faq_answer_is_not_a_gloss():
    lines = html_lines("<dl><dt>问：停电了多久能修好？</dt><dd>答：城区一般4小时内恢复。</dd></dl>")
    assert "问：停电了多久能修好？答：城区一般4小时内恢复。" in lines
