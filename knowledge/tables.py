"""Flattened tables (序号 / 场景 / 服务用语 and the two-column 服务禁语 list) back into rows."""
from __future__ import annotations

import re

_NUMBER = re.compile(r"^\d{1,2}$")
# A row ends at the next section heading even when no number follows.
_SECTION = re.compile(r"^(\([一二三四五六七八九十]+\)|（[一二三四五六七八九十]+）|第[一二三四五六七八九十百]+[章条])")
_PHRASE_START = re.compile(r"^(“|\"|\d+\s*\.)|“")


def _cells(lines: list[str], i: int) -> tuple[list[tuple[int, list[str]]], int]:
    """Collect (number, cell lines) pairs from a flattened table starting at line i."""
    cells: list[tuple[int, list[str]]] = []
    while i < len(lines):
        line = lines[i].strip()
        if _NUMBER.match(line):
            cells.append((int(line), []))
        elif _SECTION.match(line) or not cells:
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


def format_tables(lines: list[str]) -> tuple[list[str], int]:
    """Rewrite flattened tables as one line per row; return lines and number of rows written."""
    out: list[str] = []
    rows = 0
    i = 0
    while i < len(lines):
        if _is_header(lines, i, ("序号", "场景", r"\S*用语")):
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
        else:
            out.append(lines[i])
            i += 1
    return out, rows
