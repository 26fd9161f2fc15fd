"""Tables whose rows come in named groups: a row merged across a Word table ("一、推诿类") or a Markdown row with only
its first cell filled names the group of the rows under it. It is no entry, and the header above still names the
columns of the rows after it, including a table set in two halves side by side (错误说法 | 正确说法 twice)."""
from __future__ import annotations

import docx
import pytest

from drafting import drafted, drafted_case, md_table

PAIRS = [("你这个问题不归我们。", "我帮您联系负责的部门。"), ("你自己去网点问。", "我帮您先查一下网点的答复。"),
         ("怎么又是你？", "您好，请问这次有什么可以帮您？"), ("听不懂就别问了。", "我换个说法再给您解释一遍。")]
GROUPS = ["一、推脱类", "二、冷漠、指责类"]


def _docx_groups(path):
    document = docx.Document()
    document.add_paragraph("3.2 坐席不得使用下表左列的说法，应改用右列的说法。")
    table = document.add_table(rows=6, cols=4)
    for c, name in enumerate(("不当说法", "规范说法", "不当说法", "规范说法")):
        table.cell(0, c).text = name
    for r, (group, (a, b)) in enumerate(zip(GROUPS, [(PAIRS[0], PAIRS[1]), (PAIRS[2], PAIRS[3])])):
        table.cell(1 + 2 * r, 0).merge(table.cell(1 + 2 * r, 3)).text = group
        for c, text in enumerate((*a, *b)):
            table.cell(2 + 2 * r, c).text = text
    table.cell(5, 0).merge(table.cell(5, 3)).text = "注：表中未列出但意思相同的说法，同样按不当说法认定。"
    document.add_paragraph("3.3 坐席应在通话结束前确认客户没有其他问题。")
    document.save(path)


def _md_groups() -> str:
    rows = [("不当说法", "规范说法", "不当说法", "规范说法")]
    for group, (a, b) in zip(GROUPS, [(PAIRS[0], PAIRS[1]), (PAIRS[2], PAIRS[3])]):
        rows += [(group, "", "", ""), (*a, *b)]
    return "## 3.2 服务禁语\n\n坐席不得使用下表左列的说法，应改用右列的说法。\n\n" + md_table(rows) + "\n\n## 3.3 结束\n"


@pytest.mark.parametrize(("name", "text"), [("规范.docx", _docx_groups), ("规范.md", _md_groups())])
def test_rows_under_a_group_row_keep_their_columns(tmp_path, name, text):
    book = drafted_case(tmp_path, name, text)
    assert {(e.text.rstrip("。"), (e.suggestion or "").rstrip("。")) for e in book.forbidden_phrases} == {
        (a.rstrip("。"), b.rstrip("。")) for a, b in PAIRS}


@pytest.mark.parametrize("phrase", ["你自己看着办", "爱办不办"])
def test_a_phrase_without_its_rewrite_is_no_group_row(tmp_path, phrase):
    text = "## 服务忌语\n\n" + md_table([("忌语", "替代说法"), (phrase, ""), ("没空。", "我现在帮您处理。")]) + "\n"
    assert {e.text.rstrip("。") for e in drafted(tmp_path, text).forbidden_phrases} == {phrase, "没空"}
