"""Extraction on habits of authors who never saw kefu: straight double quotes typed on a Western keyboard,
and speaking speed written as a unit (字/分钟)."""
from __future__ import annotations

import pytest

from knowledge.clean import clean_document
from knowledge.documents import read_document
from knowledge.rulebook_extract import extract_rulebook
from drafting import drafted


@pytest.mark.parametrize(("text", "expected"), [
    # A quoted line alone under a 结束语 heading.
    ("## 3 服务用语\n\n### 3.4 结束语\n\n\"感谢您致电顺途出行，祝您旅途平安，再见！\"\n",
     {("感谢您致电顺途出行，祝您旅途平安，再见！", "closing")}),
    # The scene before the quote names it, as with curly quotes.
    ("## 二、通话用语\n\n客户情绪激动时，应先安抚：\"请您别着急，我一定帮您把电费问题查清楚。\"\n",
     {("请您别着急，我一定帮您把电费问题查清楚。", "rude_customer")}),
])
def test_straight_double_quotes_quote_prescribed_lines(tmp_path, text, expected):
    assert {(e.text, e.scenario) for e in drafted(tmp_path, text).scenario_phrases} == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("第六条 座席严禁对业主说\"物业费不交就别想修\"、\"这事你找开发商去\"之类的话。\n",
     {"物业费不交就别想修", "这事你找开发商去"}),
    ("4.2 客服不得使用\"你到底买不买\"等说法催促客户，也不得说\"系统就这样\"。\n",
     {"你到底买不买", "系统就这样"}),
])
def test_straight_double_quotes_quote_forbidden_phrases(tmp_path, text, expected):
    assert {e.text for e in drafted(tmp_path, text, "规范.txt").forbidden_phrases} == expected


@pytest.mark.parametrize("line", [
    # English inside straight quotes is no speech; an odd quote pairs with nothing.
    "登录系统后点击\"Submit\"按钮提交工单。",
    "屏幕尺寸为6.1\"的机型不在本次活动范围内。",
])
def test_straight_quotes_around_no_chinese_or_unpaired_stay(tmp_path, line):
    path = tmp_path / "规范.txt"
    path.write_text(line, encoding="utf-8")
    assert read_document(path).text == line


@pytest.mark.parametrize(("line", "value"), [
    ("第九条 通话语速宜控制在160-200字/分钟，老年客户来电时适当放慢。", (160.0, 200.0)),
    ("3.2 座席语速保持在150～180个字/分钟。", (150.0, 180.0)),
    ("（三）语速不超过200字/分，吐字清晰。", 200.0),
])
def test_speaking_speed_as_characters_per_minute(tmp_path, line, value):
    slas = drafted(tmp_path, f"第二章 服务标准\n{line}\n", "规范.txt").slas
    assert [(s.value, s.unit) for s in slas] == [(value, "chars_per_minute")]


@pytest.mark.parametrize(("name", "text", "expected"), [
    # An <ol>'s items come out as plain lines; the intro names wording, so they are phrases.
    ("规范.html", "<h3>（二）服务禁语</h3><p>坐席<strong>严禁</strong>使用以下语言：</p>"
                 "<ol><li>你自己不会查保单吗？</li><li>理赔又不是我说了算。</li></ol>",
     {"你自己不会查保单吗？", "理赔又不是我说了算"}),
    ("规范.txt", "第三章 服务纪律\n第八条 接听来电时禁止使用下列说法：\n水压低不归我们管\n明天再打过来吧\n",
     {"水压低不归我们管", "明天再打过来吧"}),
])
def test_unnumbered_lines_under_an_intro_that_forbids_wording(tmp_path, name, text, expected):
    assert {e.text for e in drafted(tmp_path, text, name).forbidden_phrases} == expected


def test_unnumbered_lines_under_an_intro_that_forbids_conduct_are_no_phrases(tmp_path):
    text = "第四章 工作纪律\n第十条 以下行为严禁：\n私自向业主收取维修费用\n下班前关闭工单系统\n"
    assert drafted(tmp_path, text, "规范.txt").forbidden_phrases == []


@pytest.mark.parametrize(("line", "expected"), [
    ("第七条 与投保人沟通时应避免使用“保全”“现金价值”等专业术语而不加解释。", set()),
    ("第九条 严禁对用户说“你懂不懂”，也不要使用“光猫”“拨号”之类的术语。", {"你懂不懂"}),
    ("4.3 不得说“这套餐你用不起”，少用“携号转网”这类行业名词。", {"这套餐你用不起"}),
])
def test_quoted_jargon_terms_are_no_forbidden_phrases(tmp_path, line, expected):
    assert {e.text for e in drafted(tmp_path, f"第二章 服务规范\n{line}\n", "规范.txt").forbidden_phrases} == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("第五条 热线一次解决率目标为88%，按季度通报。", []),
    ("第五条 20秒人工接通率不低于90%，客户满意度目标为95%。", [(20.0, "second"), (90.0, "percent")]),
    # A driver or merchant appealing a ruling on an order is served by the centre; staff appealing a score are not.
    ("第六条 商户对结算判责提出申诉的，平台应在3个工作日内给出复核结果。", [(3.0, "working_day")]),
    ("第六条 骑手对扣分有异议的，可在3日内提出申诉，站点于5日内复核。", []),
    ("第六条 商家对处理结果有异议的，可在通知后5日内申诉，平台于7个工作日内复核。", []),
])
def test_targets_and_appeals(tmp_path, line, expected):
    slas = drafted(tmp_path, f"第二章 服务时效\n{line}\n", "规范.txt").slas
    assert [(s.value, s.unit) for s in slas] == expected


@pytest.mark.parametrize(("name", "text", "expected"), [
    # 禁止用语 names a forbidden list as 禁用语 does: as a column and as a heading.
    ("规范.html", "<h3>4.2 禁止用语</h3><table><tr><th>序号</th><th>禁止用语</th><th>原因</th></tr>"
                 "<tr><td>1</td><td>你烦不烦</td><td>态度恶劣</td></tr><tr><td>2</td><td>找物业经理去</td><td>推诿</td></tr></table>",
     {"你烦不烦", "找物业经理去"}),
    ("规范.txt", "第三章 禁止性用语\n第九条 以下为禁止性用语：\n（一）电费贵你别用啊\n（二）停电又不是我们造成的\n",
     {"电费贵你别用啊", "停电又不是我们造成的"}),
])
def test_prohibited_wording_named_as_such(tmp_path, name, text, expected):
    assert {e.text for e in drafted(tmp_path, text, name).forbidden_phrases} == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("第八条 座席人员禁止使用以下不文明用语，包括：你有病吧；你烦不烦；你投诉我也不怕。",
     {"你有病吧", "你烦不烦", "你投诉我也不怕"}),
    ("第十二条 坐席严禁使用下列话语，如：这不是我们的事；找保险公司去；下班了明天再说。违者按第二十条处理。",
     {"这不是我们的事", "找保险公司去", "下班了明天再说"}),
    # The run stops where the next cue opens; that cue's quotes are read as quotes.
    ("第七条 坐席应杜绝以下用语：没水了、修不了；严禁使用“你家管子自己坏的”等说法。",
     {"没水了", "修不了", "你家管子自己坏的"}),
])
def test_an_inline_list_runs_on_over_semicolons(tmp_path, line, expected):
    assert {e.text for e in drafted(tmp_path, f"第二章 服务纪律\n{line}\n", "规范.txt").forbidden_phrases} == expected


def _numbered_docx(path, intro: str, items: list[str], after: list[str] = ()) -> None:
    import docx  # Word's automatic numbering is not in the paragraph text

    document = docx.Document()
    document.add_paragraph("第三章 服务纪律")
    document.add_paragraph(intro)
    for item in items:
        document.add_paragraph(item, style="List Number")
    for line in after:
        document.add_paragraph(line)
    document.save(path)


@pytest.mark.parametrize(("intro", "items"), [
    ("第十条 座席在通话中严禁使用下列话术：", ["保单上写得清清楚楚，你自己没看", "理赔慢是医院的问题", "这个不归我们管，你找代理人去"]),
    ("第六条 以下说辞一律禁止：", ["燃气费贵就少用点。", "抄表员几点到我哪知道", "漏气了你自己先关阀门吧。"]),
])
def test_word_numbered_items_with_and_without_a_full_stop(tmp_path, intro, items):
    path = tmp_path / "规范.docx"
    _numbered_docx(path, intro, items, ["第十一条 违反本章规定的，按第五章考核。"])
    found = extract_rulebook([clean_document(read_document(path).text, path.name)]).forbidden_phrases
    assert {e.text for e in found} == {i.rstrip("。") for i in items}
    assert all(e.source.article.endswith(intro.split(" ")[0] + " " + intro.split(" ")[1].rstrip("：")) for e in found)


def test_a_heading_after_a_list_of_plain_lines_stays_a_heading(tmp_path):
    path = tmp_path / "规范.docx"
    _numbered_docx(path, "第九条 以下用语禁止使用：", ["你自己查去。", "没空。"],
                   ["服务时效", "热线来电须在15秒内接听，投诉须在24小时内回复，回复后由班长复核并在系统中记录结果。"])
    slas = extract_rulebook([clean_document(read_document(path).text, path.name)]).slas
    assert slas and all(s.source.article.endswith("服务时效") for s in slas)


@pytest.mark.parametrize(("text", "expected"), [
    ("第三章 服务规范\n第十一条 座席应使用以下规范用语：\n1. 您好，瑞丰燃气，很高兴为您服务。\n2. 请您稍等，我马上为您查询缴费记录。\n",
     {("您好，瑞丰燃气，很高兴为您服务。", "greeting"), ("请您稍等，我马上为您查询缴费记录。", "hold")}),
    ("四、服务要求\n（三）客服应使用下列标准用语：\n（1）接听：您好，鲜达生鲜，请问有什么可以帮您？\n（2）结束：感谢您的来电，再见。\n",
     {("您好，鲜达生鲜，请问有什么可以帮您？", "greeting"), ("感谢您的来电，再见。", "closing")}),
])
def test_items_under_an_intro_naming_prescribed_wording(tmp_path, text, expected):
    assert {(e.text, e.scenario) for e in drafted(tmp_path, text, "规范.txt").scenario_phrases} == expected


def test_items_under_an_intro_naming_rewrites_are_no_prescribed_lines(tmp_path):
    text = "第四章 服务禁语\n第十条 座席不得说“你自己看合同”，应改为：\n1. 合同条款我给您说明一下。\n"
    assert drafted(tmp_path, text, "规范.txt").scenario_phrases == []


@pytest.mark.parametrize(("name", "text", "expected"), [
    # The last <li> has no full stop and heads nothing: the page ends with it.
    ("规范.html", "<h3>服务忌语</h3><p>以下话语禁止使用：</p><ul><li>你听懂了没有？</li><li>有意见找领导去</li></ul>",
     {"你听懂了没有？", "有意见找领导去"}),
    # ... or the next part of the document starts right after it.
    ("规范.txt", "四、禁用语\n坐席不得使用以下用语：\n你到底想怎么样？\n我又不是神仙\n五、考核\n迟到一次扣1分。\n",
     {"你到底想怎么样？", "我又不是神仙"}),
])
def test_a_last_item_without_a_full_stop(tmp_path, name, text, expected):
    assert {e.text for e in drafted(tmp_path, text, name).forbidden_phrases} == expected
