"""What an agent turn does: greet, apologise, confirm, commit to a time limit, close …

Used by the simulated customer (its mood reacts to these) and by the grader (the
per-session checks look for them), so both judge a turn the same way.
"""
from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

from knowledge.normalize import normalize

INTENTS = (
    "greeting", "apology", "empathy", "confirmation", "commitment", "solution", "closing",
    "ask_name", "address_by_surname", "ask_info", "thanks", "transfer", "hold",
)

# Common surnames, so that 王先生 counts as addressing the customer but 这位先生 does not.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严"
    "覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚"
    "符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆"
    "农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋"
    "商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
HONORIFICS = "先生|女士|小姐|阿姨|叔叔|大爷|大妈|师傅|老师|总"

_PATTERNS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "greeting": r"您好|你好|早上好|上午好|下午好|晚上好|欢迎(致电|来电)|为您服务|很高兴为您",
        "apology": r"抱歉|对不起|不好意思|歉意|给您添麻烦|让您久等|失误|是我们的(问题|错|责任)",
        "empathy": r"理解您|明白您|体谅|能体会|您的心情|换(成|作)是我|别(着急|急|生气)"
        r"|不要着急|慢慢(讲|说)|确实(让|给)您|辛苦您|让您(受累|担心|着急|费心)|着急是(肯定|难免)的",
        "confirmation": r"对吗|对吧|是吗[？?]?$|没错吧|是不是这样|(跟|和|向)您(确认|核对|核实一下)"
        r"|确认一下|核对一下|我(重复|复述)一下|您(要|想)(咨询|办理|反映)的是.{1,30}吗",
        "solution": r"(为|给|帮)您(办理|处理|申请|安排|补发|更换|换|退|登记|加急|催|核实|查询|查一下|转交|反馈|记录"
        r"|联系|跟进|寄|重新|上报|预约|派|提交|开通|修)|已经(为|给|帮)您|我们(会|将)|这边(会|将|马上)"
        r"|我(马上|立即|现在)(为|给|帮)?您?(处理|查|联系|登记|安排|核实)|(可以|能)(为|给|帮)您",
        "closing": r"还有(其他|别的|什么)(问题|需要|事情|业务|可以|能|要)|感谢(您的)?来电|祝您.{0,6}(愉快|顺利|健康)",
        "ask_name": r"贵姓|怎么称呼|如何称呼|您的(全名|姓名)|您姓什么",
        "thanks": r"谢谢|感谢|多谢",
        "transfer": r"转接|(帮|为|给)您转(到|给|至)?|转(到|给|至)(相关|其他|专门)|联系其他部门|转交(给)?(相关|专业)",
        "hold": r"请?(您)?稍(等|候)|耐心等待|请您等一下|我(马上|现在)(为|给|帮)您(查询|查一下|核实)",
    }.items()
}
_SURNAME_ADDRESS = re.compile(rf"(?<![这那哪位])[{SURNAMES}](?:{HONORIFICS})")

# Which fact a question asks for; the customer reveals a hidden fact only when asked.
FACT_PATTERNS: dict[str, re.Pattern[str]] = {
    "name": re.compile(r"贵姓|怎么称呼|如何称呼|您的(全名|姓名)|您姓什么"),
    "order": re.compile(r"订单(号|编号)|单号|订单信息|哪(个|一)订单"),
    "phone": re.compile(r"(手机|电话)号(码)?|联系(电话|方式)|留(下|一下)?(您的)?(电话|手机|联系)"),
    "date": re.compile(r"(什么|哪)(时候|天)(买|下单|申请|寄|收到|退|购买|提交|投诉)|购买(时间|日期)|下单(时间|日期)"),
    "address": re.compile(r"(收货|您的)?地址"),
    "product": re.compile(r"(产品|商品)?型号|(买|购买)的(是)?(什么|哪)"),
}
_READ_BACK = re.compile(r"\d{5,}")
_ASK_CUE = re.compile(r"请问|麻烦|提供|告诉|报一下|说一下|留(下|一下)|是多少|是什么|方便|吗|[？?]")

Unit = Literal["minute", "hour", "day", "working_day", "week", "month"]
HOURS = {"minute": 1 / 60, "hour": 1.0, "day": 24.0, "working_day": 24.0 * 7 / 5, "week": 168.0, "month": 720.0}
_UNITS = {"分钟": "minute", "小时": "hour", "钟头": "hour", "工作日": "working_day", "个工作日": "working_day",
          "天": "day", "日": "day", "周": "week", "星期": "week", "个星期": "week", "月": "month", "个月": "month"}
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"\d+(?:\.\d+)?|[零一二两三四五六七八九十]+|半"
_DURATION = re.compile(
    rf"(?P<num>{_NUM})(?P<half>个半)?\s*个?\s*(?P<unit>工作日|小时|钟头|分钟|天|日|星期|周|月)(?:左右)?"
    rf"(?P<limit>之内|以内|内|之前|以前|前)?"
)
_DURATION_LEAD = re.compile(r"(会在|将在|在|预计|保证|争取|最晚|最迟|不超过)\s*$")
_DEADLINE = re.compile(
    rf"(?P<day>今天|今日|今晚|当天|明天|明早|明晚|后天)(?:的)?(?:上午|中午|下午|晚上)?(?:(?:{_NUM})点(?:半|钟)?)?"
    r"(?:之前|以前|前|之内|以内|内)"
)
_IMMEDIATE = re.compile(
    r"(?P<day>今天|今日|今晚|当天|马上|立刻|立即|现在)(?:就|内)?(?:一定|肯定|保证)?(?:能|会|可以)?"
    r"(?:到账|到|退回|退给您|送到|发货|发出|处理好|办好|修好|解决|给您退|退款)"
)
_DAY_OFFSET = {"今天": 0, "今日": 0, "今晚": 0, "当天": 0, "马上": 0, "立刻": 0, "立即": 0, "现在": 0,
               "明天": 1, "明早": 1, "明晚": 1, "后天": 2}


class Commitment(BaseModel):
    """A concrete time limit the agent promised, e.g. 3个工作日内."""

    value: float
    unit: Unit
    text: str

    def hours(self) -> float:
        """The limit in hours (a working day counts as 7/5 of a calendar day) for comparison with SLAs."""
        return self.value * HOURS[self.unit]


def _prepare(text: str) -> str:
    return normalize(text or "").replace(" ", "")


def _number(token: str) -> float:
    if token == "半":
        return 0.5
    if token[0].isdigit():
        return float(token)
    if "十" in token:
        tens, _, ones = token.partition("十")
        return float((_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0))
    value = 0
    for ch in token:
        value = value * 10 + _CN_DIGITS[ch]
    return float(value)


def time_commitment(text: str) -> Commitment | None:
    """The first concrete time limit promised in `text` (3个工作日内, 48小时内, 明天下午五点前), if any."""
    norm = _prepare(text)
    for match in _DURATION.finditer(norm):
        if not (match.group("limit") or _DURATION_LEAD.search(norm[: match.start()])):
            continue  # "您等了三天" states a duration, it promises nothing
        value = _number(match.group("num")) + (0.5 if match.group("half") else 0)
        return Commitment(value=value, unit=_UNITS[match.group("unit")], text=match.group())
    for pattern in (_DEADLINE, _IMMEDIATE):
        match = pattern.search(norm)
        if match:
            return Commitment(value=_DAY_OFFSET[match.group("day")], unit="day", text=match.group())
    return None


def requested_info(text: str) -> set[str]:
    """Which customer facts the turn asks for (name, order, phone, date, address, product)."""
    norm = _prepare(text)
    asked = {fact for fact, pattern in FACT_PATTERNS.items() if pattern.search(norm)}
    if asked - {"name"} and (not _ASK_CUE.search(norm) or _READ_BACK.search(norm)):
        asked &= {"name"}  # stating or reading back 订单号 is not asking for it
    return asked


def addressed_surname(text: str) -> str | None:
    """The surname the agent addresses the customer by (王先生 → 王), if any."""
    match = _SURNAME_ADDRESS.search(_prepare(text))
    return match.group()[0] if match else None


def detect_intents(text: str) -> set[str]:
    """The agent-turn intents (ARCHITECTURE.md vocabulary) present in `text`."""
    norm = _prepare(text)
    if not norm:
        return set()
    found = {name for name, pattern in _PATTERNS.items() if pattern.search(norm)}
    if time_commitment(norm):
        found.add("commitment")
    if _SURNAME_ADDRESS.search(norm):
        found.add("address_by_surname")
    if requested_info(norm) - {"name"}:
        found.add("ask_info")
    return found


# What a reply can promise and what a caller can raise. A reply that so much as names one of these
# topics puts it on the table, so any mention counts as a commitment (questions included: asking
# 您是要退款吗 to a caller who praised a technician is the same mistake as promising one).
PROMISE_TOPICS: dict[str, re.Pattern[str]] = {
    "refund": re.compile(r"退款|退钱|退费|退还|退回|退给|返还|原路退"),
    "repair": re.compile(r"维修|修理|修好|报修|检修|抢修|修复|上门(?:处理|查看|检查|服务)|师傅上门|安排师傅"),
    "delivery": re.compile(r"发货|快递|物流|配送|送货|寄出|寄送|派送|送达|邮寄|补寄"),
    "compensation": re.compile(r"赔偿|补偿|赔付|理赔|赔钱"),
}
# Callers name the same topics in plainer words (能退吗, 派人来修, 这得赔, 还没寄到), which an agent's reply never
# needs: counted only on the caller's side, where missing one only makes the reply more cautious. A delivery
# is raised by one that has not come or a question about when; one that came (寄到的时候盒子是瘪的) is only
# when the caller found the problem, and a reply about tracking the parcel would answer nothing.
CALLER_WORDS: dict[str, re.Pattern[str]] = {
    "refund": re.compile(r"退(?!出|休|役|步|伍|烧|订)|钱.{0,4}回来"),
    "repair": re.compile(r"(?<!装)修(?!改|正|订|养|建|路|饰|剪)|(?:派|找|来)个?人.{0,3}(?:看看|看一下|处理)"),
    "delivery": re.compile(r"(?:没|未)有?(?:寄到|送到|送来|送达|拿到(?!钱|款)|到货|签收)|没送|寄给"
                           r"|(?:什么时候|啥时候|何时|多久|几天).{0,4}(?:寄到|送到|送来|到货)|(?:寄到|送到|到货)了?(?:吗|没有?)$"),
    "compensation": re.compile(r"赔(?!笑|礼|本|罪)"),
}
# A line that passes on someone else's message (a text, a stranger's call) or praises staff raises
# nothing the caller wants done: a scam's "理赔" or a praised "抢修" must not invite a promise.
_NOT_OWN = re.compile(r"短信|陌生|有人打电话|打电话说|自称|冒充|链接|表扬|夸")
# A caller raises a time limit by asking when / how long, or naming a duration or deadline.
_ASK_TIME = re.compile(r"多久|多长时间|几天|什么时候|啥时候|何时|几号|哪天|几点|要等|还得等|期限|时限|截止|延期|宽限|缓几天")
# ... about getting something done (新米啥时候上 asks about a product, 啥时候签过 is rhetorical).
_SERVICE_DONE = re.compile(r"上门|到|回复|答复|回电|联系|处理|解决|办|好|修|退|来|通|恢复|发|送|给我|结果|缴|交|还")
_CLAUSE = re.compile(r"[，,。！!？?；;\s]+")


def commitments(text: str) -> set[str]:
    """The topics an agent reply commits to: refund, repair, delivery, compensation, time_limit."""
    norm = _prepare(text)
    found = {topic for topic, pattern in PROMISE_TOPICS.items() if pattern.search(norm)}
    if time_commitment(norm):
        found.add("time_limit")
    return found


def raised(texts: list[str]) -> set[str]:
    """The topics the customer's own lines brought up (what a reply may then speak to)."""
    found: set[str] = set()
    for text in texts:
        norm = _prepare(text)
        if _NOT_OWN.search(norm):
            continue
        clauses = [c for c in _CLAUSE.split(norm) if c]
        for clause in clauses:
            found |= {topic for topic, pattern in PROMISE_TOPICS.items() if pattern.search(clause)}
            found |= {topic for topic, pattern in CALLER_WORDS.items() if pattern.search(clause)}
        # "等了两天" tells a story; only asking when something gets done puts a deadline on the table.
        if any(_ASK_TIME.search(c) and _SERVICE_DONE.search(c) for c in clauses):
            found.add("time_limit")
    return found
