"""Paragraphs and list items of any format (Markdown, HTML, Word) as the lines knowledge.clean reads: a table
cell's paragraphs joined into one cell, a short bullet keeping a plain marker, a blockquote of words said quoted."""
from __future__ import annotations

import re

from knowledge.speech_cues import SAID, SUGGEST

_SENTENCE = re.compile(r"[。；;！？!?，,：:]")
_WORD_START = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_SENTENCE_END = ("。", "！", "？", "!", "?")
_SHORT_ITEM = 20
_CLAUSE_BREAK = re.compile(r"[。；;：:“”\"「」]")
# A cue for the words to say instead; "应说明" explains, it quotes nothing.
REWRITE = rf"(?:{SUGGEST})(?!明)"
# "修不好你就去别家 —— 推卸责任", "你自己看着办（把问题推回给客户）", "爱办不办（应说：“…”）": a dash, or a closing
# bracketed note (quoting only the words to say instead), sets a listed phrase apart from the reason it is banned.
REASON_DASH = re.compile(r"\s*(?:—{1,2}|-{2,}|─{2,}|→)\s*")
REASON_NOTE = re.compile(rf"(?<=\S\S)\s*[（(](?:[^（）()“”]+|[^（）()]*{REWRITE}[^（）()]*)[）)]$")
# ... and so does a rewrite cue right after it ("不知道，应说：“…”").
REWRITE_AFTER = re.compile(rf"(?<=[，,。！？!?；;])\s*(?={REWRITE})")


def kept_bullet(item: str) -> str:
    """A list item as a line. A short bullet of plain words ("不知道", "表扬 +2 分/次") would read as a heading
    once its marker is gone: it keeps a plain one ("- ") and stays an item of its list, whether a Markdown "-",
    an HTML <ul> or a Word bullet marked it. A quote reads as speech anyway, and a marker of its own
    ("❌ …", "1. …") is kept as it is."""
    # One short sentence ("你到底想怎么样？", "这是厂家的事，跟我们没关系。") is such an item too.
    # A phrase with its reason after a dash ("嫌麻烦就别办。—— 态度轻慢") or in closing brackets ("票卖完了就是卖完了。
    # （生硬）") is judged by the phrase.
    words = REASON_NOTE.sub("", REASON_DASH.split(item, maxsplit=1)[0].rstrip())
    words = REWRITE_AFTER.split(words, maxsplit=1)[0].rstrip()
    words = words[:-1] if words.endswith(_SENTENCE_END) else words
    short = len(words) <= _SHORT_ITEM and not _CLAUSE_BREAK.search(words)
    if item and (short or not _SENTENCE.search(item)) and "\n" not in item and _WORD_START.match(item):
        return "- " + item
    return item


# A paragraph ending in one of these closes itself.
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


# A note names what it is before a colon ("注：…", "说明：…", "用户：…"); a clock time ("8:30") is no label.
_LABEL_COLON = re.compile(r"(?<!\d)[：:]|[：:](?!\d)")


def quoted_block(text: str) -> str:
    """A blockquote's text as the quotation it is ("> 您好，请问有什么可以帮您？" reads as “…”), when it holds plain
    words said to someone: Markdown's ">" and HTML's <blockquote> are the author's quotation marks, which a reader
    of plain lines only knows as “”. A note or an exchange with its label, a blockquote with quotes of its own
    and prose that addresses nobody ("> 本手册为质检依据。") keep their text as it is."""
    words = text.strip()
    if not words or _LABEL_COLON.search(words) or re.search(r"[“”「」\"]", words) or not SAID.search(words):
        return text
    return f"“{words}”"
