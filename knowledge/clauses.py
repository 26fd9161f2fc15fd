"""A cleaned regulation read as clauses: every line with its citation, its headings and its table cells.

The extractors (knowledge.extract_phrases, extract_numbers, extract_points) work on clauses, so they
see the same outline and heading paths as the chunks (knowledge.chunks): a rule cites the
第X条 or numbered item its chunk lives in.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from knowledge.chunks import SEP
from knowledge.normalize import HAN
from knowledge.outline import ARTICLE_LINE, BULLETS, TEXT, Node, label, outline

# List markers: 1、 1. (1) （一） (一) ① - •
_MARKER = re.compile(
    r"^(?:\(\d{1,2}\)|（\d{1,2}）|\([一二三四五六七八九十]+\)|（[一二三四五六七八九十]+）"
    r"|\d{1,2}(?:\.\d{1,2})*\s*[、.．)）](?!\d)|[一二三四五六七八九十]+[、.](?!\d)|[①-⑳]|[" + BULLETS + r"*])\s*"
)
_ARTICLE = re.compile(ARTICLE_LINE.pattern + r"\s*")  # the article number and the space after it
# "场景：有电话呼入时；服务用语：您好…" is a table row written as key：value pairs.
_PAIR = re.compile(r"([^：；|“”]{1,8})：([^；]*)")
QUOTE = re.compile(r"“([^“”]+?)(?:”|(?=“)|$)")


@dataclass
class Clause:
    """One line of a regulation and where it sits."""

    line: str  # verbatim from the cleaned text
    body: str  # the line without its article number or list marker
    article: str  # citation: the heading path naming the 第X条 or numbered item
    section: str = ""  # the heading path above the line (its own number and name left out)
    intro: str = ""  # the "…如下：" line a list item or table row follows
    cells: dict[str, str] = field(default_factory=dict)  # a table row: column name → cell
    item: bool = False  # a numbered or bulleted list item
    # A short plain line right under a "…如下：" line: an item whose number got lost (Word's automatic
    # numbering, a nested Markdown bullet, an HTML <li>). Only points are read from such lines: a plain
    # line under "以下行为严禁：" describes conduct more often than it quotes words.
    listed: bool = False


def strip_marker(text: str) -> str:
    """The text of a list item or article without its number (1、 (一) ① 第三条)."""
    return _MARKER.sub("", _ARTICLE.sub("", text.strip()), count=1).strip()


def sentences(line: str) -> Iterator[tuple[int, int]]:
    """Spans of the sentences of a line, cut at 。！？； outside quotes (a quote may hold several)."""
    start, depth = 0, 0
    for i, ch in enumerate(line):
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in "。！？；;" or ch == "." and HAN.match(line[i - 1:i]) and HAN.match(line[i + 1:i + 2])):
            yield start, i + 1
            start = i + 1
    if line[start:].strip():
        yield start, len(line)


def sentence_at(line: str, pos: int) -> str:
    """The sentence of `line` holding character `pos`, verbatim."""
    return next((line[a:b] for a, b in sentences(line) if a <= pos < b), line).strip()


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages (inside the marks); a quote left open ends at the next one."""
    return [m.span(1) for m in QUOTE.finditer(text)]


def _pairs(body: str) -> dict[str, str]:
    """Key：value；key：value rows, only when the whole line is such pairs."""
    pairs = _PAIR.findall(body)
    if len(pairs) < 2 or "；".join(f"{k}：{v}" for k, v in pairs).rstrip("；。") != body.rstrip("；。"):
        return {}
    return {k.strip(): v.strip() for k, v in pairs}


def _listed(node: Node, intro: str) -> bool:
    """Whether a plain line is a list item whose number got lost (see `Clause.listed`)."""
    line = node.line
    return (node.level == TEXT and intro.endswith(("：", ":")) and "|" not in line and len(line) <= 40
            and not line.endswith(("：", ":")) and len(list(sentences(line.rstrip("；;。")))) == 1)


def _side_by_side(header: list[str], row: list[str]) -> list[tuple[list[str], list[str]]]:
    """A row split in two when the table is set in two halves side by side ("扣分项目 | 分值 | 加分项目 | 分值"):
    each half's columns end alike. Otherwise the row whole."""
    k = len(header) // 2
    twin = len(header) >= 4 and len(header) % 2 == 0 and all(
        a[-2:] == b[-2:] for a, b in zip(header[:k], header[k:]) if a and b)
    if not twin:
        return [(header, row)]
    return [(header[:k], row[:k]), (header[k:], row[k:])] if any(row[k:]) else [(header[:k], row[:k])]


# A row naming the group of the rows under it ("一、推诿类", "指责类"), in its first cell alone or in one cell merged
# across the table: no entry of its own, and the header above still names the columns of the rows after it.
_GROUP_ROW = re.compile(r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]{1,2}[）)]|\d{1,2}[、.．](?!\d))"
                        r"\s*[^，,。！？!?；;“”\"]{1,12}|[^，,。！？!?；;“”\"]{1,10}?(?:类|方面|情形|场景|环节)[：:]?")


def _group_row(header: list[str], row: list[str]) -> bool:
    return len(header) >= 2 and bool(_GROUP_ROW.fullmatch(row[0])) and not any(row[1:])


def _second_header(header: list[str], row: list[str]) -> list[str] | None:
    """The column names of a header set in two rows, as a merged cell spans them ("考核项目 | 扣分 | 扣分" over
    "| 一般 | 严重", or "考核项目 | 扣分" over "考核项目 | 一般 | 严重" where a spanned cell was read once): the upper
    name leads the lower ("扣分一般"), as an HTML table's are joined. None when the row is no second header row: it
    holds a figure, or neither a repeated upper name nor a repeated first cell marks a span."""
    if any(re.search(r"\d", c) for c in row) or not any(row):
        return None
    if len(row) == len(header) and any(a and a == b for a, b in zip(header, header[1:])):
        return [a + b if b and b != a else a for a, b in zip(header, row)]
    spanning = [c for c in header if c not in row]
    if len(row) > len(header) and row[0] == header[0] and len(spanning) == 1:
        return [c if c in header else spanning[0] + c for c in row]
    return None


def _walk(nodes: list[Node], path: tuple[str, ...], intro: str = "") -> Iterator[Clause]:
    """Clauses of sibling nodes and their children, carrying heading paths, table headers and intros."""
    header: list[str] = []
    fresh = False  # the row before was the header: a second header row may follow it
    for node in nodes:
        own = label(node) if node.level < TEXT else ""
        here = path + (own,)
        article = SEP.join(p for p in here if p) or "正文"
        body = strip_marker(node.line)
        cells: dict[str, str] = {}
        rows = [(node.line, {})]
        if "|" in node.line:
            row = [c.strip() for c in node.line.split("|")]
            if len(row) == len(header) and _group_row(header, row):
                rows, fresh = [], False
            elif fresh and (names := _second_header(header, row)):
                header, fresh = names, False
            elif not header or len(row) != len(header):
                header, fresh = row, True  # the first row of a table names its columns
            else:
                fresh = False
                # (Each half keeps the printed row as its evidence, quoted verbatim.)
                rows = [(node.line, dict(zip(names, half))) for names, half in _side_by_side(header, row)]
        else:
            header, fresh = [], False
            cells = _pairs(body)
            rows = [(node.line, cells)]
        item = node.level < TEXT and node.line != body and not _ARTICLE.match(node.line)
        listed = _listed(node, intro)
        for line, cells in rows:
            yield Clause(line, body, article, SEP.join(p for p in path if p), intro, cells, item, listed)
        # "以下用语一律禁止：" heads the lines after or under it; "服务禁语包括：1.…" the items under it.
        introduces = node.line.endswith(("：", ":"))
        yield from _walk(node.children, here, node.line if "：" in node.line or ":" in node.line else "")
        # An intro whose list sits under it ("（四）…如下：" over 1. 2. 3.) heads that list only, not the
        # next "（五）"; a plain intro line heads the sibling lines after it.
        if introduces and not node.children:
            intro = node.line
        elif introduces:
            intro = ""
        elif not (item or listed or cells) and "|" not in node.line:
            intro = ""


def clauses(text: str) -> list[Clause]:
    """Every non-empty line of a cleaned document as a clause, in document order."""
    return list(_walk(outline(text), ()))


@dataclass
class Finding:
    """One extracted rule before it gets an id and a citation: its section, text, evidence and fields."""

    section: str
    text: str
    evidence: str
    fields: dict = field(default_factory=dict)


def tidy(text: str) -> str:
    """A phrase as written, without quotes, placeholders spelled alike (XX, ……), no trailing comma."""
    text = re.sub(r"[*＊]{2,}|…+|\.{3,}", "……", text.strip().strip("“”\"'「」 "))
    text = re.sub(r"\b[xX]{2,}\b\s*", "XX", text)
    return text.rstrip("，、；;：:。 ").strip()


def as_sentence(text: str) -> str:
    """A prescribed line ends like a sentence."""
    return text if re.search(r"[。？！…]$", text) else text + "。"
