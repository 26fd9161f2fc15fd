"""The lines of a call a question may ask for: how to say something, or a line named by its place in the call
("接起电话第一句说什么", 开场白怎么说), which a regulation names by a term or quotes under the moment it is said."""
from __future__ import annotations

import re
from typing import NamedTuple

# A question asking how to put something ("跟用户怎么讲", "该怎么问", "有什么话术", "标准答复是啥", "怎么安抚") wants a prescribed
# line; a question about what must not be said does not.
_HOW_TO_SAY = re.compile(r"怎么(?:样)?(?:跟|和|对|向)?[^，。？?]{0,4}?(?:说|讲|问(?!题)|答|回复|解释|表达|安抚|回(?![来去家事电访]))|"
                         # Asked of the caller, confirming or reminding is said ("约好以后怎么跟他确认").
                         r"怎么(?:样)?(?:跟|和|对|向)[^，。？?]{1,4}?(?:确认|核对|沟通|交代|提醒|道歉|致歉)|"
                         r"(?:[说讲]|复述|转述)(?:些)?(?:什么|啥)|话术|说法|(?:标准|规范)(?:答复|回复|回答|应答|口径)|"
                         r"(?:答复|回复|回答|应答|口径)[是为]?(?:什么|啥)")
# "别" forbids ("别说什么"), save as the end of a word ("送别说什么", "区别", "特别").
DONT = r"(?<![送告道辞离分区识性特级类差个派鉴判])别"
# (能不能, 要不要 ask whether, and forbid nothing.)
_NOT_TO_SAY = re.compile(rf"(?<![能要可该应])不(?:能|要|准|得|可以|该|应该?)|禁|忌|{DONT}")


# "多久能给个说法", "客户要讨说法" ask for a resolution: no wording, nothing said.
RESOLUTION = re.compile(r"[给讨要]个?说法")


def asks_wording(question: str) -> bool:
    """Whether a question asks how to put something, not what must not be said."""
    question = RESOLUTION.sub("", question)
    return bool(_HOW_TO_SAY.search(question)) and not _NOT_TO_SAY.search(question)


class Slot(NamedTuple):
    """A line of the call a question may ask for: by where it comes ("接起电话第一句说什么") or, asking how to say
    it, by one of its terms (开场白怎么说). A regulation names it by a term, or quotes it under the moment it is
    said ("接听来电：“您好……”")."""

    place: re.Pattern
    terms: tuple[str, ...]  # the first names the slot
    moments: tuple[str, ...]  # searched with the terms: the passage quoting the line may name only its moment
    said: re.Pattern


# The line introduced after its moment or scene: "接听来电：“…”", "有电话呼入时；服务用语：1.“…”".
_INTRODUCED = r"[^“”。\n]{0,8}?[:：]\s*(?:\d{1,2}[.、．]\s*)?[“「『\"]"
SLOTS = [
    Slot(re.compile(r"第一句|头一句|开口(?:先)?[说讲]|接(?:起|通)(?:电话|来电)?(?:以后|之后|后)?(?:先|首先)[说讲]"),
         ("开头语", "开场白", "问候语", "开场语"), ("接听", "接通", "接起"),
         re.compile(rf"(?:开场|开头|问候|接听|接通|接起|呼入){_INTRODUCED}")),
    Slot(re.compile(r"最后一句|挂(?:电话|机)(?:之|以)?前(?:要|应该?)?[说讲]|结束(?:通话)?(?:时|前)(?:要|应该?)?[说讲]"),
         ("结束语", "告别语"), ("结束通话", "通话结束", "挂机"),
         re.compile(rf"(?:结束通话|通话结束|结束|告别|挂机|挂断){_INTRODUCED}")),
]


# A question asking how soon a line comes ("多久回第一句", "客户发来第一句话，我们得多快回") asks a time limit (the
# core of the time-limit question in knowledge.asks, which imports this module).
HOW_SOON = r"多久|多快|多长时间|几秒|几分钟|多少秒|多少分钟"
_HOW_SOON = re.compile(HOW_SOON)


def slots(question: str) -> list[Slot]:
    """The lines of the call a question asks for. Naming a term without asking how to say it ("开头语可以简化吗")
    asks about something else, which the words the question shares with it already find; nor does naming a line
    by its place while asking how soon it comes."""
    wording = asks_wording(question)
    placed = not _HOW_SOON.search(question)
    return [slot for slot in SLOTS
            if placed and slot.place.search(question) or wording and any(t in question for t in slot.terms)]


def slot_terms(question: str) -> list[str]:
    """The regulation's terms for a line of the call that a question asks for, and the words for its moment."""
    return [term for slot in slots(question) for term in slot.terms + slot.moments]
