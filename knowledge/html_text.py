"""HTML to plain lines: block elements and <br> end a line, each row of a data table is one " | " line; a table that
only lays the page out reads as the blocks in its cells."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from knowledge.blocks import kept_bullet, quoted_block
from knowledge.html_tables import BLOCK, Table, TableKinds

# Never text: code, styling, metadata, and a site's navigation, sidebars and footer, which frame every
# page and never hold a rule.
_SKIP = {"script", "style", "noscript", "template", "svg", "head", "title", "nav", "aside", "footer"}
# A wiki page's comment thread (Confluence, WordPress: id or class "comments-section", "comment") discusses
# the page; what readers propose there is no rule.
# A breadcrumb trail ("首页 > 规章制度 > 会员服务规范", class or id "breadcrumb", "crumbs") is the site's navigation
# too: read as text, it would name the document.
_HIDDEN = re.compile(r"(?:^|[\s_-])comments?(?:$|[\s_-])|crumb", re.I)
# Elements that never close: one of them marked as hidden (an avatar <img>) hides nothing after it.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# A <caption> is the table's title: a row of its own before every other row.
_SECTIONS = {"caption": -1, "thead": 0, "tbody": 1, "tfoot": 2}
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_WRAP = re.compile(rf"(?<=[{_CJK}])[ \t\r]*\n\s*(?=[{_CJK}])")
# A layout table's parts end a line as a <div> would.
_CELLS = {"caption", "tr", "td", "th"}
# A term ending as a sentence does (a line said, an FAQ's question) is no glossary word.
_SAID_END = ("？", "?", "。", "！", "!")
# An FAQ's question ("问：…？") is answered by its <dd>, not glossed.
_ASKED = re.compile(r"(?:[-•]\s*)?(?:问|Q)\s*[：:.]", re.I)
# Inline elements that may set a listed phrase apart from its note ("<span class=bad>…</span><small>…</small>").
_INLINE = {"b", "code", "del", "em", "i", "mark", "q", "s", "small", "span", "strike", "strong", "u"}


class _HtmlText(HTMLParser):
    def __init__(self, layout: list[bool]) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.tables: list[Table] = []  # the open data tables, innermost last
        self.layout = layout  # whether each <table> of the page, in the order they open, lays the page out
        self.opened = 0
        self.kinds: list[bool] = []  # the open tables, innermost last: True for a layout table
        self.skip = 0
        self.pre = 0
        self.term = False  # a <dt> just ended: its <dd> goes on the same line
        self.lists: list[str] = []  # the open <ul>/<ol>, innermost last
        self.bullet = False  # the line being read is an <li> of a <ul> or <ol>
        # In an item: 0 before any text, the inline element it opens with while open, "" once that closed with
        # nothing after it yet, None once anything else came.
        self.marked: int | str | None = None
        self.quote = 0  # the depth of <blockquote> the line being read sits in
        self.hidden: tuple[str, int] | None = None  # the comments or breadcrumb element left out, and its depth

    def _break(self) -> None:
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append("\n")
        elif not self.tables:
            item, self.bullet = self.bullet, False
            if item:  # an item of a list ends, its </li> written or not
                self.line = [kept_bullet("".join(self.line).strip())]
            line = "".join(self.line)
            self.lines.append(quoted_block(line) if self.quote and not item else line)
            self.line = []

    @property
    def _data(self) -> bool:
        """The innermost open table is a data table: its rows and cells are read as such."""
        return bool(self.kinds) and not self.kinds[-1]

    def _inline(self, tag: str, start: bool) -> None:
        """An item opening with a phrase in an element and a note in the next ("<del>…</del><small>…</small>") reads
        "phrase —— note", as plain text sets a reason apart; a number or label ("<b>2.1</b>", "<b>注：</b>") is no phrase."""
        if self.marked == 0 and start:
            self.marked = tag
        elif self.marked == tag and not start:
            self.marked = ""
        elif self.marked == "" and start:
            if not re.search(r"[：:\d.]$", words := "".join(self.line).strip()):
                self.line = [words, " —— "]
            self.marked = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _INLINE and not (self.hidden or self.skip or self.tables):
            self._inline(tag, True)
        if tag == "table":  # counted even when hidden, as TableKinds counts it
            self.opened += 1
        if self.hidden:
            self.hidden = (self.hidden[0], self.hidden[1] + (tag == self.hidden[0]))
        elif tag not in _VOID and any(name in ("id", "class") and _HIDDEN.search(value or "")
                                      for name, value in attrs):
            self._break()
            self.hidden = (tag, 1)
        elif tag == "body":
            self.skip = 0
        elif tag in _SKIP:
            self.skip += 1
        elif tag == "table":
            self._break()
            self.kinds.append(self.layout[self.opened - 1])
            if not self.kinds[-1]:
                self.tables.append(Table())
        elif self._data and tag in _SECTIONS:
            self.tables[-1].section = _SECTIONS[tag]
            if tag == "caption":
                self.tables[-1].open_cell({})
        elif self._data and tag == "tr":
            self.tables[-1].open_row()
        elif self._data and tag in ("td", "th"):
            self.tables[-1].open_cell(dict(attrs), head=tag == "th")
        elif tag == "dd" and self.term:
            # A said line as the term ("这事不归我管。", "你怎么连这个都不懂？") is glossed by its <dd>: the reason it
            # is banned, what to say instead. It reads "phrase —— note", as plain text sets a reason apart.
            term = "".join(self.line).strip()
            if term.endswith(_SAID_END) and not _ASKED.match(term):
                self.line.append(" —— ")
            self.term = False
        elif tag == "br" or tag in BLOCK or tag in _CELLS and self.kinds:
            if tag in ("ul", "ol"):
                self.lists.append(tag)
                self.bullet = False  # an item with a list under it names that list
            self.term = False
            if tag == "pre":
                self.pre += 1
            self._break()
            self.quote += tag == "blockquote"
            # An <ol> item's number is drawn by the browser, not written: it is an item all the same.
            # A <dl> is a list too: each term and its definition are an item.
            self.bullet = not self.tables and (tag == "li" and bool(self.lists) or tag == "dt")
            self.marked = 0 if self.bullet else None

    def handle_endtag(self, tag: str) -> None:
        if tag in _INLINE and not (self.hidden or self.skip or self.tables):
            self._inline(tag, False)
        if self.hidden:
            depth = self.hidden[1] - (tag == self.hidden[0])
            self.hidden = (self.hidden[0], depth) if depth else None
        elif tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            self._break()
        elif tag == "table" and self.kinds:
            layout = self.kinds.pop()
            rows = [] if layout else self.tables.pop().lines()
            if layout:
                self._break()  # a layout table's last cell ends its line
            elif self.tables and self.tables[-1].cell is not None:
                self.tables[-1].cell.append(" ".join(rows))
            else:
                self.lines += rows
        elif self._data and tag in ("td", "th"):
            self.tables[-1].close_cell()
        elif self._data and tag == "caption":
            self.tables[-1].close_row()
            self.tables[-1].section = 1
        elif self._data and tag == "tr":
            self.tables[-1].close_row()
        elif tag == "dt" and not self.tables:
            # A glossary entry reads "term：definition", one line, never a short line that looks like a heading.
            if not "".join(self.line).rstrip().endswith(("：", ":") + _SAID_END):
                self.line.append("：")  # a question (an FAQ's <dt>) is followed by its answer as it is
            self.term = True
        elif tag in BLOCK or tag in _CELLS and self.kinds:
            if tag == "pre":
                self.pre = max(0, self.pre - 1)
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()
            self._break()
            self.quote = max(0, self.quote - (tag == "blockquote"))

    def handle_data(self, data: str) -> None:
        if self.skip or self.hidden or self.term and not data.strip():
            return
        if data.strip() and self.marked in (0, ""):
            self.marked = None  # text before the item's first element, or between it and the next
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
    """HTML as lines: block elements and <br> end a line, each row of a data table is one line."""
    kinds = TableKinds()
    kinds.feed(text)
    kinds.close()
    parser = _HtmlText(kinds.layout)
    parser.feed(text)
    parser.close()
    while parser.tables:
        parser.lines += parser.tables.pop().lines()
    parser.lines.append("".join(parser.line))
    return parser.lines
