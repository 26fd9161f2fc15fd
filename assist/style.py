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
ACRONYM = re.compile(r"(?<![A-Za-z])(?!(?:APP|VIP|ID|OK|WIFI|TV|PC|USB|SIM|QQ|PDF|GPS|LED|LCD|OLED|HD|HDMI|DIY|MP|CEO|VR|AI|NFC|SMS|CD|DVD|ETC|PIN|"
                     r"GB|MB|KB|TB|CPU|IOS|OS|PLUS|PRO|MAX|MINI|EMS|UPS|DHL|SF|JD|QR|ATM|POS|PPT|WORD|EXCEL|CCTV|XL|XXL|"
                     r"AM|PM)(?![A-Za-z]))"
                     r"[A-Z]{2,5}(?![A-Za-z])")
# A curt clause that orders the customer to report something, with no 请/麻烦 (订单号报一下).
CURT = re.compile(r"(?:把)?(?:你的)?(?:手机号?|电话(?:号码)?|订单号?|单号|名字|姓名|地址|身份证号?|账号|卡号|号码)?(?:给我)?"
                  r"(?:报|说|念|讲|发)(?:一下|下|来|过来|出来)?(?:吧|啊|呀)?|"
                  r"(?:先|马上|立刻|立即|赶紧|赶快|快点?|现在就?)?(?:把|给我)[^请您麻帮谢吗呢]{1,12}?"
                  r"(?:发|拿|报|寄|拍|传|填|交|送|念|找)(?:过来|来|好|上来|一下|给我)(?:吧|啊|呀)?")

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
       r"不(?:归|是)我(?:们)?(?:部门)?(?:管|负责)|不关我(?:们)?(?:的)?事|不是我(?:们)?(?:的)?(?:事|工作|问题|责任|错)|"
       r"(?:找|去找|问)(?:别的|其他|其它)(?:部门|人)(?:去|吧)|(?:跟|和|与)我(?:们)?(?:这边)?(?:没|无)(?:有)?关|我(?:们)?(?:也|这边)?(?:没办法|管不了|查不了|不管)|"
       r"(?:是|属于)(?:厂家|厂商|快递|物流|商家|银行|运营商|第三方|他们|那边|别的部门|其他部门|技术部?)(?:那边)?的(?:问题|责任|事)|"
       r"不(?:在|属于)我(?:们)?(?:的)?(?:服务|负责|处理|管理)?范围|(?:自己)?(?:去)?(?:问|找)(?:厂家|厂商|快递|物流|商家|银行|运营商)(?:去|吧)",
       _SHIFT, ("联系相关", "转接", "留下联系")),
    _r("blame", "blame_customer", "high",
       r"(?:你|您)自己(?:没|不|操作|弄|搞|选|填|点)|谁让(?:你|您)|(?:都|还不)?是(?:你|您)(?:自己)?(?:的)?(?:问题|错|责任|原因|操作(?:失误|不当|错误))|"
       r"怪(?:你|您)自己|要怪就怪|(?:你|您)(?:当时)?(?:怎么)?(?:不|没)(?:看|听|读|检查|核对)(?:清楚|仔细|明白)|"
       r"(?:你|您)(?:自己)?(?:操作|弄|搞|填|选)(?:错|坏)|早(?:干嘛|干什么)去了|(?:你|您)早(?:说|干嘛)|活该",
       _BLAME, ("对不起", "核实")),
    _r("lecture", "lecturing", "medium",
       r"(?:我)?(?:跟|和)你说了多少|(?:你|您)(?:先)?听我(?:说|讲)(?:完)?|(?:已经|都)(?:解释|说|讲)得?(?:很|非常)?(?:清楚|明白)了|规定就是规定|"
       r"这是(?:基本)?常识|我说的(?:话)?(?:你|您)?(?:听)?(?:明白|懂|清楚)了?没有|你(?:要|得)?(?:搞|弄)清楚|我(?:再|最后)(?:说|讲)最后一(?:遍|次)|我最后(?:说|讲)一(?:遍|次)|你懂不懂|你(?:到底)?(?:懂|明白)了?没有?",
       _LECTURE, ("解释", "核实")),
    _r("jargon", "jargon", "low",
       r"(?<![a-z])t\+?[0-9](?![0-9])|工单流转|话务溢出|二线|派单|坐席系统|回访率|升级单|异常件|滞留件|拦截件|中转场|清结算|逆向(?:流程|物流)|"
       r"结算周期|风控(?:模型|策略)|对账单|履约|妥投|揽收|冲正|轧差|头寸|回传|工单池|分拣|干线|分拨|错分|报文|清分|状态码",
       _JARGON, ("解释",)),
    _r("bare_opening", "bare_opening", "medium", r"^(?:喂)+(?:说话|讲话|你说|说|讲|哪位|谁|什么事|干嘛|干什么)?(?:呀|啊|啦)?$",
       ("开头语", "开头"), ("您好",)),
    _r("injection", "injection", "high",
       r"系统提示|忽略(?:之前|以上|前面|所有)?的?(?:评分|规则|指令|提示)|评分规则|给(?:我|本次)?(?:打|评)?满分|"
       r"ignore\s*(?:all\s*)?(?:the\s*)?(?:previous|prior|above)?\s*instructions|system\s*prompt|grader|score\s*this",
       ("规范用语", "规范"), ()),
]
