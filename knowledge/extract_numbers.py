"""Time limits and rates in a regulation's clauses: sentences, list items and table rows.

A number counts as a limit only in a limit's wording ("3个工作日内", "不超过60秒", "接通率不低于95%"),
never inside a line an agent says, a condition, an appeal or a score sheet (what no caller is promised:
knowledge.limit_context; points: knowledge.extract_points).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from knowledge.chunks import SEP
from knowledge.clauses import Clause, Finding, as_sentence, quoted_spans, sentences, strip_marker
from knowledge.limit_context import (
    OBLIGATION, appeal, condition, defines, fault, handed_to_team, internal, kpi, permission, team_rate, wait_duty,
)
from knowledge.numerals import NUMERAL, figures, number
from knowledge.parties import CALLER
from knowledge.revisions import is_history, revises

UNITS = {
    "个工作日": "working_day", "工作日": "working_day", "个自然日": "day", "自然日": "day", "天": "day", "日": "day",
    # A working hour ("8个工作小时内", office hours only) is stored as an hour: a person reads the number with its
    # clause, and no other module needs the difference.
    "个工作小时": "hour", "工作小时": "hour",
    "个小时": "hour", "小时": "hour", "分钟": "minute", "秒钟": "second", "秒": "second", "个铃声": "ring", "声": "ring",
    "个交易日": "working_day", "交易日": "working_day", "周": "week", "个月": "month", "年": "year", "%": "percent", "个字": "chars_per_minute",
    "个钟头": "hour", "钟头": "hour",  # spoken hours ("4个钟头内")
    # Units as people type them ("24h", "48H", "30min", "15s"), when no more Latin letters follow ("15sec" does; a
    # code such as "5sp" does not).
    "h": "hour", "H": "hour", "hr": "hour", "min": "minute", "mins": "minute", "s": "second", "sec": "second",
}
# Half of a unit and a number and a half ("半小时", "半个工作日", "一个半小时", "1个半小时"); "上半年", "下半天" are
# parts of a period.
_DURATION = rf"(?:{NUMERAL})个半|(?<![上下前后多大过])半|{NUMERAL}"
_SLA = re.compile(
    rf"(?P<low>{_DURATION})\s*(?:(?:声|秒)?\s*(?:至|到|-|~|－|—|–)\s*(?P<high>{NUMERAL}))?\s*"
    r"(?P<unit>" + "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True)) + r")(?![A-Za-z])"
)
# A duration is a limit when "within / before / at most / at least" frames it; so are availabilities.
# ("验证码5分钟内有效", "优惠券30日内有效": how long a code or a voucher is valid, nothing anybody does by then.)
# "15秒接通率不低于85%", "15秒人工接通率": the seconds are the window of a rate, a limit too.
# ("平均处理时长控制在6分钟左右": about N is a norm the team aims at, no limit a caller can hold it to.)
# A duration the service itself follows at once is one too: "45分钟到达现场", "2小时响应"; "15个工作日（含）内" counts
# the last day.
_WITHIN_AFTER = re.compile(r"^(?:(?:[（(]含[)）])?(?:之内|以内|内)(?!有效)|前|以上|[\u4e00-\u9fff]{1,4}率|(?:到达|到场|上门|响应|回复|回电|答复|办结)(?![的时后]))")
# ("响应时间≤30秒", "等待时长＜20秒", "修复时长不大于4小时": the signs and words of a KPI table say the same;
# "回复时间：5个工作日", "响应时间为30秒" name the limit, where "平均处理时长为6分钟" is a team's average.)
_WITHIN_BEFORE = re.compile(r"(?:限时|限期|不超过|超过|不少于|不低于|不得少于|至少|最多|最长|提前|等待|等候|停留|延长至|延长到"
                            r"|不大于|不长于|不小于|[≤≦＜<≥≧]|(?:时限|时效|期限)\s*(?:为|是|[：:])"
                            r"|(?<!均)(?:响应|回复|答复|应答|到达|办结)(?:时间|时长)\s*(?:为|是|[：:]))\s*$")  # "办结时限为5个工作日"
# A lead time before a visit or an event ("上门前30分钟电话联系", "停水前24小时通知"): notice the centre gives that long
# before, when contacting somebody follows the number ("班前15分钟完成交班" is the team's routine).
_LEAD_TIME = re.compile(r"[\u4e00-\u9fff]前\s*$")
# ("还款日前3日，系统应向客户发送还款提醒短信": the one giving notice may be named first.)
_NOTICE = re.compile(r"[，,]?[^，。；,;]{0,12}?(?:联系|通知|告知|提醒|致电|确认)")
# A tariff ("进场15分钟内离场免费", "超过15分钟从入场时起计费"): what a stay costs, no service owed by then.
_TARIFF = re.compile(r"[^，。；,;]{0,12}?(?:免费|不收费|计费|收费|收取[^，。；,;]{0,4}?费)(?:[，。；,;]|$)")
# The bounds of a tier of charges or rates ("48小时以上不足8天的按票价5%计"): a bracket, no limit.
_TIER_AFTER = re.compile(r"\s*(?:（含）|\(含\))?\s*以上\s*[，,、]?\s*(?:不足|未满|不满)")
_TIER_BEFORE = re.compile(r"以上\s*[，,、]?\s*(?:不足|未满|不满)\s*$")
# How early a caller is asked to come ("提醒客户提前15分钟到院取号") is the caller's own time.
_CALLERS_LEAD = re.compile(rf"(?:提醒|请|告知|通知|叮嘱|建议)(?:{CALLER}|您|其|对方)[^，。；]{{0,4}}?提前\s*$")
# Applying ahead ("提前1个工作日提交申请", "提前3天报批").
_REQUEST = re.compile(r"\s*(?:向[\u4e00-\u9fff]{1,6})?(?:提交|提出|递交|书面)?(?:申请|报批|报备)")
# "一般为3–10个自然日", "通常需要2小时": how long something usually takes, told as information; a window stays a
# limit ("一般在5至10个工作日内到账").
# ("一般再等1到3个工作日": the wait left, as usual.)
_TYPICAL = re.compile(r"(?:一般|通常|大约|约|大概|平均)(?:再|还)?(?:为|是|需要?|要|等)?\s*$")
_AVAILABLE = re.compile(r"^(?:有人|在线|不间断)")  # "二十四小时有人接听"
# "7×24小时服务", "全天24小时": round the clock, the usual way to state availability: when the centre is open, as
# opening hours say, never how soon anybody is served.
_ROUND_THE_CLOCK = re.compile(r"(?:7\s*[×xX*＊]|全天|全年|昼夜)\s*$")
# Speaking speed, with or without its unit: 每分钟120个字, 每分钟140-160字, 每分钟140-160, 每分钟不超过180字.
_SPEECH_RATE = re.compile(rf"每分钟\s*(?:应?(?:保持|控制)在?|不(?:得|宜)?(?:超过|多于|高于|低于|少于))?\s*(?P<low>{NUMERAL})(?:\s*[-~至到]\s*(?P<high>{NUMERAL}))?\s*(?:个?字)?")
# ... or as a unit of characters per minute: 180-220字/分钟, 200字/分.
_CHARS_PER_MINUTE = re.compile(rf"(?P<low>{NUMERAL})(?:\s*[-~～至到]\s*(?P<high>{NUMERAL}))?\s*个?字\s*[/／]\s*(?:分钟|分|min)")
_RATE_WORDS = re.compile(r"率|满意度|比例|不低于|不少于|达到|以上")
_OF_A_PRICE = re.compile(r"(?:票价|价格|价款|金额|费用|房费|租金|车费|运费|保费|总价|本金|货款)的?\s*$")
# "录音质检权重30%": a share of a score, never a service level.
_WEIGHT = re.compile(r"权重|占比|比重|占总")
# A time of day is a limit when what is due by then is the centre's answer to the customer; "16:00前下单的"
# and "16:00前保证资金账户余额充足" are the customer's conditions and duties.
# ("17:00前电话提醒客户": the channel may come before the verb.)
# (Anything done for the party served is owed to them: "当日18:00前为客户补记到账".)
_RESPONSE = re.compile(rf"[向为给与](?:{CALLER}|对方)(?=[\u4e00-\u9fff])"
                       rf"|(?:[向为给与]?(?:{CALLER}|其|对方)?)?(?:电话|短信|书面|逐一)?"
                       r"(?:回复|回电|回拨|回访|答复|联系|告知|通知|提醒|反馈|处理|办结|办理|完成|解决|上门|派单|发货|送达|退回|退款|到账|致电|受理)")
# A time of day a reply is due by: "次日9:00前回复", "当日17:00前联系", "当天下午5点前".
_CLOCK = re.compile(r"(?P<pm>下午|晚上|傍晚)?(?P<low>\d{1,2})\s*(?:[:：]\s*(?P<minute>\d{2})|[点时](?:(?P<minute2>\d{1,2})分|半)?)\s*(?P<by>之前|以前|前)?")
# ... or "不迟于次日9:00", "最迟当日18点": the deadline word comes first.
_NO_LATER = re.compile(r"(?:不迟于|最迟|最晚)\s*(?:于|在)?\s*(?:次日|当日|当天|次一?个?工作日)?\s*(?:上午|中午)?$")
_RETENTION = re.compile(r"保存|保留|留存|期限")
# A span in years is a limit only where the document lists it among its time limits ("第三章 服务时限").
_LIMITS_HEADING = re.compile(r"时限|时效")
# How long records are kept ("录音保存不少于2年", "资料留存12个月", "监控录像保存30天"), even listed among the time
# limits, is the centre's own record keeping, nothing a caller waits for.
_RECORDS_KEPT = re.compile(r"(?:录音|录像|影像|视频|记录|资料|档案|凭证|数据|日志|工单|单据|物品)[^，。；,;]{0,12}?"
                           r"(?:保存|保留|留存|存档|归档|保管)[^，。；,;]{0,6}$")  # ("拾得物品的保管期限为15日")
# Limits on staff routine (arriving early, logging and signing in, handover, training, leave, notice of resignation,
# meals, breaks and busy states) are no service level a caller gets.
_STAFF_ROUTINE = re.compile(r"休息(?![日期天])|轮休|到岗|上岗|调班|换班|交接班|班前会|班后会|例会|培训|学时|考勤|出勤|打卡|签到|案例分享|复盘|演练"
                            r"|离职|辞职|请假|休假|年假|调休|用餐|就餐|小休|如厕|离席|签入|签出|示忙|置忙|登录系统")
# A call back counted from a staff event ("药师应在上岗后1小时内回电") is owed to the caller all the same, and so is
# telling the caller of what a staff event changes ("教练请假的，应提前2小时短信通知已预约会员").
_CALLED_BACK = re.compile(rf"\s*(?:之内|以内|内)?\s*(?:给|向|为)?(?:{CALLER}|您)?(?:回电|回拨|回复|答复|致电)"
                          rf"|[^，。；]{{0,10}}?(?:通知|告知|提醒|联系)[^，。；]{{0,6}}?(?:{CALLER})")
# "季度考核指标：首次解决率≥85%，平均处理时长不超过360秒", "班组KPI：…", "年度目标：平均修复时长不超过3小时": the
# targets the team is appraised on or strives for.
_TARGETS = re.compile(r"^[^：:]*(?:(?:考核|考评|绩效)\s*(?:指标|目标)|KPI|(?:年度|季度|全年|\d{4}\s*年)[^：:，,]{0,6}?(?:指标|目标))"
                      r"[^：:]*[：:]", re.I)  # "2025年中心目标：" names the year too
# A section on running the team ("五、班组管理") or on what its appraisal brings it ("考核结果运用", "奖惩":
# grades, pay, the bottom 5% let go) sets no limit a caller is promised, whatever its wording.
# So does a rollout plan ("六、实施步骤": "2个月内完成系统建设"): the centre's own milestones.
_STAFF_SECTION = re.compile(r"班组管理|班组建设|内部管理|人员管理|队伍建设|培训管理|考勤管理|结果(?:运用|应用)|奖惩"
                            r"|实施(?:计划|步骤|安排|进度)|进度安排|推进计划")
# A score sheet's point and money columns: 扣分, 扣绩效分, 加分, 分值, 考核分, 扣罚, 扣款（元）, 罚款, 违约金, 奖金. Their rows state
# points (knowledge.extract_points) and what is scored, never a limit a caller is promised.
# A column headed 处罚 alone ("处罚", "处罚标准") holds them too; "超时处罚" beside a 时限 column qualifies a limit.
POINT_COLUMN = re.compile(r"[扣加][^|，。]{0,3}分|分值|(?:考核|考评|质检|绩效)分|扣罚|扣款(?=金额|标准|[（(]|$)|罚款|罚金|违约金|奖励|奖金"
                          r"|^处罚(?:金额|标准)?(?=[（(]|$)")


def _is_limit(sentence: str, m: re.Match) -> bool:
    """Whether a number with a unit is worded as a limit (not a date, a duration in passing, a trigger)."""
    unit = UNITS[m["unit"]]
    after, before = sentence[m.end():m.end() + 8], sentence[max(0, m.start() - 6):m.start()]
    if unit == "percent":
        # The rate is named in the number's own clause ("接通率不低于90%", "满意度达到98%"); a percentage
        # elsewhere in a sentence that names a rate ("发放订单实付金额10%的红包") is an amount.
        clause = re.split(r"[，,；;：:]", sentence[:m.start()])[-1]
        if re.match(r"(?:及?以上|及?以下)?的", after):
            return False  # "满意度达到90%以上的班组，…": who earns a bonus, no level promised
        if re.match(r"\s*(?:及|（含）|\(含\))?\s*(?:以上|以下)?\s*为(?![宜准])", after) or re.search(r"[×*＊÷=＝]\s*$", before):
            return False  # "得分率90%以上为A级" names a grade; "实际得分÷满分×100%" is a formula
        if _OF_A_PRICE.search(clause):
            return False  # "48小时以上不足8天的按票价5%计", "收取租金的20%": a share of a price is an amount
        return not _WEIGHT.search(clause[-4:]) and bool(_RATE_WORDS.search(clause + after))
    if unit == "year":
        return bool(_RETENTION.search(sentence)) and number(m["low"]) < 100
    if _around_the_clock(sentence, m):
        return False
    if re.search(r"(?:近|最近|过去)\s*$", before):
        return False  # "近30天内来电3次以上的": a period looked back on, no limit
    if re.search(r"同一\s*(?:个|自然)?\s*$", before) or before.endswith("同") and sentence[m.start()] == "一":
        return False  # "同一日内不得重复致电": the window repeats are counted in, no limit
    if m["unit"] == "日" and before.endswith("月"):
        return False  # "每月5日前", "3月1日前": a date in the month, not a number of days
    if _TYPICAL.search(before) and not re.match(r"\s*(?:之内|以内|内)", after):
        return False
    lead = _LEAD_TIME.search(before)
    if lead and not before.endswith("提前") and m["low"] == "一" and m["unit"] in ("日", "天"):
        return False  # "就诊前一日": the day before, a date ("提前一天通知" is a day's notice)
    if _CALLERS_LEAD.search(sentence[:m.start()]):
        return False
    if lead and _NOTICE.match(sentence, m.end()):
        return True
    if _TARIFF.match(sentence, m.end()) or _TIER_AFTER.match(after) or _TIER_BEFORE.search(before):
        return False
    if before.endswith("提前") and _REQUEST.match(after):
        return False  # "调听录音须提前1个工作日提交申请": whoever applies is bound, nobody is promised a thing
    # A range of durations ("3-5个工作日到账") is always a limit; "超过2分钟的，…" / "超过1分钟时" /
    # "等候超过20秒后" set off a rule and limit nothing themselves.
    if m["high"] or (frame := _WITHIN_AFTER.match(after)) and (
            frame[0] != "以上" or OBLIGATION.search(sentence[:m.start()])):
        return True
    return (not re.match(r"[的时后]", after) or wait_duty(sentence, m)) and bool(_WITHIN_BEFORE.search(before))


def _around_the_clock(sentence: str, m: re.Match) -> bool:
    """Whether a number of hours states availability ("7×24小时服务", "24小时有人接听")."""
    return bool(_AVAILABLE.match(sentence[m.end():m.end() + 8])
                or _ROUND_THE_CLOCK.search(sentence[max(0, m.start() - 6):m.start()]))


def _clause_of(sentence: str, start: int, end: int) -> str:
    """The comma clause holding a number, with the one before it when it is too short to read alone,
    and the one after it when the number ends it ("由市场部在72小时内，制定跟踪档案")."""
    quoted = quoted_spans(sentence)
    commas = [i for i, ch in enumerate(sentence) if ch in "，,：:" and not any(a <= i < b for a, b in quoted)]
    cuts = [0] + [i + 1 for i in commas if i < start]
    after = [i for i in commas if i >= end] + [len(sentence)]
    tail = sentence[end:after[0]].strip()
    # "排队等候超过60秒的，系统应转入留言": the wait is read with the duty it sets off; so is a lead time with the
    # notice it gives ("每期还款日前3日，系统应发送提醒短信").
    led = not tail and _LEAD_TIME.search(sentence[:start])
    stop = after[1] if len(after) > 1 and (tail and (not tail.strip("内之以前") or tail == "的") or led) else after[0]
    begin = cuts[-1] if len(sentence[cuts[-1]:stop]) >= 8 or len(cuts) < 2 else cuts[-2]
    return strip_marker(sentence[begin:stop]).strip("，,：:；;。 ")


def _applies_to(text: str, m_text: str) -> str:
    """What the limit governs: its clause without the number and the limit words around it."""
    rest = re.sub(r"不超过|超过|不少于|不低于|不得少于|至少|最多|保持在?|达到|目标为|为宜|为", "",
                  re.sub(r"第?" + re.escape(m_text), " ", text))
    rest = re.sub(r"(?:(?:必须|应当|须|应|需|要)?(?:在|于))?\s+(?:之内|以内|内|前|以上)?", "", rest)
    return rest.strip("，,：:；。 ") or text


def _limits(sentence: str) -> Iterator[tuple[re.Match, str]]:
    """Every limit wording of a sentence with its unit: durations, counts of rings, rates, speaking speed."""
    for m in _SLA.finditer(sentence):
        if UNITS[m["unit"]] != "chars_per_minute" and _is_limit(sentence, m):
            yield m, UNITS[m["unit"]]
    for rate in (_SPEECH_RATE, _CHARS_PER_MINUTE):
        for m in rate.finditer(sentence):
            yield m, "chars_per_minute"
    for m in _CLOCK.finditer(sentence):
        # "9:00前受理的投诉": what was received by then is a condition on the reply, no reply due by then.
        if int(m["low"]) <= 24 and (due := _RESPONSE.match(sentence[m.end():m.end() + 8])) \
                and not sentence.startswith("的", m.end() + due.end()) \
                and (m["by"] or _NO_LATER.search(sentence[:m.start()])):
            yield m, "clock"


def _value(m: re.Match, unit: str) -> float | tuple[float, float]:
    """The number a limit states; a time of day in hours (17:30 is 17.5)."""
    if unit == "clock":
        minutes = m["minute"] or m["minute2"] or ("30" if m[0].rstrip("之以前").endswith("半") else "0")
        hour = int(m["low"]) + (12 if m["pm"] and int(m["low"]) < 12 else 0)
        return hour + int(minutes) / 60
    return (number(m["low"]), number(m["high"])) if m["high"] else number(m["low"])


# A glossary ("一、术语", "第二条 定义") says what words mean: "有效投诉：在72小时内登记的投诉" promises nothing.
_GLOSSARY = re.compile(r"术语|定义|名词解释|释义|词语解释")


def slas(clause: Clause) -> list[Finding]:
    """Every time limit or rate a clause states, outside quoted speech."""
    # A heading on the team's routine ("2.4 交接班", "五、培训") heads no limit a caller is promised either.
    if is_history(clause) or _STAFF_SECTION.search(clause.section) or _GLOSSARY.search(clause.section.split(SEP)[-1]) \
            or _STAFF_ROUTINE.search(clause.section.split(SEP)[-1]):
        return []
    if clause.cells and any(re.search(r"用语|话术", c) for c in clause.cells):
        return []  # a table of lines to say ("维修师傅会在30分钟内与您联系") states no limit
    if clause.cells and any(POINT_COLUMN.search(c) or _WEIGHT.search(c) for c in clause.cells):
        return []  # a score sheet's row ("通话效率 | 10 | 平均通话时长不超过200秒") is what is scored, no promise
    found = _column_limits(clause)
    # An item under "出现以下情形，扣除当月绩效分3分：" or a heading that states points names a fault.
    lead = f"{clause.intro}{SEP}{clause.section.split(SEP)[-1]}" if clause.item or clause.listed else ""
    headings = _headings(clause)
    line = figures(clause.line)
    quoted = quoted_spans(line)
    for start, end in sentences(line):
        sentence = line[start:end]
        if revises(sentence) or asks(sentence) or appeal(sentence) or _TARGETS.search(sentence):
            continue
        routine = _STAFF_ROUTINE.search(sentence)
        for m, unit in _limits(sentence):
            if any(a <= start + m.start() < b for a, b in quoted) \
                    or routine and not _CALLED_BACK.match(sentence, m.end()):
                continue
            value = _value(m, unit)
            if _RECORDS_KEPT.search(sentence[:m.start()]) or unit == "year" and not _LIMITS_HEADING.search(headings):
                continue
            if condition(sentence, m) or permission(sentence, m) or defines(sentence, m) or fault(sentence, m, lead) \
                    or handed_to_team(sentence, m):
                continue
            # "年度目标：20秒接通率不低于85%": the window of a rate is set with the rate, as a target or not.
            rated = unit == "percent" or re.match(r"[\u4e00-\u9fff]{1,4}率|服务水平", sentence[m.end():])
            if internal(sentence[max(0, m.start() - 16):m.end() + 8]) or rated and team_rate(sentence, m) \
                    or unit == "percent" and kpi(sentence, m, headings):
                continue
            text = _clause_of(sentence, m.start(), m.end())
            found.append(Finding("slas", as_sentence(text), sentence.strip(),
                                 {"value": value, "unit": unit,
                                  "applies_to": "语速" if unit == "chars_per_minute" else _applies_to(text, m[0])}))
    return found


# A numbered heading ("第二章", "二、", "【三、", "2 ", "2.1"): a chapter or section, never the document's title
# ("2026年热线服务规范" starts with a year, not a number).
_NUMBERED = re.compile(r"^[【\[〔]?\s*(?:第[一二三四五六七八九十百零\d]+[章节部分编]|[一二三四五六七八九十]+[、.．]"
                       r"|\d{1,2}(?:\.\d{1,2})*(?:[\s、.．]|$))")


def _headings(clause: Clause) -> str:
    """The headings above a clause without the document's title, which may name everything the document holds
    ("热线服务时间及时限标准"); a numbered first heading is a chapter (a title was not recognised above it)."""
    heads = clause.section.split(SEP)
    return SEP.join(heads if heads and _NUMBERED.match(heads[0]) else heads[1:])


# A column of limits ("工单类型 | 处理时限"): its cells are limits without the words that frame one ("24小时").
_LIMIT_COLUMN = re.compile(r"时限|时效|期限|时长要求|(?:响应|回复|答复|办结|完成|到达|到场|上门|处理|解决|修复|恢复)时间")

# (Units typed in Latin letters too: "响应时限（min）", "处理时限（h）".)
_COLUMN_UNIT = re.compile(r"[（(]\s*(个?工作日|个?自然日|天|个?小时|分钟|秒|h|H|min|s)\s*[)）]\s*$")


def _column_limits(clause: Clause) -> list[Finding]:
    """Limits stated under a column that names them, one per cell: bare durations ("24小时") and durations in
    words that do not frame a limit themselves ("停热前72小时发布公告")."""
    found = []
    for column, cell in clause.cells.items():
        # "办结时限（工作日） | 5": the column's name gives a bare figure its unit.
        if (unit := _COLUMN_UNIT.search(column)) and re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", cell):
            column, cell = column[:unit.start()].strip(), cell.strip() + unit[1]
        if not _LIMIT_COLUMN.search(column):
            continue
        # One limit to each comma clause of the cell: "30分钟响应，2小时到场" states two.
        for piece in re.split(r"[，,；;、]", cell):
            durations = [m for m in _SLA.finditer(piece) if UNITS[m["unit"]] not in ("percent", "chars_per_minute", "year")]
            if len(durations) != 1:
                continue
            m, subject = durations[0], next(iter(clause.cells.values()))
            # "3个工作日内" is worded as a limit already and read as one with the rest of the row.
            if _SLA.fullmatch(piece.strip()):
                text = f"{subject}{column}{piece}"
            elif not _is_limit(piece, m):
                text = piece
            else:
                continue
            found.append(Finding("slas", as_sentence(text), clause.line,
                                 {"value": _value(m, UNITS[m["unit"]]), "unit": UNITS[m["unit"]], "applies_to": subject}))
    return found


def asks(sentence: str) -> bool:
    """A question (an FAQ's "商家超过48小时没有发货怎么办？") restates a rule; it states none."""
    return sentence.rstrip().endswith(("？", "?")) or bool(re.match(r"\s*问\s*[：:]", sentence))
