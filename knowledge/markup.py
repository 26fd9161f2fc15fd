"""Markdown to plain lines: headings, paragraphs, list items and " | " table rows."""
from __future__ import annotations

import html
import re

from knowledge.blocks import join_blocks, kept_bullet, quoted_block
from knowledge.html_text import html_lines

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
            if _BULLET.match(lines[i]) and not parent:
                line = kept_bullet(line)
            elif _QUOTE.match(lines[i]) and not heading:
                line = quoted_block(line)
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
