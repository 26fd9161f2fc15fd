"""Grammar that turns a rule's words into their opposite: a denial, an honest limit, "no matter", an echo.

The fast layers match wording; these are the few constructions of Chinese service speech around that
wording that reverse what it means (不是您的问题 denies the blame it contains). They are grammar any
centre's agents share, so they hold on regulations and wording nobody here has seen.
"""
from __future__ import annotations

import re

from assist.rudeness import LIMIT, NEXT_STEP

# Words that deny what follows them (不是您的错), the "no matter what" reading of 不管 (不管多晚都…),
# and reported speech that echoes the customer's own term (您说的征信…).
_DENIAL = ("不", "并非", "绝非", "而非")
# Denying that one said or meant the blame (我没有说是您的问题, 并不是说您操作错了) is its opposite,
# unless the clause turns it into a rhetorical question (我不是说了是您的错吗).
_DENIED_SAYING = re.compile(r"(?:没有?|不是|并非|并不是|并没有?|从没有?|从来没有?|绝对没有?)(?:说|讲|认为|觉得|怪|指)(?:过)?(?:这)?$")
_RHETORICAL = re.compile(r"[吗么嘛]$")
# A negator right before a rule's words that are not negative themselves says the opposite: a promise refused
# (不保证收益, 不敢说肯定能赔), a burden lifted (您不用自己去查) or a thing denied to exist (不存在稳赚不赔的产品,
# 不会有保本这回事). A rule that starts negative (不归我管) is its own wording, and a rhetorical question
# (你不自己看看吗) keeps the jab.
_NEGATED = re.compile(r"(?:不|不能|不会|不可能|不敢|不用|不必|不需要|无法|没法|没办法|绝不|决不|从不|从来不|并不|无需|无须)"
                      r"(?:说|讲|承诺|保证|确定|存在|有)?$")
_NEGATIVE_START = "不没别无未莫勿非"
_OWN_GRAMMAR = ("address_ni", "jargon", "bare_opening", "command_tone")
# A workflow term followed by a team's name is who the agent will contact (我帮您联系清算部门), not jargon.
_TEAM = re.compile(r"部门|部|中心|组|团队|专员|同事")
_NO_MATTER = re.compile(r"多|什么|怎么|谁|哪|几|是否|是不是|是.{1,10}?还是")
# Someone else's words reported and then disowned (您说上次客服说这个不归我们管，这是我们的不对): the
# phrase is talked about, as in a quotation, even when speech recognition wrote no quote marks.
_REPORTED = re.compile(r"(?:客服|同事|工作人员|接线员|营业员|营业厅|师傅|快递员|他|她|他们|那位|有人|接电话的)(?:那边)?(?:之前|刚才|上次|昨天|那天)?(?:跟您|对您|和您)?(?:说|讲)")
_DISOWNED = re.compile(r"不对|不应该|不该|说错|错了|道歉|抱歉|对不起|不好意思|不礼貌|不合适")
# Or corrected (同事说让您找厂家，其实售后归我们，我来帮您登记): "actually" alone could still endorse the
# words, so the correction counts only when the agent then takes the step themselves.
_CORRECTED = re.compile(r"其实|实际上|事实上")
ECHO = re.compile(r"(?<![跟和给对向其])(?:您|你|客户|对方|同事|他|她|有人)(?:刚才|之前|刚刚)?(?:说|提到|问|讲)(?!什么|啥)的?")


def turned(key: str, clause: tuple[int, int], start: int, end: int, category: str) -> bool:
    """Whether grammar around a rule's words turns them into their opposite.

    不是您的问题 and 我没有说是您的问题 deny the blame; 不清楚 or 没办法 followed by the agent's own next
    step is an honest limit; someone else's words reported and disowned (or corrected, the agent then taking
    the step) are talked about; 我不管多晚都…
    is "no matter"; a term after 您说的 echoes the customer's own
    word or names a team; a term is never split by punctuation (已结清，分期 is not 清分).
    """
    if category != "address_ni" and _REPORTED.search(key, clause[0], start):
        if _DISOWNED.search(key, end):
            return True
        if (corrected := _CORRECTED.search(key, end)) and NEXT_STEP.search(key, corrected.end()):
            return True
    if category not in _OWN_GRAMMAR and key[start] not in _NEGATIVE_START \
            and _NEGATED.search(key, clause[0], start) and not _RHETORICAL.search(key, clause[0], clause[1]):
        return True
    if category in ("blame_customer", "shift_responsibility"):
        if key[start] == "是" and key[:start].endswith(_DENIAL):
            return True
        if _DENIED_SAYING.search(key, clause[0], start) and not _RHETORICAL.search(key, clause[0], clause[1]):
            return True
    if category in ("forbidden_phrase", "shift_responsibility") and LIMIT.search(key, start, end):
        # The next step comes after the admission; ASR lines have no punctuation to mark a clause.
        if NEXT_STEP.search(key, end):
            return True
    if key[start:end].endswith("不管") and _NO_MATTER.match(key, end):
        return True
    if category == "jargon":
        return end > clause[1] or bool(ECHO.search(key, clause[0], start)) or bool(_TEAM.match(key, end))
    return False
