"""Supplements (annexes, FAQs, closing provisions, revision records): whether a passage restates rules an article
states, which knowledge.search weighs down, or states rules an article refers to it."""
from __future__ import annotations

import re

from knowledge.asks import VALIDITY
from knowledge.outline import SUPPLEMENT

# A line this short naming a supplement is its heading.
_HEADING_CHARS = 20
# An article that puts its rules in an annex ("办理时限见附件", "按附件2执行", "按附表逐项扣分", "使用附件2所列忌语的")
# leaves the annex the only place stating them.
_DELEGATES = re.compile(r"(?:见|按|依|照)\s*(附件|附表|附录)\s*([\d一二三四五六七八九十]*)"
                        r"|(附件|附表|附录)\s*([\d一二三四五六七八九十]*)\s*(?:所列|列明|列出|载明)")


def delegated(passages: list[str]) -> set[str]:
    """The annexes ("附件", "附表2") that passages refer their rules to."""
    return {"".join(found) for passage in passages for found in _DELEGATES.findall(passage)}


def restates(article: str, text: str, kinds: set[str], annexes: set[str] = frozenset()) -> bool:
    """Whether a passage restates rules an article states (knowledge.search weighs it down): under a supplement's
    heading, or holding one on a line of its own (a FAQ run into the last closing provision: "附：坐席常见问题"),
    unless it is under an annex an article refers its rules to (`delegated`)."""
    if any(re.search(re.escape(name) + (r"(?!\d)" if name[-1].isdigit() else ""), article) for name in annexes):
        return False
    found = {m.group() for m in SUPPLEMENT.finditer(article)}
    return bool(found - {"附则"}) or _headed(text) or bool(found) and VALIDITY in kinds


def _headed(text: str) -> bool:
    """Whether a passage holds a supplement's heading on a line of its own ("附：坐席常见问题", its note in brackets
    aside: "（供参考，不作为考核依据）"). (A short article referring to an annex, "办理时限见附件", names no heading.)"""
    return any(len(_NOTE.sub("", line)) <= _HEADING_CHARS and SUPPLEMENT.search(line) and not _DELEGATES.search(line)
               for line in text.split("\n"))


_NOTE = re.compile(r"[（(][^（）()]*[)）]")


# A span of time a passage states ("7个工作日", "30秒").
_SPAN = re.compile(r"\d+(?:\.\d+)?\s*(?:个)?(?:工作日|自然日|小时|分钟|秒|天|日)")


def retold(chunks: list[tuple[str, str]], restating: list[bool]) -> list[bool]:
    """Which restating passages (an FAQ's answer, an annex's note; never the closing provisions, which state rules of
    their own) give a span of time an article gives too: they retell that article's limit, and the article is what
    a question about it cites. `chunks` are (article, text) pairs."""
    stated = {m.group() for (_, text), r in zip(chunks, restating) if not r for m in _SPAN.finditer(text)}
    # (An FAQ set under the closing chapter, "附则 > 常见问题", or run into its last article is an FAQ all the same.)
    return [r and bool({m.group() for m in SUPPLEMENT.finditer(article)} - {"附则"} or _headed(text))
            and any(m.group() in stated for m in _SPAN.finditer(text))
            for (article, text), r in zip(chunks, restating)]
