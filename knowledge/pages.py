"""A PDF page's printed lines: grids rebuilt from the pieces' positions, wrapped lines joined, edges recognised.

Pure layout work on what pypdf hands over (knowledge.documents owns pypdf and the file's errors).
"""
from __future__ import annotations

import re


def page_lines(page) -> list[str]:
    """A page's text lines; when a line holds pieces set apart in columns, the page is a grid and its lines
    are rebuilt from the pieces' positions, cells joined by " | " (a wrapped cell's next line joins its cell)."""
    pieces: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm: list, tm: list, _font: object, size: float) -> None:
        if text.strip():
            scale = abs(tm[0] * cm[0]) or 1
            pieces.append((tm[5] * cm[3] + cm[5], tm[4] * cm[0] + cm[4], size * scale, text.strip()))

    lines = [line.strip() for line in (page.extract_text(visitor_text=visit) or "").splitlines() if line.strip()]
    rows: list[list[tuple[float, float, float, str]]] = []
    for piece in sorted(pieces, key=lambda p: (-p[0], p[1])):
        if rows and abs(rows[-1][0][0] - piece[0]) < piece[2] / 2:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    cells = [_cells(row) for row in rows]
    # A grid row lines up with another multi-cell row nearby; a lone one ("第一章　　总则" set in two pieces)
    # is one line of text.
    grid = [len(row) >= 2 and any(_aligned(row, other) for other in cells[max(0, i - 3):i] + cells[i + 1:i + 4])
            for i, row in enumerate(cells)]
    if not any(grid):
        return lines
    out: list[str] = []
    columns: list[float] = []
    for row, in_grid in zip(cells, grid):
        xs = [x for x, _ in row]
        if len(row) >= 2 and not in_grid:
            columns = []
            out.append(" ".join(text for _, text in row))
            continue
        wrapped = bool(columns) and xs[0] > columns[0] + 1
        if columns and len(row) < len(columns) and all(min(abs(x - c) for c in columns) < 2 for x in xs) \
                and (wrapped or len(row) >= 2):
            # Under the grid's columns: a wrapped cell's second line (its first column empty) joins the row
            # above; pieces starting in the first column are a row with empty cells (one piece is a paragraph).
            texts = out[-1].split(" | ") if wrapped else [""] * len(columns)
            for x, text in row:
                texts[min(range(len(columns)), key=lambda k: abs(columns[k] - x))] += text
            out[-1:] = [" | ".join(texts)] if wrapped else [out[-1], " | ".join(texts)]
            continue
        columns = xs if len(row) >= 2 else []
        out.append(" | ".join(text for _, text in row))
    return out


def _aligned(row: list[tuple[float, str]], other: list[tuple[float, str]]) -> bool:
    """Whether two printed lines share at least two cell positions, as rows of one grid do."""
    return len(other) >= 2 and sum(any(abs(x - y) < 2 for y, _ in other) for x, _ in row) >= 2


def _cells(row: list[tuple[float, float, float, str]]) -> list[tuple[float, str]]:
    """The pieces of one printed line, those closer than a character's width joined into one cell."""
    cells: list[list] = []
    end = None
    for _, x, size, text in row:
        if end is not None and x - end < size:
            cells[-1][1] += text
        else:
            cells.append([x, text])
        end = x + width(text) * size / 2
    return [(x, text) for x, text in cells]


def running_key(line: str) -> str:
    """A page-edge line with its numbers blanked, so "第 2 页" and "第 3 页" repeat as one line."""
    return re.sub(r"\d+", "#", line)


# A new item or sentence starts a line; a wrapped line's rest never starts with a list marker.
_ITEM_START = re.compile(r"^(?:第|[一二三四五六七八九十]+[、.]|[（(]|\d{1,2}\s*[)）、.．](?!\d)|[①-⑳]|[-•·])")
_SENTENCE_END = re.compile(r"[。；！？：:”」）)]$")


def width(line: str) -> int:
    """Printed width in half-width columns: a CJK character takes two."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in line)


def unwrap(lines: list[str], column: int) -> list[str]:
    """Printed lines (a page's, or a document's without its page edges) with the ones the layout wrapped joined
    back: a line as wide as the text column (the document's widest line) that ends mid-sentence ("…不超过" /
    "2小时；") goes on in the next line, unless that one starts an item."""
    out: list[str] = []
    for line in lines:
        # (A table row " | " is never a wrapped sentence, nor the rest of one.)
        wrapped = out and width(out[-1]) >= 0.85 * column and not _SENTENCE_END.search(out[-1]) \
            and " | " not in out[-1] + line
        if wrapped and not _ITEM_START.match(line):
            out[-1] += line
        else:
            out.append(line)
    return out
