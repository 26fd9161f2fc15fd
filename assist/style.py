"""The 三要三不 style rules and service taboos as regexes over normalized text.

Each rule names the words its principle uses (`cites`), so the checker can find the rulebook
principle to cite, and the words of the prescribed phrase that fixes it (`fix`), so the
suggestion always comes from the rulebook. Gaps are bounded to keep matching linear.
"""
from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict


class StyleRule(BaseModel):
    """One style rule: where it matches, what it breaks and which prescribed phrase repairs it."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    name: str
    category: str
    severity: str
    regex: re.Pattern
    cites: tuple[str, ...]
    fix: tuple[str, ...] = ()


def _r(name, category, severity, regex, cites, fix=()) -> StyleRule:
    return StyleRule(name=name, category=category, severity=severity, regex=re.compile(regex, re.I),
                     cites=tuple(cites), fix=tuple(fix))


# 你好 is a greeting, 你们 addresses a group, 迷你 is a size; everything else should be 您.
ADDRESS_NI = re.compile(r"(?<!迷)你(?![好们])")

# Upper-case acronyms (SLA, WMS) are internal jargon, except the ones every customer knows.
ACRONYM = re.compile(r"(?<![A-Za-z])(?!(?:APP|VIP|ID|OK|WIFI|TV|PC|USB|SIM|QQ|PDF|GPS|LED|DIY|MP|CEO|VR|AI|NFC|SMS|CD|DVD)(?![A-Za-z]))"
                     r"[A-Z]{2,5}(?![A-Za-z])")
# A curt clause that orders the customer to report something, with no 请/麻烦 (订单号报一下).
CURT = re.compile(r"(?:把)?(?:你的)?(?:手机号?|电话(?:号码)?|订单号?|单号|名字|姓名|地址|身份证号?|账号|卡号|号码)?(?:给我)?"
                  r"(?:报|说|念|讲|发)(?:一下|下|来|过来|出来)?(?:吧|啊|呀)?")

# Words from the rulebook principles, most specific first.
_NIN = ("您字", "多用您", "您")
_ASK = ("征询", "命令", "下令")
_SHIFT = ("推卸责任",)
_BLAME = ("埋怨", "谴责")
_LECTURE = ("说教", "争执", "训斥")
_JARGON = ("专业术语", "术语")
_RUDE = ("生硬用语", "生硬", "厌烦")

STYLE_RULES: list[StyleRule] = [
    _r("command", "command_tone", "medium",
       r"你给我|(?<!请)(?<!请您)赶紧|(?<!请)(?<!请您)(?<!麻烦您)快点(?!为|帮|给您)|少废话|闭嘴|马上给我|听我说完|你听着",
       _ASK, ("麻烦您", "请您")),
    _r("shift", "shift_responsibility", "high",
       r"不(?:归|是)我(?:们)?(?:部门)?(?:管|负责)|不关我(?:们)?(?:的)?事|(?:这|那)?不是我(?:们)?(?:的)?(?:事|问题|责任|错)|"
       r"(?:找|去找|问)(?:别的|其他|其它)(?:部门|人)(?:去|吧)|(?:跟|和)我(?:们)?(?:没|无)关|我(?:也)?(?:没办法|管不了|查不了)",
       _SHIFT, ("联系相关", "转接", "留下联系")),
    _r("blame", "blame_customer", "high",
       r"你自己(?:没|不)|谁让你|(?:都|还)?(?:是)?你(?:自己)?的(?:问题|错|责任)|怪你自己|你(?:怎么)?(?:不|没)(?:看|听)(?:清楚|仔细|明白)|"
       r"你(?:自己)?(?:操作|弄|搞)(?:错|坏)|早(?:干嘛|干什么)去了|活该",
       _BLAME, ("对不起", "核实")),
    _r("lecture", "lecturing", "medium",
       r"(?:我)?(?:跟|和)你说了多少|你(?:先)?听我说完|你(?:要|得)?(?:搞|弄)清楚|我(?:再|最后)(?:说|讲)最后一(?:遍|次)|我最后(?:说|讲)一(?:遍|次)|你懂不懂|你(?:到底)?(?:懂|明白)了?没有?",
       _LECTURE, ("解释", "核实")),
    _r("jargon", "jargon", "low",
       r"(?<![a-z])t\+?[0-9](?![0-9])|工单流转|话务溢出|二线|派单|坐席系统|回访率|升级单|异常件|滞留件|拦截件|中转场|清结算|逆向(?:流程|物流)|"
       r"结算周期|风控(?:模型|策略)|对账单",
       _JARGON, ("解释",)),
    _r("bare_opening", "bare_opening", "medium", r"^(?:喂)+(?:说话|讲话|你说|说|讲|哪位|谁|什么事|干嘛|干什么)?(?:呀|啊|啦)?$",
       ("喂", "说话"), ("您好",)),
    _r("injection", "injection", "high",
       r"系统提示|忽略(?:之前|以上|前面|所有)?的?(?:评分|规则|指令|提示)|评分规则|给(?:我|本次)?(?:打|评)?满分|"
       r"ignore\s*(?:all\s*)?(?:the\s*)?(?:previous|prior|above)?\s*instructions|system\s*prompt|grader|score\s*this",
       ("规范用语", "规范"), ()),
]
