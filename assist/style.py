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

# Upper-case acronyms (SLA, WMS, SKU) and settlement terms (T+3) are internal jargon, except the
# everyday ones and brand names a customer knows (APP, VIP, WIFI, OPPO); letters running on into digits
# are a case or order number read out (BA2026…), not an acronym.
ACRONYM = re.compile(r"(?<![A-Za-z])[Tt] ?[+＋] ?[0-9](?![0-9])|"
                     r"(?<![A-Za-z])(?!(?:APP|VIP|ID|OK|WIFI|TV|PC|USB|SIM|QQ|PDF|GPS|LED|LCD|OLED|HD|HDMI|DIY|MP|CEO|VR|AI|NFC|SMS|CD|DVD|"
                     r"ETC|PIN|GB|MB|KB|TB|CPU|IOS|OS|PLUS|PRO|MAX|MINI|EMS|UPS|DHL|SF|JD|QR|ATM|POS|PPT|WORD|EXCEL|CCTV|XL|XXL|"
                     r"AM|PM|OPPO|VIVO|IBM|LG|TCL|BMW|SUV|NBA|KTV|DJ|HR|IT|CBD|VS)(?![A-Za-z]))"
                     r"[A-Z]{2,5}(?![A-Za-z0-9])")
# A curt clause that orders the customer to report, fetch or wait, with no 请/麻烦/您 (订单号报一下,
# 把型号读一遍, 拍个照片过来, 等着).
CURT = re.compile(r"(?:你)?快(?:说|讲)(?:吧|啊|呀)?|(?:你)?等着(?:吧|啊)?|"
                  r"(?:先|马上|赶紧|快点?)?(?:拍|发|传|截|寄)(?:个|张|一下|一张)[^请您麻帮谢吗呢]{1,8}?(?:过来|给我)(?:吧|啊|呀)?|(?:把)?(?:你的)?(?:手机号?|电话(?:号码)?|订单号?|单号|名字|姓名|地址|身份证号?|账号|卡号|号码)?(?:给我)?"
                  r"(?:报|说|念|讲|发)(?:一下|下|来|过来|出来)?(?:吧|啊|呀)?|"
                  r"(?:你)?(?:先|去|先去|马上|立刻|立即|赶紧|赶快|快点?|现在就?)?(?:把|给我)[^请您麻帮谢吗呢]{1,12}?"
                  r"(?:发|拿|报|寄|拍|传|填|交|送|念|读|说|讲|找|截)(?:过来|来|好|上来|一下|给我(?:听|看)?|一遍|出来)(?:吧|啊|呀)?")

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
       r"(?:找|去找|问)(?:别的|其他|其它)(?:部门|人)(?:去|吧)|(?:找|去找|问)(?:别人|别家)(?:去|吧)|(?:跟|和|与)我(?:们)?(?:这边)?(?:没|无)(?:有)?关|我(?:们)?(?:也|这边)?(?:没办法|管不了|查不了|不管)|(?:那|这)(?:就|也)真?没有?办法了|我(?:又|还)?能怎么办|我(?:又|还)?有什么办法(?!帮|为|给|能|可以)|"
       r"(?:是|属于)(?:厂家|厂商|快递|物流|商家|银行|运营商|第三方|他们|那边|别的部门|其他部门|技术部?|仓库|财务|配送|门店|同事|别人|前台|上一个客服)(?:那边)?的(?:问题|责任|事|锅)|"
       r"(?<!帮)(?<!为)(?<!给)(?:你|您)(?:自己)?(?:去)?(?:找|问)(?:他们|商家|卖家|厂家|快递公司|物流公司|银行)(?:吧|去|问问)?(?![联沟协])|"
       r"我(?:们)?(?:这边)?不(?:负责|认账|认(?![识真为可]))|"
       r"不(?:在|属于)我(?:们)?(?:的)?(?:服务|负责|处理|管理)?范围|(?:自己)?(?:去)?(?:问|找)(?:厂家|厂商|快递|物流|商家|银行|运营商)(?:去|吧)",
       _SHIFT, ("联系相关", "转接", "留下联系")),
    _r("blame", "blame_customer", "high",
       r"(?:你|您)自己(?:没|不|操作|弄|搞|选|填|点)|谁让(?:你|您)|(?:都|还不)?是(?:你|您)(?:自己)?(?:的)?(?:问题|错|责任|原因|操作(?:失误|不当|错误))|"
       r"怪(?:你|您)自己|要怪就怪|(?:你|您)(?:当时)?(?:怎么)?(?:不|没)(?:看|听|读|检查|核对)(?:清楚|仔细|明白)|"
       r"(?:你|您)(?:自己)?(?:操作|弄|搞|填|选)(?:错|坏)|早(?:干嘛|干什么)去了|(?:你|您)早(?:说|干嘛)|活该|早(?:该|就该|就应该)(?:想到|知道|注意|看|问)",
       _BLAME, ("对不起", "核实")),
    _r("lecture", "lecturing", "medium",
       r"(?:我)?(?:跟|和)你说了多少|(?:你|您)(?:先)?听我(?:说|讲)(?:完)?|(?:已经|都)(?:解释|说|讲)得?(?:很|非常)?(?:清楚|明白)了|规定就是规定|"
       r"这是(?:基本)?常识|我说的(?:话)?(?:你|您)?(?:听)?(?:明白|懂|清楚)了?没有|你(?:要|得)?(?:搞|弄)清楚|(?<!帮)(?<!为)(?<!给)您(?:应该|要|得|先)(?:先)?(?:搞|弄)清楚|强调(?:一|多少|几|好几)(?:遍|次)|我(?:再|最后)(?:说|讲)最后一(?:遍|次)|我最后(?:说|讲)一(?:遍|次)|你懂不懂|你(?:到底)?(?:懂|明白)了?没有?",
       _LECTURE, ("解释", "核实")),
    _r("jargon", "jargon", "low",
       # Internal workflow terms only: words a customer reads on a parcel or bill (揽收, 分拣, 对账单)
       # or hears every day (二线城市, 派单给师傅) are ordinary speech; so is 分拨中心, a stop every tracking page lists.
       r"工单(?:流转|池)|话务溢出|(?:转|升级到|升|交给|推到)二线|二线(?:处理|支持|工程师)|坐席系统|回访率|"
       r"升级单|(?:异常|滞留|拦截|问题|疑难|退回)件|中转场|清算|结算周期|干线运输|履约|进线|外呼|呼损|清结算|逆向(?:流程|物流)|风控(?:模型|策略)|妥投|冲正|轧差|头寸|错分|报文|清分|状态码|系统(?:回传|回调)",
       _JARGON, ("解释",)),
    _r("bare_opening", "bare_opening", "medium", r"^(?:喂)+(?:说话|讲话|你说|说|讲|哪位|谁|什么事|干嘛|干什么)?(?:呀|啊|啦)?$",
       ("开头语", "开头"), ("您好",)),
    _r("injection", "injection", "high",
       r"系统提示|忽略(?:之前|以上|前面|所有)?的?(?:评分|规则|指令|提示)|评分规则|给(?:我|本次)?(?:打|评)?满分|"
       r"ignore\s*(?:all\s*)?(?:the\s*)?(?:previous|prior|above)?\s*instructions|system\s*prompt|grader|score\s*this",
       ("规范用语", "规范"), ()),
]
