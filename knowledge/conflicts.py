"""Passages from different regulations that give different numbers for the same thing.

"退款 3 个工作日内到账" in one file and "退款在 7 个工作日内退回" in another: both come up for the same
question, and an agent must know they disagree. The detector knows nothing about any one centre:
a quantity is a number with a unit of a known kind (duration, money, points, share, rings, times), its
topic is the words of the sentence around it, and two quantities conflict when they are of the same
kind, their topics overlap and their values cannot both hold.
"""
from __future__ import annotations

import re

from pydantic import BaseModel

from knowledge.clauses import sentences
from knowledge.numerals import number
from knowledge.segment import tokens

# unit → (kind, factor to the kind's base unit). Working days count as days: "3个工作日" against
# "3天" is a difference of wording, not of rule, and flagging it would bury the real conflicts.
UNITS: dict[str, tuple[str, float]] = {
    "秒钟": ("duration", 1 / 60), "秒": ("duration", 1 / 60), "分钟": ("duration", 1.0),
    "个小时": ("duration", 60.0), "小时": ("duration", 60.0), "个钟头": ("duration", 60.0),
    "个工作日": ("duration", 1440.0), "工作日": ("duration", 1440.0), "个自然日": ("duration", 1440.0),
    "自然日": ("duration", 1440.0), "天": ("duration", 1440.0), "日": ("duration", 1440.0),
    "个星期": ("duration", 10080.0), "星期": ("duration", 10080.0), "周": ("duration", 10080.0),
    "个月": ("duration", 43200.0), "年": ("duration", 525600.0),
    "万元": ("money", 10000.0), "元": ("money", 1.0), "块钱": ("money", 1.0),
    "%": ("share", 1.0), "％": ("share", 1.0), "分": ("points", 1.0),
    "声": ("rings", 1.0), "次": ("times", 1.0),
}
_NUMERAL = r"\d+(?:\.\d+)?|[一二两三四五六七八九十]{1,3}"
_QUANTITY = re.compile(
    rf"(?P<low>{_NUMERAL})\s*(?:(?:至|到|-|~|－|—)\s*(?P<high>{_NUMERAL}))?\s*"
    r"(?P<unit>" + "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True)) + ")"
)
# Dates and clock times carry units too ("3月5日", "2024年", "第3次") but are no quantities; nor are
# "分" in 分钟-less scores like "5分制" or 百分之 spelled out (rare in rules, left alone).
_NOT_AFTER = re.compile(r"^(?:制|钟|性)")
_NOT_BEFORE = re.compile(r"(?:月|第|星期|周)$")
# Two topics are the same thing when most of the shorter one's words are in the longer one.
TOPIC_OVERLAP = 0.5
_CLAUSE = re.compile(r"[，,、：:（）()]")


class Quantity(BaseModel):
    """A number with a unit as written, its kind, its range in the kind's base unit and its topic words."""

    text: str
    kind: str
    low: float
    high: float
    topic: frozenset[str]


class Conflict(BaseModel):
    """Another source's passage that states a different value for the same kind of thing."""

    source: str
    article: str
    mine: str
    theirs: str


def _topic(sentence: str, start: int, end: int) -> frozenset[str]:
    """The words of the clause holding the quantity and of the sentence's first clause (its usual subject)."""
    cuts = [0] + [m.end() for m in _CLAUSE.finditer(sentence)] + [len(sentence) + 1]
    head = sentence[: cuts[1]] if len(cuts) > 2 else ""
    left = max(c for c in cuts if c <= start)
    right = min(c for c in cuts if c >= end)
    words = tokens(head + "，" + sentence[left:right])
    return frozenset(w for w in words if len(w) > 1)


def quantities(text: str) -> list[Quantity]:
    """Every number with a known unit in `text`, with the words saying what it is about."""
    found: list[Quantity] = []
    for line in text.splitlines():
        for s_start, s_end in sentences(line):
            sentence = line[s_start:s_end]
            # Numbers and units say nothing about the topic; blanking them keeps "工作日内" out of it.
            blank = _QUANTITY.sub(lambda m: " " * len(m.group(0)), sentence)
            for m in _QUANTITY.finditer(sentence):
                if _NOT_AFTER.match(sentence[m.end():]) or _NOT_BEFORE.search(sentence[: m.start()]):
                    continue
                kind, factor = UNITS[m["unit"]]
                if m["unit"] == "年" and len(m["low"]) == 4:  # a calendar year
                    continue
                # 十分抱歉, 一次性: a Chinese numeral before 分 or 次 is almost always a word, not a count.
                if kind in ("points", "times") and not m["low"][0].isdigit():
                    continue
                low = number(m["low"]) * factor
                high = number(m["high"]) * factor if m["high"] else low
                found.append(Quantity(text=m.group(0).strip(), kind=kind, low=min(low, high), high=max(low, high),
                                      topic=_topic(blank, m.start(), m.end())))
    return found


def _same_topic(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= TOPIC_OVERLAP


def disagreements(first: str, second: str) -> list[tuple[Quantity, Quantity]]:
    """Pairs of quantities, one from each text, of one kind and topic whose values cannot both hold."""
    pairs = []
    theirs = quantities(second)
    for a in quantities(first):
        for b in theirs:
            if a.kind == b.kind and (a.high < b.low or b.high < a.low) and _same_topic(a.topic, b.topic):
                pairs.append((a, b))
    return pairs


def mark_conflicts(hits: list) -> list[list[Conflict]]:
    """For each hit (anything with text, source, article), the hits from other files it disagrees with."""
    found: list[list[Conflict]] = [[] for _ in hits]
    for i, a in enumerate(hits):
        for j in range(i + 1, len(hits)):
            b = hits[j]
            if a.source == b.source:
                continue
            pairs = disagreements(a.text, b.text)
            if pairs:
                mine, theirs = pairs[0]
                found[i].append(Conflict(source=b.source, article=b.article, mine=mine.text, theirs=theirs.text))
                found[j].append(Conflict(source=a.source, article=a.article, mine=theirs.text, theirs=mine.text))
    return found
