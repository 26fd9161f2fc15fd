"""The line a question asks about, found in the passages quoting it: a quotation the question repeats, whole or for the
most part of what it says the agent would say; and the words reporting what the caller says, which name no line."""
from __future__ import annotations

import re

from knowledge.parties import CALLER

# "客户说失业了还不上钱" reports what the caller says; it asks what to do, not what the agent may say
# ("跟用户说找物业" is the agent speaking).
REPORTED = re.compile(rf"(?<![跟和对向给同])(?:{CALLER}|对方|他|她)(?:一直|总是|又|就|还|老)?说")

# A quotation a question repeats word for word ("能跟用户说‘这单我管不了’吗", quotation marks or not), or half of it
# or more without a verb of saying ("能叫他自己上网查吗" of "不会自己上网查吗？"), is the line asked about; the passage
# quoting it (a forbidden list, a prescribed line) answers, whatever else shares the words.
_QUOTATION = re.compile(r"[“「『\"]([^”」』\"]{4,})[”」』\"]")
# A caller's matter quoted after the verb raising it ("用户反映“网速太慢”“总是掉线”的") names a case, not a line.
_MATTERS = re.compile(r"(?<=反映|反馈|投诉|咨询)(?:[“「『][^”」』]*[”」』][、，和及或]?)+")


# What the agent would say, after the verb ("能不能跟客户说要通知你单位"): a quotation repeating most of it (four
# characters or more, half the words said or more) is the line asked about, though the question does not give it whole.
_SAID = re.compile(r"(?:说|讲|问(?!题)|称呼?|叫)([^，。？?！!]{4,})")
_SAID_RUN = 4
_SHARED_PAIRS = 3


def quoting(question: str, passages: dict[int, str], partly: bool = True) -> set[int]:
    """The passages holding a quotation of four characters or more that the question repeats, whole or (if `partly`)
    for the most part, or one repeating most of what the question says the agent would say.

    Other questions (knowledge.asks passes `partly` False) may share half a forbidden line's words for their topic
    ("派师傅上门的事怎么说" of "派师傅上门得等好几天"): they repeat a line only whole."""
    key = re.sub(r"\W", "", question)
    said = [re.sub(r"\W", "", m.group(1)) for m in _SAID.finditer(REPORTED.sub("", question))]
    return {i for i, text in passages.items()
            if any((_repeats(quotation, key) if partly else quotation in key) or any(_repeats(line, quotation)
                                                                                    for line in said)
                   for quotation in _quotations(text))}


# A table's cell holding a sentence ("| 9 | 有意见你就去投诉好了。 | 您的意见我会如实记录。 |") is a line too, quoted or not.
_CELL_LINE = re.compile(r"(?<=\|)[^\S\n]*([^|\n“”]{4,}?[。！？!?])[^\S\n]*(?=\||$)", re.M)


def _quotations(passage: str) -> list[str]:
    """The quotations of a passage and the lines in its table cells, without punctuation, save a caller's matters."""
    passage = _MATTERS.sub("", passage)
    return [re.sub(r"\W", "", m.group(1)) for pattern in (_QUOTATION, _CELL_LINE) for m in pattern.finditer(passage)]


def _repeats(said: str, text: str) -> bool:
    """Whether a text holds a run of what is said, of _SAID_RUN characters or more and half of it or more, or half
    of its character pairs or more in another order ("能让客户自己去找卖家吗" of "丢了就找卖家去")."""
    need = max(_SAID_RUN, (len(said) + 1) // 2)
    pairs = {said[i:i + 2] for i in range(len(said) - 1)}
    shared = sum(pair in text for pair in pairs)
    return any(said[i:i + need] in text for i in range(len(said) - need + 1)) \
        or shared >= _SHARED_PAIRS and 2 * shared >= len(pairs)


# A line to say labelled with its scene: a table's first cell ("核对地址 |“…”"), or the words before a colon
# ("（三）催缴：“…”", "- 查询前：“…”").
_SCENE = re.compile(r"^[^\S\n]*(?:[-*•]\s*)?(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s*)?"
                    r"([\u4e00-\u9fff]{2,8})\s*(?:\||[:：])\s*[“「『\"✓✔√]", re.M)


def scened(question: str, passages: dict[int, str]) -> set[int]:
    """The passages holding a line to say for a scene the question names ("核对地址时要问什么" of "核对地址 |“…”"):
    the line is the rule for that scene, though the question does not ask how to say it."""
    return {i for i, text in passages.items() if any(m.group(1) in question for m in _SCENE.finditer(text))}
