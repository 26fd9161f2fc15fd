"""Read one regulation file of any supported format into plain text, one paragraph per line.

Formats: .txt, .md/.markdown, .docx (Word 2007 and later, also saved by WPS), .pdf with a
text layer, .html/.htm. Text files (.txt, .md, .html) may be UTF-8 with or without BOM,
GB18030/GBK/GB2312, or UTF-16 with a BOM (LE or BE); other encodings (e.g. Big5) are left to
charset-normalizer's guess. Every table (docx, markdown pipe table, HTML <table>, rows typed as text
with tabs or with spaces that line up) becomes one line per row, cells joined by " | ", header row first. Refused with a Chinese `DocumentError`:
other extensions (legacy .doc/.wps included), empty files, binary files renamed .txt, files over
50 MB, scanned PDFs without a text layer, password-protected and corrupt .docx/.pdf files.
"""
from __future__ import annotations

import io
import logging
import re
from collections import Counter
from pathlib import Path
from typing import Literal

import pypdf
from charset_normalizer import from_bytes
from pydantic import BaseModel

from knowledge.document_error import DocumentError
from knowledge.html_text import html_lines
from knowledge.markup import markdown_lines
from knowledge.pages import page_lines, running_key, unwrap, width
from knowledge.word import word_lines

SUPPORTED = (".txt", ".md", ".markdown", ".docx", ".pdf", ".html", ".htm")
MAX_BYTES = 50 * 1024 * 1024
# pypdf logs every repair of a sloppy PDF ("EOF marker not found", even at error level);
# a file it cannot read raises instead and becomes a DocumentError, so the log adds nothing.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)
_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".docx": "docx", ".pdf": "pdf",
            ".html": "html", ".htm": "html"}


class Document(BaseModel):
    """One regulation file as plain text: one paragraph, heading, list item or table row per line."""

    name: str
    format: Literal["txt", "md", "docx", "pdf", "html"]
    encoding: str | None = None
    text: str


def read_document(path: Path) -> Document:
    """Read a .txt/.md/.docx/.pdf/.html file into a Document; raise DocumentError when it cannot be used."""
    path = Path(path)
    name = path.name
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DocumentError(
            f"“{name}”的格式（{path.suffix or '无扩展名'}）不支持。请另存为 {' '.join(SUPPORTED)} 之一再导入"
            "（旧版 Word 的 .doc、WPS 的 .wps 请另存为 .docx）。"
        )
    data = _read_bytes(path)
    encoding = None
    if fmt == "docx":
        lines = word_lines(data, name)
    elif fmt == "pdf":
        lines = _pdf_lines(data, name)
    else:
        text, encoding = _decode(data, name)
        lines = {"txt": str.splitlines, "md": markdown_lines, "html": html_lines}[fmt](text)
    text = _tidy(lines)
    if not text:
        raise DocumentError(f"“{name}”里没有文字内容，请检查是否选错了文件。")
    return Document(name=name, format=fmt, encoding=encoding, text=text)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, after checking its size so a huge file is never read."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise DocumentError(f"“{path.name}”不是文件，请选择一个文档文件。")
        if size > MAX_BYTES:
            raise DocumentError(
                f"“{path.name}”有 {size / 1024 / 1024:.0f} MB，超过 {MAX_BYTES // 1024 // 1024} MB 的上限；"
                "请把它拆分成几个较小的文件（或去掉其中的图片）后再导入。"
            )
        if size == 0:
            raise DocumentError(f"“{path.name}”是空文件（0 字节），请检查是否选错了文件。")
        return path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"找不到文件“{path.name}”，请检查路径是否正确。") from None
    except OSError as error:
        raise DocumentError(f"无法读取“{path.name}”（{error.strerror}），请检查文件权限后重试。") from None


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Big5 text decodes as GBK without error but turns into kana, bopomofo, box drawing and
# private-use characters, which a Chinese regulation hardly ever contains.
_MISDECODED = re.compile(r"[\u3040-\u30ff\u3100-\u312f\u2500-\u257f\ue000-\uf8ff\ufe30-\ufe6f]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode a text file: BOM, then strict UTF-8, then strict GB18030, then charset-normalizer.

    Detectors mislabel short Chinese texts (two GBK characters often come back as Big5), so
    they are asked only when the strict decoders fail or GB18030 yields implausible characters.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom):].decode(encoding.removesuffix("-sig")), encoding, name)
            except UnicodeDecodeError:
                raise _not_text(name) from None
    if b"\x00" in data:
        raise _not_text(name)
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if len(_MISDECODED.findall(text)) <= max(2, len(text) // 50):
            return _checked(text, "gb18030", name)
    except UnicodeDecodeError:
        text = None
    guess = from_bytes(data).best()
    if guess is not None:
        return _checked(str(guess), guess.encoding, name)
    if text is not None:
        return _checked(text, "gb18030", name)
    raise _not_text(name)


def _checked(text: str, encoding: str, name: str) -> tuple[str, str]:
    """Refuse decoded text with over 1% control characters: a binary file in disguise."""
    if len(_CONTROL.findall(text)) > len(text) // 100:
        raise _not_text(name)
    return text, encoding


def _not_text(name: str) -> DocumentError:
    return DocumentError(
        f"“{name}”不是文本文件（含有二进制内容或无法识别的编码），可能是其他文件改了扩展名；"
        "请用原来的程序打开后另存为 UTF-8 编码的 .txt，或直接导入 .docx / .pdf 原件。"
    )


# "第 3 页 共 4 页", "- 4 -", "—— 第 12 页 ——": a page number a conversion left in the text, on a line of its own.
# ("第1页 / 共10页" stays: it tells knowledge.clean the text was converted page by page.)
_PAGE_LINE = re.compile(r"^[-—–\s]*第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?[-—–\s]*$|^[-—–]+\s*\d+\s*[-—–]+$")
# At the top or bottom of a PDF page a bare number ("3", "3/10", "page 3", "第1页/共10页") is a page number too;
# elsewhere it may be a table cell.
_PAGE_NUMBER = re.compile(
    _PAGE_LINE.pattern + r"|^[-—–\s]*(?:\d+\s*(?:/|of)\s*\d+|\d+|page\s*\d+|第\s*\d+\s*页\s*/\s*共\s*\d+\s*页)[-—–\s]*$", re.I)


def _pdf_lines(data: bytes, name: str) -> list[str]:
    """The text layer of every page, without page numbers and running headers or footers."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(
                f"“{name}”设置了打开密码（文件已加密），无法读取；请去掉密码后另存一份再导入。"
            )
        pages = [page_lines(page) for page in reader.pages]
    except DocumentError:
        raise
    except Exception:  # pypdf raises many kinds of error on malformed files
        pages = None
    if not pages:
        raise DocumentError(
            f"“{name}”已损坏或不是有效的 PDF 文件，无法打开；请用 PDF 阅读器打开确认后重新导出再导入。"
        )
    if not any(pages):
        raise DocumentError(f"“{name}”没有可提取的文字层（可能是扫描件），请先做文字识别（OCR）或提供文字版。")
    # A line among the two at the top or bottom of at least half the pages is a running header or footer; its
    # digits may differ page to page ("第 3 页　某某印发"), and the text layer may emit a footer right after the
    # header, so the two lines at each edge are candidates.
    edges = Counter(key for page in pages for key in {running_key(line) for line in page[:2] + page[-2:]})
    # (A bare number is left to _PAGE_NUMBER: a table cell "5" may sit near the edge of many pages.)
    running = {key for key, n in edges.items()
               if len(pages) >= 3 and n * 2 >= len(pages) and re.search(r"[^\W\d_]", key)}
    pages = [[line for i, line in enumerate(page)
              if not ((i < 2 or i >= len(page) - 2) and running_key(line) in running)] for page in pages]
    # The page number is then the first or last line ("Q/XX 402—2026" above "3" at the top of a page).
    numbered = _page_numbers(pages)
    pages = [[line for i, line in enumerate(page) if (p, i) not in numbered] for p, page in enumerate(pages)]
    column = max((width(line) for page in pages for line in page), default=0)
    # Without its running header and footer, a page goes on where the one before it stopped: an article
    # broken across the page break is one paragraph again.
    return unwrap([line for page in pages for line in page], column)


def _page_numbers(pages: list[list[str]]) -> set[tuple[int, int]]:
    """(page, line) of each page's number: a bare number first or last on a page that counts up with the pages, on
    at least half of them ("3", "- 3 -", "3/10"); a table's row number left at the top of a page does not count."""
    found = [(p, i, int(re.search(r"\d+", page[i])[0]) - p) for p, page in enumerate(pages)
             for i in {0, len(page) - 1} if page and _PAGE_NUMBER.match(page[i])]
    offsets = Counter(offset for _, _, offset in found)
    step = max(offsets, key=offsets.get, default=None)
    return {(p, i) for p, i, offset in found if offset == step and offsets[step] * 2 >= len(pages)}


_INVISIBLE = re.compile(r"[\ufeff\u200b-\u200d\u2060\x00-\x08\x0b-\x1f\x7f]")


# Cells of a table typed as text are set apart by tabs (a row pasted from a spreadsheet) or, in a line without
# tabs, by runs of spaces: two or more, or a full-width one.
_TAB, _SPACES = re.compile(r"\t"), re.compile(r" {2,}|\u3000+")


def _cells(line: str) -> list[tuple[int, str]]:
    """The cells of a line, each with the printed column it starts at; indentation is no cell. Tabs stand for
    cells, empty ones included, so two tabs between texts leave an empty cell."""
    line = line.strip(" \u3000").lstrip("\t")
    cells, start = [], 0
    for gap in (_TAB if "\t" in line else _SPACES).finditer(line):
        cells.append((width(line[:start]), line[start:gap.start()]))
        start = gap.end()
    return [*cells, (width(line[:start]), line[start:])]


def _aligned(rows: list[list[tuple[int, str]]]) -> bool:
    """Whether every cell of some lines starts at a column of their widest line (a row may leave a cell empty),
    as in a table aligned by hand; the fields of a form ("编号：…　　版本：…") merely follow one another."""
    columns = {start for start, _ in max(rows, key=len)}
    return all(any(abs(start - column) <= 1 for column in columns) for row in rows for start, _ in row)


# A list number standing alone in a cell ("1.", "（一）", "第三条"): a numbered line, not a row.
_NUMBER_CELL = re.compile(r"\s*(?:[\d一二三四五六七八九十]+[、.．)）]?|[（(][\d一二三四五六七八九十]+[)）]|第\S{1,4}条|[①-⑳])\s*$")
# A column's name: a word or two ("禁用语", "替代用语（建议说法）"), no number or sentence in it; a heading spaced
# out ("第一章  总则", "附件1  话术示例") names no column.
_COLUMN_NAME = re.compile(r"(?!第[\d一二三四五六七八九十百]+[章节条]|附[件表录])[\u4e00-\u9fff]{2,8}(?:[（(][\u4e00-\u9fff]{1,6}[）)])?")
_LOOSE = 4
# A table drawn with bars ("| 1 | 未报工号 |", "│1│…│") is knowledge.tables' to read.
_DRAWN = re.compile(r"[|│┃║]")


def _mark_runs(table: list[bool], fits, enough) -> None:
    """Mark as table rows each run of lines i..j-1 that `fits(i, j)` grows line by line, where `enough(i, j)`; a run
    marked, the next one starts after it."""
    i = 0
    while i < len(table):
        j = i
        while j < len(table) and fits(i, j):
            j += 1
        if enough(i, j):
            table[i:j], i = [True] * (j - i), j
        else:
            i += 1


def _table_rows(lines: list[str]) -> list[str]:
    """Tables typed as text, one " | " row per line: a row of three or more cells between tabs, and lines whose
    cells, set apart by runs of spaces, line up in columns, two of them with three or more cells
    ("序号    项目          扣分"), so that a numbered row ("7    推诿用户    记3分") is read as a row, not as a
    heading. A spaced-out heading ("第一章　总　则") over an article has no second row. Other tabs are spaces."""
    rows = [_cells(line) for line in lines]
    tabbed = ["\t" in line.strip(" \u3000").lstrip("\t") for line in lines]
    table = [tab and len(cells) >= 3 and sum(bool(text.strip()) for _, text in cells) >= 2
             for tab, cells in zip(tabbed, rows)]
    # Two columns pasted from a spreadsheet ("违规行为<tab>扣分"): three such lines in a row, no cell a list number
    # (Word's "1.<tab>item" is a numbered line).
    pairs = [tab and len(cells) == 2 and all(t.strip() for _, t in cells) and not _NUMBER_CELL.match(cells[0][1])
             for tab, cells in zip(tabbed, rows)]
    _mark_runs(table, lambda i, j: pairs[j], lambda i, j: j - i >= 3)
    spaced = [not tab and len(cells) >= 2 and not _DRAWN.search(line) for line, tab, cells in zip(lines, tabbed, rows)]
    _mark_runs(table, lambda i, j: spaced[j] and _aligned(rows[i:j + 1]),
               lambda i, j: sum(len(cells) >= 3 for cells in rows[i:j]) >= 2)
    # Two columns under a row naming them ("禁用语          替代用语"): full-width punctuation and a PDF's text layer
    # set the second column a few places off, so it lines up loosely; three rows of two cells at least.
    named = [spaced[i] and len(cells) == 2 and all(_COLUMN_NAME.fullmatch(text) for _, text in cells)
             for i, cells in enumerate(rows)]
    _mark_runs(table, lambda i, j: named[i] and spaced[j] and len(rows[j]) == 2
               and abs(rows[j][1][0] - rows[i][1][0]) <= _LOOSE, lambda i, j: j - i >= 4)
    return [" | ".join(text.strip() for _, text in cells) if row else line.replace("\t", " ")
            for line, cells, row in zip(lines, rows, table)]


# Corner brackets 「」『』 quote speech like “”; one quote style lets every later step read both.
_CORNER = re.compile(r"[「『]([^「」『』“”\n]*)[」』]")
# Straight double quotes typed on a Western keyboard ("您好，…") quote speech too when they enclose Chinese.
_STRAIGHT = re.compile(r'"([^"\n]*)"')


def _straight_quotes(text: str) -> str:
    """`text` with "…" around Chinese written as “…”; quotes pair left to right, and only when they all pair."""
    if text.count('"') % 2:
        return text
    return _STRAIGHT.sub(lambda m: f"“{m[1]}”" if re.search(r"[\u4e00-\u9fff]", m[1]) else m[0], text)


def _corner_quotes(line: str) -> str:
    """`line` with 「…」, 『…』 and "…" written as “…”, except inside a “…” quote, where they nest."""
    if "“" not in line:
        return _straight_quotes(_CORNER.sub(r"“\1”", line))
    parts = re.split(r"(“[^“”]*”)", line)
    return "".join(p if p.startswith("“") else _straight_quotes(_CORNER.sub(r"“\1”", p)) for p in parts)


def _tidy(lines: list[str]) -> str:
    """Join lines, stripped of indentation and invisible characters, dropping empty ones."""
    out = []
    for part in _table_rows([part for line in lines for part in line.replace("\r", "\n").split("\n")]):
        part = _corner_quotes(_INVISIBLE.sub("", part).strip())
        if part and not _PAGE_LINE.match(part):
            out.append(part)
    return "\n".join(out)
