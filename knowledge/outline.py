"""The outline of a cleaned document: each line's level (第X章, 第X条, （一）, 1., bullets, headings) and the tree of
nodes the levels make, each with a short label for a citation's heading path."""
from __future__ import annotations

import re
from dataclasses import dataclass, field


_CN = "一二三四五六七八九十百零"
# Bullets of plain-text and Word lists: dashes and dots, solid shapes, the crosses that mark a list of don'ts and
# the ticks that mark a list of dos.
BULLETS = "-•·●○■□◆◇▪▸►×✗✘❌✓✔✅"
# 第X章 / 第X条 are numbered in Chinese numerals or, in many company documents, in digits (第12条).
_NTH = rf"第(?:[{_CN}]+|\d{{1,3}})"
# (pattern, level): lower levels enclose higher ones.
_LEVELS = [
    (re.compile(rf"^{_NTH}(?:编|部分|篇)"), 0.5),
    (re.compile(rf"^{_NTH}章"), 1.0),
    (re.compile(rf"^{_NTH}节"), 1.5),
    (re.compile(rf"^[{_CN}]+(?:、|\.(?!\d))"), 1.0),
    (re.compile(rf"^{_NTH}条"), 2.0),
    (re.compile(rf"^(\([{_CN}]+\)|（[{_CN}]+）)"), 3.0),
    (re.compile(r"^\d{1,2}(?:\s*[.、](?!\d)|(?=\.\d))"), 4.0),
    (re.compile(r"^(\(\d{1,2}\)|（\d{1,2}）|\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩])"), 5.0),
    (re.compile(rf"^([a-z]\.\s?|[{BULLETS}])"), 6.0),
]
TITLE, SECTION, LABEL, TEXT = 0.0, 1.5, 4.5, 9.0
BULLET_LEVEL = 6.0  # "a." and "-" items and plain lines; everything above it carries a number or is a heading
_TITLE_END = re.compile(r"(规定|办法|制度|细则|方案|知识|规范|用语|术语|内容|\(试行版\)|】)$")
_SENTENCE_PUNCT = re.compile(r"[。；！？，]")
_BRACKETED = re.compile(r"[【〔]\s*([^【】〔〕]+?)\s*[】〕]")
TABLE_ROW = re.compile(r"^\d{1,2}\. (场景：.+；服务用语：|\S*禁语：)")
DOTTED = re.compile(r"^\d+((?:\.\d+)+)")
# "表1 服务禁语及替代用语": a table's caption belongs to the article that introduces the table.
_CAPTION = re.compile(r"^附?表\s*[\d一二三四五六七八九十]+(?:[-.]\d+)?(?:\s|[：:]|$)")
# A clause number, a space, then a title: standards-style headings (Markdown "## 5 业务处理时限").
_CLAUSE_HEADING = re.compile(r"^\d{1,2}((?:\.\d{1,2}){0,3})[ \u3000]+(?=[^\s\d.、．)）个元分秒天日周月年次%％])")
# A bracketed note closing a line ("服务忌语（出现任意一句，按服务态度扣分）"): a heading may carry one.
_NOTE = re.compile(r"(?<=[^\s（(])[（(][^（）()]*[）)]$")
# A line that is all quotation ("“爱买不买”", an HTML <li> of a 禁用语 list) is speech, never a heading.
_QUOTED_LINE = re.compile(r"^[“\"「『].*[”\"」』][；;。，,]?$")
ARTICLE = rf"{_NTH}条"
ARTICLE_LINE = re.compile(rf"^{ARTICLE}")
_CN_ITEM = re.compile(rf"^[{_CN}]+、")
# "一、账户类业务" below "第八条 …如下：" is the article's first part, between the article and its （一）.
ARTICLE_PART = 2.5
# An unnumbered heading under a titled （一） section, above its numbered items.
SECTION_PART = 3.5
# Closing provisions, annexes, revision histories and FAQs restate rules that an article states; the article is
# what a hit or a rule cites. A chapter that joins other matters to its closing provisions ("第五章 培训、申诉与附则")
# holds articles in their own right.
SUPPLEMENT = re.compile(r"(?<![与和及])附则|附件|附录|修订记录|修订说明|修订历史|变更记录|版本记录|常见问题|问答|FAQ", re.I)


@dataclass
class Node:
    """A line of the document with the lines it encloses."""

    line: str
    level: float
    children: list["Node"] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join([self.line] + [child.text() for child in self.children])

    @property
    def is_heading(self) -> bool:
        """Pure headings (no sentence of their own) never become chunks by themselves."""
        if self.level in (TITLE, SECTION, LABEL):
            return True
        if _SENTENCE_PUNCT.search(self.line):
            return False
        # "1、开头语" introducing sub-items is a heading too; a bare "2. 吸引注意" is an item.
        return self.level < 4.0 and len(self.line) <= 25 or bool(self.children) and len(self.line) <= 15


def line_level(line: str, first: bool = False) -> float:
    """How deep a line sits in its document's outline (titles 0, 第X章 1, …, plain text 9)."""
    if "|" in line or _QUOTED_LINE.match(line):
        return TEXT  # a table row ("场景 | 用语") or a quoted line, however short
    if _CAPTION.match(line) and len(line) <= 40:
        return LABEL
    if (clause := _CLAUSE_HEADING.match(line)) and len(line) <= 30 and not _SENTENCE_PUNCT.search(line):
        # GB/T 1.1 numbered clauses ("5 业务处理时限", "5.1 故障报修"): each dot is one level deeper,
        # so "5.1" sits where an article (第X条) would.
        return 1.0 + clause.group(1).count(".")
    if (bracketed := _BRACKETED.fullmatch(line)) and any(p.match(bracketed[1]) for p, _ in _LEVELS):
        return line_level(bracketed[1])  # "【三、服务时限】" is the section "三、服务时限", not a title
    for pattern, level in _LEVELS:
        if pattern.match(line):
            dotted = DOTTED.match(line)
            # 3.1 and 3.1.2 nest under 3.
            return level + 0.1 * dotted.group(1).count(".") if dotted and level == 4.0 else level
    bare = _NOTE.sub("", line) or line
    if len(bare) <= 30 and not _SENTENCE_PUNCT.search(bare) and "：" not in bare[:-1]:
        if first or _TITLE_END.search(line):
            return TITLE
        if line.endswith("："):
            return LABEL  # "呼入：", "客服人员严禁使用以下用语：" introduce the lines below
        if len(bare) <= 20:
            return SECTION
    return TEXT


def _dots(node: Node) -> int:
    """How deep a dotted clause number goes (3.2 → 1, 3.2.1 → 2); 0 for any other line."""
    dotted = DOTTED.match(node.line)
    return dotted.group(1).count(".") if dotted else 0


def _list_levels(lines: list[str]) -> list[float]:
    """Each line's level, where a run of two or more short lines right under a "…如下：" line is its list
    (items whose numbers Word's automatic numbering or an HTML <li> left out), not a run of headings."""
    levels = [line_level(line, first=i == 0) for i, line in enumerate(lines)]
    for i, line in enumerate(lines):
        if line.endswith(("：", ":")):
            end = i + 1
            while end < len(lines) and levels[end] in (TITLE, SECTION):
                end += 1
            if end - i > 2:
                levels[i + 1:end] = [TEXT] * (end - i - 1)
            # Items with and without a full stop mix ("你自己没看，…" / "理赔慢是医院的问题" / "…"): a short
            # line between two items is one too, and so is a last one that heads nothing (the document or its
            # part ends there). A last line with lines of its own under it is the next heading.
            end = i + 1
            while end < len(lines) and _item_like(lines[end]) and (
                    levels[end] == TEXT or levels[end] in (TITLE, SECTION) and _heads_nothing(lines, levels, end)):
                levels[end] = TEXT
                end += 1
    return _annex_titles(lines, _restarted_lists(lines, _article_headings(lines, _article_parts(lines, levels))))


def _heads_nothing(lines: list[str], levels: list[float], at: int) -> bool:
    """Whether a heading-like line is followed by another item, a heading of its rank or above, or nothing."""
    after = at + 1
    return after == len(lines) or levels[after] <= levels[at] and levels[after] < TEXT \
        or levels[after] in (TEXT, TITLE, SECTION) and _item_like(lines[after])


def _item_like(line: str) -> bool:
    """A short plain line of one sentence, as an item whose number got lost is written."""
    return "|" not in line and len(line) <= 40 and not line.endswith(("：", ":")) \
        and not re.search(r"[。；;！？!?]", line.rstrip("；;。！？!?"))


def _article_parts(lines: list[str], levels: list[float]) -> list[float]:
    """"一、二、" numbering that starts inside a 第X条 divides that article, not the chapter around it.

    Where 一、 heads chapters, the article lines come after it; here 一、 comes after the article line,
    and its run lasts until the next article or chapter.
    """
    inside, parts = False, False
    for i, line in enumerate(lines):
        if ARTICLE_LINE.match(line):
            inside, parts = True, False
        elif levels[i] <= 1.0 and not _CN_ITEM.match(line):
            inside = parts = False  # a chapter heading closes the article
        elif _CN_ITEM.match(line) and levels[i] == 1.0 and inside:
            parts = parts or line.startswith("一、")
            if parts:
                levels[i] = ARTICLE_PART
            else:
                inside = False
    return levels


def _article_headings(lines: list[str], levels: list[float]) -> list[float]:
    """An unnumbered short heading after a 第X条 ("禁用表述" under "第三条 客服沟通规范") heads a part of that
    article, and one after a titled （X） section outside any article ("在线渠道补充要求", an HTML <h4> under
    "（一）规范用语") a part of that section; the next article or section closes it, so those after it are never
    filed under it; so does one after a dotted clause ("4.2"). Annexes, revision records and FAQs after the last
    article stay apart from it."""
    part = None  # the level of a heading inside the open article or section
    for i, line in enumerate(lines):
        if ARTICLE_LINE.match(line):
            part = ARTICLE_PART
        elif DOTTED.match(line) and 1.0 < levels[i] < 4.0:
            # "服务态度类" under the clause heading "4.2 扣分标准" (a category of a nested HTML list, a bold Word
            # line) heads a part of that clause, as a heading does under an article.
            part = levels[i] + 0.5
        elif levels[i] <= 1.0:
            part = None
        elif levels[i] == 3.0 and part != ARTICLE_PART:  # a （X） section outside any article
            part = SECTION_PART if len(line) <= 25 and not _SENTENCE_PUNCT.search(line) else None
        elif part and levels[i] == SECTION and not _LEVELS[2][0].match(line) and not SUPPLEMENT.search(line) \
                and (part == ARTICLE_PART or i + 1 < len(lines) and levels[i + 1] > part):
            # 第X节 is numbered; an annex or FAQ after the last article is no part of it; a section's part has
            # lines of its own (page chrome that ends a document has none).
            levels[i] = part
    return levels


_FIRST_ITEM = re.compile(r"^(?:1\s*[、.．)）](?!\d)|[（(][1一][)）]|①)")


def _restarted_lists(lines: list[str], levels: list[float]) -> list[float]:
    """A "…如下：" line after a numbered list that starts a new list at 1 ("扣分细则如下：" after the items of
    "满分由以下三项组成：") heads that new list beside the first, not under the first list's last item."""
    for i in range(1, len(lines) - 1):
        item = levels[i + 1]
        if levels[i] != LABEL or not 3.0 <= item < LABEL or not _FIRST_ITEM.match(lines[i + 1]):
            continue
        before = next((levels[k] for k in range(i - 1, -1, -1) if levels[k] <= item), None)
        if before == item:
            levels[i] = item - 0.01
    return levels


# An annex headed by its bare name ("附件", "附件2"), its title on the next line.
_BARE_ANNEX = re.compile(r"^(?:附件|附表|附录)\s*[\d一二三四五六七八九十]*$")


def _annex_titles(lines: list[str], levels: list[float]) -> list[float]:
    """The line after a bare annex heading titles the annex ("附件" then "坐席人员考核细则"), though it reads like
    the title of a document: it heads the annex's lines under the annex, which is what a hit from them cites."""
    for i in range(len(lines) - 1):
        if _BARE_ANNEX.match(lines[i]) and levels[i + 1] in (TITLE, SECTION) and levels[i + 1] <= levels[i] < LABEL:
            levels[i + 1] = LABEL
    return levels


# The plain marker knowledge.blocks keeps on a short bullet ("- 爱买不买") so it stays an item of its list.
_KEPT_BULLET = "- "


def outline(text: str) -> list[Node]:
    """Parse cleaned text into a forest of nodes by heading level."""
    roots: list[Node] = []
    stack: list[Node] = []
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for line, level in zip(lines, _list_levels(lines)):
        node = Node(line, level)
        while stack and (stack[-1].level >= node.level or _dots(stack[-1]) >= _dots(node) > 0
                         or level == TEXT and stack[-1].line.startswith(_KEPT_BULLET)):
            # "3.4 客户投诉…" closes "3.3 业务办理" although a titled clause sits higher than a sentence one; the
            # sentence after a list ("违者按第五章处理。") closes its last bullet, which heads nothing.
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        if node.level < TEXT:
            stack.append(node)
    return roots


def label(node: Node) -> str:
    """Short name of a node for the heading path: 第十六条 服务用语, 1.客户至上, 纺织品客户服务规定."""
    line = node.line
    if node.level == TEXT:
        return ""
    if TABLE_ROW.match(line):
        return "序号" + line.split(".", 1)[0]
    if node.is_heading:
        return line.rstrip("：:")[:30]
    marker = next((m.group() for p, _ in _LEVELS if (m := p.match(line))), "")
    if 4.0 <= node.level < 5.0 and (dotted := DOTTED.match(line)):
        marker = dotted.group()  # 3.2 and 3.1.1 are named in full
    rest = line[len(marker):].lstrip()
    # An item's name ends at a colon, a sentence mark, a space or a glued sub-item
    # ("1. 电话接听a. …", "3.2工作规范3.2.1客服人员…").
    head = re.split(r"[：:。；，！？ ]|[a-z]\.|\d+\.\d", rest, maxsplit=1)[0]
    if node.level in (1.0, 2.0):
        # "第十六条 服务用语" keeps its title when the article's own text starts after a space,
        # and "五、备注：1、1分即为2元" when a colon ends a short section name.
        head = rest.split(" ", 1)[0] if " " in rest[:12] else ""
        if not head and node.level == 1.0 and "：" in rest[:12]:
            head = rest.split("：", 1)[0]
    return (marker + head).strip() if len(head) <= 12 else marker.strip()
