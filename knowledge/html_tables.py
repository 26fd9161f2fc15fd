"""HTML tables: which of a page's tables only lay it out, and the rows of a data table, each standing alone."""
from __future__ import annotations

from html.parser import HTMLParser

from knowledge.blocks import join_blocks

# Tags that end a line; a <li> keeps the text as written (an <ol>'s numbers are not invented).
BLOCK = {"address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "figcaption",
          "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
          "nav", "ol", "p", "pre", "section", "ul"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Shape:
    """What one table's cells hold, read while the table is open."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.cells = 0  # cells opened in the row being read
        self.wide = False  # some row has two cells or more
        self.blocks = False  # some cell holds a block (a paragraph, a list, a table)
        self.page = False  # some cell holds a heading, a layout table, or a table with paragraphs around it
        self.held: set[str] = set()  # what the cell being read holds

    def settle(self) -> None:
        self.blocks |= bool(self.held)
        self.page |= bool(self.held & {"heading", "layout"}) or "table" in self.held and len(self.held) > 1
        self.held = set()


class TableKinds(HTMLParser):
    """Which of a page's <table>s lay the page out, in the order they open. An old government page sits in a table:
    a one-column table whose cells hold blocks, or a table with a cell holding a heading, a layout table of its own
    or a table with paragraphs around it, is the page's frame, not data. A data table's cell may hold a few
    paragraphs or a list (an article's text, a points column's rules), or a small table alone: it stays a table."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.layout: list[bool] = []
        self.open: list[_Shape] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        table = self.open[-1] if self.open else None
        if tag == "table":
            if table:
                table.held.add("table")
            self.layout.append(False)
            self.open.append(_Shape(len(self.layout) - 1))
        elif table and tag in ("tr", "td", "th"):
            table.settle()
            table.cells = 0 if tag == "tr" else table.cells + 1
            table.wide |= table.cells > 1
        elif table and tag in BLOCK and tag != "hr":
            table.held.add("heading" if tag in HEADINGS else "block")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.open:
            table = self.open.pop()
            table.settle()
            self.layout[table.index] = table.page or table.blocks and not table.wide
            if self.layout[table.index] and self.open:
                self.open[-1].held.add("layout")


class Table:
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
