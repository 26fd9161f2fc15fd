"""What a question asks for (a time limit, a clock time, points) and whether a passage states it; and the
regulation's term for a line of the call that a question names by its place.

An agent asks "投诉几天内办结" or "说了禁语扣几分". The passage that answers states a time limit or a number of
points; a passage on the same topic that states neither (the 禁语 list itself, an article that only refers to a
table) shares the question's words but is not the citation.
"""
from __future__ import annotations

import re

_NUM = r"[\d０-９一二两三四五六七八九十百半]+"
# (question pattern, passage pattern) per kind of answer.
KINDS = {
    "time_limit": (
        re.compile(r"多久|多长时间|多少(?:天|小时|分钟|秒)|几(?:个)?(?:天|日|小时|分钟|秒|声|工作日|周)|时限|期限|最晚|最迟|多快"),
        re.compile(rf"{_NUM}\s*(?:个)?(?:工作日|自然日|小时|分钟|秒钟?|天|日|声|周)"),
    ),
    "clock_time": (
        re.compile(r"几点|什么时(?:候|间)(?:上班|下班|开门|营业|有人)|(?:服务|营业|工作|办公)时间"),
        re.compile(r"\d{1,2}[:：]\d{2}|\d{1,2}\s*点|全天|24\s*小时"),
    ),
    "points": (
        re.compile(r"[扣加罚奖][^，。？?]{0,3}?(?:几|多少)|[扣加]\S?分(?:吗|么)|罚(?:款|钱)?吗|"
                   r"怎么(?:处罚|处理|扣分|考核)|(?:什么|啥)(?:处罚|处分|奖励)"),
        re.compile(rf"[扣加减罚奖]\D{{0,8}}?{_NUM}\s*(?:分|元)|{_NUM}\s*分\s*/\s*次|不得分|一票否决|罚款\s*{_NUM}|"
                   r"(?:扣分|加分|分值)[^|\n]{0,3}(?:\||$)", re.M),
    ),
}


def asked(question: str) -> set[str]:
    """The kinds of answer a question asks for (none for most questions)."""
    return {kind for kind, (ask, _) in KINDS.items() if ask.search(question)}


def stated(passage: str) -> set[str]:
    """The kinds of answer a passage states."""
    return {kind for kind, (_, state) in KINDS.items() if state.search(passage)}


# A caller names a line of the call by where it comes ("接起电话第一句说什么"); a regulation names it by its term.
SLOTS = [
    (re.compile(r"第一句|头一句|开口(?:先)?[说讲]|接(?:起|通)(?:电话|来电)?(?:以后|之后|后)?(?:先|首先)[说讲]"),
     ("开头语", "开场白", "问候语")),
    (re.compile(r"最后一句|挂(?:电话|机)(?:之|以)?前(?:要|应该?)?[说讲]|结束(?:通话)?(?:时|前)(?:要|应该?)?[说讲]"),
     ("结束语", "告别语")),
]


def slot_terms(question: str) -> list[str]:
    """The regulation's terms for a line of the call that a question names by its place."""
    return [term for ask, named in SLOTS if ask.search(question) for term in named]


# A yes-or-no question asks whether ("能不能替客户改地址"); every passage answers that kind, by allowing or forbidding.
WHETHER = "whether"
_WHETHER = re.compile(r"能不能|能否|可不可以|可否|行不行|是不是|会不会|要不要")


def asking_words(question: str, words: set[str]) -> dict[str, set[str]]:
    """By kind, the words of a question that only ask for that kind of answer ("几天", "多久", "加分吗", "能不能").

    A passage never repeats them ("3个工作日内寄出" answers "几天能寄出"), so for a passage that states the kind
    they say nothing about whether it answers.
    """
    asks = [(kind, ask) for kind, (ask, _) in KINDS.items()] + [(WHETHER, _WHETHER)]
    found = {kind: [m.group() for m in ask.finditer(question)] for kind, ask in asks}
    return {kind: {w for w in words if any(w in m for m in spans)} for kind, spans in found.items() if spans}
