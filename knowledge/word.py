"""A Word (.docx) file's paragraphs and table rows as lines, in document order; python-docx stays behind this module.

Encrypted files, legacy .doc files renamed .docx and broken files are refused with a Chinese DocumentError.
"""
from __future__ import annotations

import io

import docx
from docx.table import Table

from knowledge.blocks import join_blocks, kept_bullet
from knowledge.document_error import DocumentError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def word_lines(data: bytes, name: str) -> list[str]:
    """Paragraphs and table rows of a Word file in document order (headers and footers skipped)."""
    if data.startswith(_OLE_MAGIC):
        # An encrypted .docx is an OLE compound file holding an "EncryptedPackage" stream; any
        # other OLE file with a .docx name is a legacy .doc renamed.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise DocumentError(
                f"“{name}”设置了打开密码（文件已加密），无法读取；请在 Word 或 WPS 中去掉密码后另存为 .docx 再导入。"
            )
        raise DocumentError(f"“{name}”实际上是旧版 Word（.doc）文件，请用 Word 或 WPS 打开后另存为 .docx 再导入。")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises zip, XML, key and value errors alike on broken files
        raise DocumentError(
            f"“{name}”已损坏或不是有效的 Word（.docx）文件，无法打开；请用 Word 或 WPS 打开确认后重新另存为 .docx 再导入。"
        ) from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            rows = _table_rows(block)
            # A first row merged across the whole table is its title; where the caption above already says it
            # ("表5-1 服务质量考核细则" over "考核细则"), it adds nothing, and alone on a line it reads as a heading.
            caption = next((line for line in reversed(lines) if line.strip()), "")
            banner = len(block.columns) > 1 and block.rows[0].cells[0].grid_span == len(block.columns)
            lines += rows[1:] if banner and rows and rows[0].strip() and rows[0].strip() in caption else rows
        else:
            # Auto-numbering (numPr) is not in the text; the text is kept as written, never renumbered. A bullet
            # keeps a plain marker, as a Markdown or HTML one does.
            lines.append(kept_bullet(block.text.strip()) if _bulleted(block, document) else block.text)
    return lines


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _bulleted(paragraph, document) -> bool:
    """Whether a paragraph is an item of a bulleted list: its own numbering, or its style's, draws a bullet."""
    style, ppr = paragraph.style, paragraph._p.pPr
    numbering = ppr.numPr if ppr is not None else None
    while numbering is None and style is not None:
        ppr = style.element.pPr
        numbering = ppr.numPr if ppr is not None else None
        style = style.base_style
    if numbering is None or numbering.numId is None:
        return False
    try:
        definitions = document.part.numbering_part.element
    except (KeyError, NotImplementedError):  # a file without numbering definitions
        return False
    level = numbering.ilvl.val if numbering.ilvl is not None else 0
    for num in definitions.iterchildren(f"{_W}num"):
        if num.get(f"{_W}numId") == str(numbering.numId.val):
            abstract = num.find(f"{_W}abstractNumId").get(f"{_W}val")
            fmt = definitions.find(f"{_W}abstractNum[@{_W}abstractNumId='{abstract}']"
                                   f"/{_W}lvl[@{_W}ilvl='{level}']/{_W}numFmt")
            return fmt is not None and fmt.get(f"{_W}val") == "bullet"
    return False


def _table_rows(table: Table) -> list[str]:
    """One " | "-joined line per row; a merged cell counts once across, and repeats down its rows."""
    grid = []
    for row in table.rows:
        cells, i = [], 0
        # row.cells repeats a horizontally merged cell once per grid column it spans.
        while i < len(row.cells):
            cells.append(_cell_text(row.cells[i]))
            i += row.cells[i].grid_span
        if any(cells):
            grid.append(cells)
    # A row merged across the table between its header and more rows names a group of the rows after it ("一、推诿类"):
    # still a row of the table, its one cell first, so the header goes on naming their columns. (One closing the
    # table, "注：…", stays a line of its own.)
    width = len(grid[0]) if grid else 0
    for cells, after in zip(grid[1:], grid[2:]):
        if len(cells) == 1 and width > 1 and len(after) > 1:
            cells += [""] * (width - 1)
    return [" | ".join(cells) for cells in grid]


def _cell_text(cell) -> str:
    parts = [" ".join(_table_rows(block)) if isinstance(block, Table) else block.text
             for block in cell.iter_inner_content()]
    return join_blocks(parts)
