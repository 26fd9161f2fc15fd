"""Citations under headings that carry no number: an unnumbered subheading (an HTML <h4>) inside a titled （X）
section is cited with that section, and an annex heading after a long line of the text before it heads its annex."""
from __future__ import annotations

import pytest

from knowledge.chunks import chunk_document
from knowledge.clean import CleanDoc, join_wrapped_lines


def _cited(text: str, line: str) -> str:
    """The heading path of the chunk holding `line`."""
    return next(c.article for c in chunk_document(CleanDoc(name="手册.html", text=text)) if line in c.text)


@pytest.mark.parametrize(("subheading", "body"), [
    ("微信渠道补充说明", "不得向客户发送语音条，不得连续发送三个以上表情。"),
    ("夜间值班要求", "夜班人员每两小时巡检一次系统告警。"),
])
def test_an_unnumbered_subheading_is_cited_with_its_section(subheading, body):
    text = "\n".join([
        "东湖物业客户服务手册",
        "二、服务用语",
        "（一）规范用语",
        "问候：“您好，东湖物业，请问有什么可以帮您？”",
        subheading,
        body,
        "（二）服务禁语",
        "这事不归我们管。",
        "三、服务时限",
        "（一）报修响应",
        "业主报修后30分钟内联系业主。",
    ])
    assert "二、服务用语 > （一）规范用语" in _cited(text, body)
    # The next numbered section closes the subheading: 服务禁语 is not filed under it.
    assert _cited(text, "这事不归我们管").endswith("二、服务用语 > （二）服务禁语")


def test_a_line_of_page_chrome_closing_the_document_joins_no_section():
    text = "\n".join(["一、考核", "（一）加分标准", "受到书面表扬的，每次加2分。", "返回顶部打印本页"])
    assert all("返回顶部" not in c.text for c in chunk_document(CleanDoc(name="页.html", text=text)))


@pytest.mark.parametrize("annex", ["附件2　各类业务办理时限", "附表1 质检评分细则", "附件三：服务网点一览"])
def test_an_annex_heading_is_not_joined_to_the_long_line_before_it(annex):
    before = "综合评价 工单填写完整及时 二十 按抽检比例计分并计入月度考核结果"
    assert join_wrapped_lines([before, annex]) == [before, annex]


def test_a_sentence_wrapped_before_an_annex_reference_still_joins():
    before = "其他服务事项的办理时限和受理条件应当按照本规定的"
    assert join_wrapped_lines([before, "附件2执行。"]) == [before + "附件2执行。"]


@pytest.mark.parametrize(("category", "item"), [
    ("服务态度类", "- 与客户争吵的，扣减当月积分5分"),
    ("信息安全类", "- 泄露客户账户信息的，一票否决"),
])
def test_a_category_under_a_dotted_clause_is_cited_with_that_clause(category, item):
    """A nested list's category ("服务态度类" above its items, under "5.2 扣分标准") heads a part of 5.2, not a section
    beside it: a hit from its items names 5.2, and the next clause is not filed under it."""
    text = "\n".join(["畅联宽带客服规范", "5 考核", "5.1 考核方式", "按月考核。", "5.2 扣分标准", category, item,
                      "奖励类", "- 获客户书面表扬的，加2分", "5.3 申诉", "员工对扣分有异议的，可在3日内申诉。"])
    assert "5.2 扣分标准" in _cited(text, item[2:])
    assert "5.2" not in _cited(text, "可在3日内申诉")
