"""Markdown and HTML markup to plain lines: headings, paragraphs, list items and " | " table rows."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|(?=[^#\s]))(.*?)(?:\s+#+)?\s*$")
# Setext heading underlines and thematic breaks carry no text.
_RULE = re.compile(r"^\s{0,3}([-=*_])(?:\s*\1){2,}\s*$")
# A table-of-contents directive ("[TOC]", "[[_TOC_]]", "@[toc]", "{:toc}") is filled in by the renderer: no text.
_TOC = re.compile(r"^\s*(?:@?\[\[?_?toc_?\]\]?|\{:?toc\}|\$\{toc\})\s*$", re.I)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(?:\[[ xX]\]\s+)?")
_QUOTE = re.compile(r"^\s*(>\s?)+")
_PIPE = re.compile(r"(?<!\\)\|")
_INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[\^[^\]]+\]:?"), ""),
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),
    (re.compile(r"(\*\*|__|~~)(.+?)\1"), r"\2"),
    (re.compile(r"(?<!\*)\*(?=\S)(.+?)(?<=\S)\*(?!\*)"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"<[a-zA-Z/][^>]*>"), ""),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),
]
_BR = re.compile(r"<br\s*/?>", re.I)
_SENTENCE = re.compile(r"[。；;！？!?，,：:]")
_WORD_START = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# Markdown passes raw HTML through: a table with merged cells is often written as one.
_HTML_TABLE = re.compile(r"^[ \t]*<table\b.*?</table>[ \t]*$", re.I | re.S | re.M)


def _inline(text: str, br: str = "\n") -> str:
    """Markdown inline markup removed: links keep their text, images their alt text."""
    text = _BR.sub(br, text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return html.unescape(text)


def _row(line: str, head: bool = False) -> str:
    """A pipe-table row; a cell's <br> paragraphs ("未报工号扣2分<br>未问候扣1分") stay apart as an HTML cell's do."""
    cells = _PIPE.split(line.strip().removeprefix("|").removesuffix("|"))
    return " | ".join(join_blocks([_inline(part, " ") for part in _BR.split(cell)], head) for cell in cells)


def markdown_lines(text: str) -> list[str]:
    """Markdown as lines; each source line stays a line (Chinese authors break lines on purpose)."""
    text = _COMMENT.sub("", _FRONT_MATTER.sub("", text.replace("\r\n", "\n")))
    lines = _HTML_TABLE.sub(lambda table: "\n".join(html_lines(table[0])), text).split("\n")
    out: list[str] = []
    fenced = in_table = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif fenced:
            out.append(line)
        elif "|" in line and i + 1 < len(lines) and "|" in lines[i + 1] and _TABLE_RULE.match(lines[i + 1]):
            out.append(_row(line, head=True))
            in_table = True
        elif in_table and "|" in line and _TABLE_RULE.match(line):
            continue
        elif in_table and "|" in line and line.strip():
            out.append(_row(line))
        else:
            in_table = False
            if _RULE.match(line) or _TOC.match(line):
                continue
            heading = _HEADING.match(line)
            parent = not heading and _parent_bullet(lines, i)
            line = heading.group(1) if heading else _BULLET.sub("", _QUOTE.sub("", line), count=1)
            line = _inline(line + ("：" if parent else ""))
            # A short bullet of plain words ("- 不知道", "- 表扬 +2 分/次") would read as a heading once its marker
            # is gone: it keeps a plain one and stays an item of its list. A quote reads as speech anyway, and a
            # marker of its own ("- ❌ …", "- 1. …") is kept as it is.
            if _BULLET.match(lines[i]) and not parent and not _SENTENCE.search(line) and "\n" not in line \
                    and _WORD_START.match(line):
                line = "- " + line
            out += line.split("\n")
    return out


def _parent_bullet(lines: list[str], i: int) -> bool:
    """Whether line i is a bullet with nested bullets under it and no punctuation of its own ("- 推诿类" over
    "  - “…”"): it names the list below, as "推诿类：" would."""
    if not _BULLET.match(lines[i]) or re.search(r"[：:。；;，,！？!?]\**\s*$", lines[i]):
        return False
    nxt = next((line for line in lines[i + 1:] if line.strip()), "")
    indent = len(lines[i]) - len(lines[i].lstrip())
    return bool(_BULLET.match(nxt)) and len(nxt) - len(nxt.lstrip()) > indent


# Tags that end a line; a <li> keeps the text as written (an <ol>'s numbers are not invented).
_BLOCK = {"address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "figcaption",
          "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
          "nav", "ol", "p", "pre", "section", "ul"}
# Never text: code, styling, metadata, and a site's navigation, sidebars and footer, which frame every
# page and never hold a rule.
_SKIP = {"script", "style", "noscript", "template", "svg", "head", "title", "nav", "aside", "footer"}
# A <caption> is the table's title: a row of its own before every other row.
_SECTIONS = {"caption": -1, "thead": 0, "tbody": 1, "tfoot": 2}
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_WRAP = re.compile(rf"(?<=[{_CJK}])[ \t\r]*\n\s*(?=[{_CJK}])")


_CLOSED = re.compile(r"[。；;！？!?，,、：:）)”」]$")


def join_blocks(parts: list[str], head: bool = True) -> str:
    """The paragraphs of one table cell as one cell text, runs of white space made one. A paragraph of some length that ends without
    punctuation ("未使用开头语扣3分") is closed with "；", so the sub-rules of a cell stay apart; short
    pieces ("扣分" / "标准" of a header cell) join with a space, unless the cell is a data cell (`head` False),
    whose short paragraphs are items of their own ("不知道<br>不清楚")."""
    out, last = "", ""
    for part in (" ".join(p.split()) for p in parts):
        if part:
            long = len(last) >= 6 and len(part) >= 4
            gap = "；" if (long or not head) and not _CLOSED.search(last) else " "
            out, last = (out + gap if out else "") + part, part
    return out


class _Table:
    """Rows of one <table>; a rowspan cell repeats in the rows it spans so each row stands alone, a colspan
    cell keeps the columns after it in place, and header rows stacked under a spanning one become one."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, list[str], bool]] = []
        self.section = 1
        self.cells: list[str] | None = None
        self.heads = True  # every cell this row opened is a <th>
        self.cell: list[str] | None = None
        self.head = False
        self.span = (1, 1)
        self.carry: dict[int, list] = {}

    def _fill(self) -> None:
        while self.cells is not None and self.col in self.carry:
            texts, left = self.carry[self.col]
            self.cells.extend(texts)
            if left == 1:
                del self.carry[self.col]
            else:
                self.carry[self.col][1] -= 1
            self.col += len(texts)

    def open_cell(self, attrs: dict, head: bool = False) -> None:
        self.close_cell()
        if self.cells is None:
            self.open_row()
        self._fill()
        self.cell, self.head = [], head
        self.heads = self.heads and head
        self.span = tuple(int(attrs.get(a) or 1) if str(attrs.get(a) or 1).isdigit() else 1
                          for a in ("rowspan", "colspan"))

    def close_cell(self) -> None:
        if self.cell is not None and self.cells is not None:
            text = join_blocks("".join(self.cell).split("\n"), self.head)
            rowspan, colspan = self.span
            # A heading names every column it spans; a spanning data cell states its text once.
            texts = [text] + [text if self.head else ""] * (colspan - 1)
            self.cells.extend(texts)
            if rowspan > 1:
                self.carry[self.col] = [texts, rowspan - 1]
            self.col += colspan
        self.cell = None

    def open_row(self) -> None:
        self.close_row()
        self.cells, self.col, self.heads = [], 0, True

    def close_row(self) -> None:
        self.close_cell()
        self._fill()
        if self.cells and any(self.cells):
            self.rows.append((self.section, self.cells, self.heads))
        self.cells = None

    def lines(self) -> list[str]:
        self.close_row()
        # <thead> rows come first and <tfoot> rows last, wherever they stand in the source.
        rows = sorted(self.rows, key=lambda r: r[0])
        # "处罚" spanning "扣分 | 罚款" on the next header row: one header row names both.
        top = 1 if rows and rows[0][0] < 0 else 0  # below the caption
        while len(rows) > top + 1 and rows[top][2] and rows[top + 1][2] and rows[top][0] == rows[top + 1][0] \
                and len(rows[top][1]) == len(rows[top + 1][1]):
            merged = [a if a == b else f"{a} {b}".strip() for a, b in zip(rows[top][1], rows[top + 1][1])]
            rows[top:top + 2] = [(rows[top][0], merged, True)]
        # A cell spanning the whole row ("以上标准自下月起执行") is a note under the table, not a row of it.
        return [cells[0] if not any(cells[1:]) else " | ".join(cells) for _, cells, _ in rows]


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.tables: list[_Table] = []
        self.skip = 0
        self.pre = 0
        self.term = False  # a <dt> just ended: its <dd> goes on the same line

    def _break(self) -> None:
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append("\n")
        elif not self.tables:
            self.lines.append("".join(self.line))
            self.line = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "body":
            self.skip = 0
        elif tag in _SKIP:
            self.skip += 1
        elif tag == "table":
            self._break()
            self.tables.append(_Table())
        elif self.tables and tag in _SECTIONS:
            self.tables[-1].section = _SECTIONS[tag]
            if tag == "caption":
                self.tables[-1].open_cell({})
        elif self.tables and tag == "tr":
            self.tables[-1].open_row()
        elif self.tables and tag in ("td", "th"):
            self.tables[-1].open_cell(dict(attrs), head=tag == "th")
        elif tag == "dd" and self.term:
            self.term = False
        elif tag == "br" or tag in _BLOCK:
            self.term = False
            if tag == "pre":
                self.pre += 1
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            self._break()
        elif tag == "table" and self.tables:
            rows = self.tables.pop().lines()
            if self.tables and self.tables[-1].cell is not None:
                self.tables[-1].cell.append(" ".join(rows))
            else:
                self.lines += rows
        elif self.tables and tag in ("td", "th"):
            self.tables[-1].close_cell()
        elif self.tables and tag == "caption":
            self.tables[-1].close_row()
            self.tables[-1].section = 1
        elif self.tables and tag == "tr":
            self.tables[-1].close_row()
        elif tag == "dt" and not self.tables:
            # A glossary entry reads "term：definition", one line, never a short line that looks like a heading.
            if not "".join(self.line).rstrip().endswith(("：", ":", "？", "?", "。", "！", "!")):
                self.line.append("：")  # a question (an FAQ's <dt>) is followed by its answer as it is
            self.term = True
        elif tag in _BLOCK:
            if tag == "pre":
                self.pre = max(0, self.pre - 1)
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip or self.term and not data.strip():
            return
        if self.pre and not self.tables:
            *done, rest = data.split("\n")
            for piece in done:
                self.lines.append("".join(self.line) + piece)
                self.line = []
            self.line.append(rest)
            return
        # A source line break inside Chinese text is a wrap, not a space.
        data = re.sub(r"\s+", " ", _WRAP.sub("", data))
        if self.tables:
            if self.tables[-1].cell is not None:
                self.tables[-1].cell.append(data)
        else:
            self.line.append(data)


def html_lines(text: str) -> list[str]:
    """HTML as lines: block elements and <br> end a line, each table row is one line."""
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    while parser.tables:
        parser.lines += parser.tables.pop().lines()
    parser.lines.append("".join(parser.line))
    return parser.lines
