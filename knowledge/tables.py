"""Tables drawn or flattened in plain text back into one " | " row per line: ASCII and box-drawing grids,
and the flattened 序号 / 场景 / 服务用语 and two-column 服务禁语 lists; and tables that hold articles
("条款 | 内容", one 第X条 a row) back into the prose they are."""
from __future__ import annotations

import re

from knowledge.outline import ARTICLE

_NUMBER = re.compile(r"^\d{1,2}$")
# A flattened table ends at the next heading (一、 （一） 第X条 表2) even when no number follows.
_TABLE_END = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十百\d]+[章条部节]|附?表\s*\d)")
_PHRASE_START = re.compile(r"^(“|\"|\d+\s*\.)|“")


def _cells(lines: list[str], i: int) -> tuple[list[tuple[int, list[str]]], int]:
    """Collect (number, cell lines) pairs from a flattened table starting at line i."""
    cells: list[tuple[int, list[str]]] = []
    while i < len(lines):
        line = lines[i].strip()
        if _NUMBER.match(line):
            cells.append((int(line), []))
        elif _TABLE_END.match(line) or not cells:
            break
        elif line:
            cells[-1][1].append(line)
        i += 1
    return cells, i


def _scenario_row(number: int, cell: list[str]) -> str:
    """Split one 场景/服务用语 row: the phrase starts at the first quoted or numbered line."""
    start = next((k for k, line in enumerate(cell) if k and _PHRASE_START.search(line)), None)
    if start is None:
        start = next((k for k, line in enumerate(cell) if k and line.endswith("。")), len(cell) - 1)
    scenario = "".join(cell[:start]).strip()
    phrase = "".join(cell[start:]).strip()
    # A single quoted sentence loses its quotes; compound phrases keep them as written.
    if phrase.count("“") == 1 and phrase.startswith("“"):
        phrase = phrase.strip("“”\" ")
    return f"{number}. 场景：{scenario}；服务用语：{phrase}"


def _is_header(lines: list[str], i: int, names: tuple[str, ...]) -> bool:
    window = [line.strip() for line in lines[i : i + len(names)]]
    return len(window) == len(names) and all(
        re.fullmatch(name, cell) for name, cell in zip(names, window)
    )


# A text grid: "+----+----+", "┌──┬──┐", "╠══╬══╣" rules between "| a | b |" / "│a│b│" rows.
_GRID_RULE = re.compile(r"^[+\-=─━═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╞╡╪╟╢╫|│║:\s]*[-=─━═]{3}[+\-=─━═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╞╡╪╟╢╫|│║:\s]*$")
_GRID_BAR = re.compile(r"[|│┃║]")


def _grid_cells(line: str) -> list[str] | None:
    """The cells of a grid row ("| a | b |", "│a│b│"), or None when the line is not drawn as one."""
    line = line.strip()
    if not (_GRID_BAR.match(line) and _GRID_BAR.match(line[-1:]) and len(_GRID_BAR.findall(line)) >= 3):
        return None
    return [cell.strip() for cell in _GRID_BAR.split(line)[1:-1]]


def _continues(cells: list[str], previous: list[str]) -> bool:
    """A wrapped cell's second line: no key in the first column, and a column the row above filled is empty
    (a row merged with the one above, "| | 虚假签收 | 10 |", fills every other column)."""
    return (len(cells) == len(previous) and not cells[0]
            and any(c == "" and p for c, p in zip(cells[1:], previous[1:])))


def _grid(lines: list[str], i: int) -> tuple[list[str], int]:
    """The rows of the text grid starting at line i, one " | " line each, and the index after the grid."""
    blocks: list[list[list[str]]] = [[]]
    while i < len(lines) and (_GRID_RULE.match(lines[i].strip()) or _grid_cells(lines[i]) is not None):
        if (cells := _grid_cells(lines[i])) is None:
            blocks.append([])
        else:
            blocks[-1].append(cells)
        i += 1
    blocks = [b for b in blocks if b]
    # A rule under every row (three body blocks or more, most of them one line): the lines between two rules
    # are one row, however its cells wrap. Otherwise a line continues the row above only when it reads as a wrap.
    body = blocks[1:]
    ruled = len(body) >= 3 and 2 * sum(len(block) == 1 for block in body) >= len(body)
    rows: list[list[str]] = []
    for block in blocks:
        for k, cells in enumerate(block):
            if k and (ruled or _continues(cells, block[k - 1])) and len(cells) == len(rows[-1]):
                rows[-1] = [a + b for a, b in zip(rows[-1], cells)]
            else:
                rows.append(cells)
    return [" | ".join(row) for row in rows if any(row)], i


# A column name: a short word or two, no number, no sentence mark.
_COLUMN_NAME = re.compile(r"^[^\d，。；：、,.;:]{1,8}$")


def _flat_header(lines: list[str], i: int) -> int:
    """How many column names a table flattened to one cell per line starts with at line i ("序号", "考核项目",
    …, then "1"), or 0 when none starts there."""
    if not re.fullmatch(r"序号|编号|序", lines[i].strip()):
        return 0
    k = 1
    while i + k < len(lines) and _COLUMN_NAME.match(lines[i + k].strip()):
        k += 1
    return k if k >= 3 and i + k < len(lines) and lines[i + k].strip() == "1" else 0


def _flat_rows(lines: list[str], i: int, width: int) -> tuple[list[str], int]:
    """Rows of a table flattened to one cell per line: the next row number, or a full row, starts a row.

    A number only starts a row when the row before has (about) all its cells, so a 分值 cell of 2 never does;
    a row after the numbered ones ("加分项", "合计") starts once the row before is full.
    """
    rows: list[list[str]] = []
    while i < len(lines):
        line = lines[i].strip()
        full = bool(rows) and len(rows[-1]) >= width - 1
        if rows and (_TABLE_END.match(line) or len(line) > 60):
            break
        if line == str(len(rows) + 1) and (not rows or full) or rows and len(rows[-1]) >= width:
            rows.append([line])
        else:
            rows[-1].append(line)
        i += 1
    return [" | ".join(row) for row in rows], i


# A row of a two-column table that holds the articles: "第五条 | 维修完成后……" (the first cell may add a title).
_ARTICLE_ROW = re.compile(rf"^(({ARTICLE})(?:[ \u3000]*[^|\s，。；：]{{1,12}})?)\s*\|\s*([^|]+)$")
# An item of the article's list, glued to the text before it when the cell's paragraphs were joined into one line.
_CELL_ITEM = re.compile(
    r"\s+(?=[（(](?:[一二三四五六七八九十]+|\d{1,2})[)）]|\d{1,2}[.、](?!\d)|[一二三四五六七八九十]+、|[①-⑩])"
    r"|(?<=[：:；;。！？”])(?=[（(](?:[一二三四五六七八九十]+|\d{1,2})[)）]|[①-⑩])")


def _held_articles(lines: list[str]) -> dict[int, re.Match]:
    """The article rows of a table that holds articles, by line. A row naming an article the prose already stated
    ("违反条款 | 处理": "第五条 | 扣2分") refers to it and stays a table row."""
    stated, held = set(), {}
    for i, line in enumerate(lines):
        if row := _ARTICLE_ROW.match(line):
            if row[2] not in stated:
                held[i] = row
        elif article := re.match(ARTICLE, line):
            stated.add(article[0])
    return held


def _article_lines(row: re.Match) -> list[str]:
    """An article row as the article line and the lines of its items, as the article reads in prose."""
    first, *items = _CELL_ITEM.split(row[3].strip())
    return [f"{row[1]} {first}", *items]


def _articles_header(lines: list[str], i: int, held: dict[int, re.Match]) -> bool:
    """A two-cell header of short column names ("条款 | 内容") over article rows."""
    cells = lines[i].split(" | ")
    return len(cells) == 2 and all(_COLUMN_NAME.match(c) for c in cells) and i + 1 in held


def format_tables(lines: list[str]) -> tuple[list[str], int]:
    """Rewrite drawn and flattened tables as one line per row; return lines and number of rows written."""
    out: list[str] = []
    rows = 0
    i = 0
    held = _held_articles(lines)
    while i < len(lines):
        if _GRID_RULE.match(lines[i].strip()) or _grid_cells(lines[i]) is not None and i + 1 < len(lines) \
                and _GRID_RULE.match(lines[i + 1].strip()):
            grid, i = _grid(lines, i)
            out.extend(grid)
            rows += len(grid)
        elif _is_header(lines, i, ("序号", "场景", r"\S*用语")):
            cells, i = _cells(lines, i + 3)
            out.extend(_scenario_row(n, cell) for n, cell in cells if cell)
            rows += len(cells)
        elif _is_header(lines, i, ("序号", r"\S*禁语", "序号", r"\S*禁语")):
            label = lines[i + 1].strip()
            cells, i = _cells(lines, i + 4)
            for n, cell in sorted(cells):
                if cell:
                    out.append(f"{n}. {label}：{''.join(cell)}")
            rows += len(cells)
        elif i in held:
            out.extend(_article_lines(held[i]))
            i += 1
        elif _articles_header(lines, i, held):
            i += 1
        elif width := _flat_header(lines, i):
            header = " | ".join(line.strip() for line in lines[i:i + width])
            grid, i = _flat_rows(lines, i + width, width)
            out.extend([header, *grid])
            rows += len(grid)
        else:
            out.append(lines[i])
            i += 1
    return out, rows
