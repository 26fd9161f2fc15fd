"""Limits a regulation states that nobody promises a caller: a condition that sets off a rule, the window of a
customer's right, the definition of a measure, the fault a deduction is for, an appeal against the team's own
verdict, the team's targets and its internal work (knowledge.extract_numbers reads the limits that are promised).
"""
from __future__ import annotations

import re

from knowledge.chunks import SEP
from knowledge.parties import CALLER

# "at least" frames a minimum somebody must keep ("应提前3天以上通知") only with an obligation; without one
# it is a condition ("服务开始前24小时以上取消的，全额退款").
OBLIGATION = re.compile(r"应|须|需|(?<!需)要(?!求)|保证|确保")
# What a limit governs decides whether a caller is promised it: auditing, appraising, teaching or staffing
# the team is run for the centre itself, unless the words around the limit name the customer's side of it.
# (A role named after such work, an education centre's 学习顾问, serves the learner.) Only those words count: a
# run-on sentence may mention a meeting far from a limit a customer is given.
# Keeping the knowledge base current ("知识库须在24小时内完成更新") is the team's too, and so is staffing the shifts
# ("高峰时段在岗率不低于95%").
_INTERNAL_WORK = re.compile(r"抽检|抽查|抽听|质检|考核|考评|扣分|评比|学习(?!顾问|规划)|授课|考试|复训|辅导|编制|排班|人员配置|会议"
                            r"|知识库|在岗|出勤")
# A case forwarded or supervised by an outside body ("工信部转办的申诉件", "督办件") is a caller's complaint too.
# A hotel's or a restaurant's customer is its guest (客人, 宾客).
_CUSTOMER_SIDE = re.compile(CALLER + r"|来电|来访|诉求|投诉|报修|工单|回电|回拨|接听|接通|转办|转派|督办")
# An appeal against the centre's own verdict (a 质检 score, a deduction, a penalty) and its review are the
# team's or a contractor's business when no customer is named in the sentence.
_APPEAL = re.compile(r"申诉|异议|复核")
# The appeal is the team's (or a contractor's) when it disputes a verdict on the appellant's own work: a score, a
# deduction, a penalty. A customer may dispute (异议) a charge too, and a platform's driver may appeal a ruling on
# an order ("对订单判责提出申诉的，须在24小时内给出复核结果"): service the centre owes them.
_VERDICT = re.compile(r"质检|考核|考评|评分|扣分|处罚|违规|绩效|处理(?:结果|决定)")
# A rate named as a target the team is appraised on ("班组考核指标：满意度≥95%") is no level a caller gets.
_APPRAISAL = re.compile(r"考核|考评|绩效|KPI", re.I)


def _comma_clause(sentence: str, m: re.Match, marks: str = "，,；;：:") -> tuple[int, int]:
    """Where the comma clause holding a number starts and ends."""
    start = max((i + 1 for i, ch in enumerate(sentence[:m.start()]) if ch in marks), default=0)
    end = next((m.end() + i for i, ch in enumerate(sentence[m.end():]) if ch in marks + "。"), len(sentence))
    return start, end


def condition(sentence: str, m: re.Match) -> bool:
    """Whether the limit sits in a "……的，" clause that sets off what follows ("客户在24小时内再次来电的，视为重复投诉",
    "工单超过48小时未回复的，自动升级"): a condition, unless the clause itself obliges somebody. A table's cell ends
    the clause: a note in the next cell ("| 5分钟内远程重启 | 重启2次仍失败的，转运维 |") sets off nothing in it."""
    start, end = _comma_clause(sentence, m, "，,；;：:|")
    clause = sentence[start:end].strip()
    if _OVERDUE.search(sentence[start:m.start()]) and _UNDONE.match(sentence, m.end()):
        return True  # "超过24小时未处理的工单，系统自动升级": what is overdue, however the clause ends
    # "服务开始前2小时以内取消的订单，按规则收取30元上门费": the orders so described, set off the same way.
    return bool(_SET_OFF.search(clause)) and end < len(sentence) and not OBLIGATION.search(clause) \
        and not wait_duty(sentence, m)


_SET_OFF = re.compile(r"的(?:订单|工单|业务|申请|预约|退票|改签|件|单)?$")


# Past a time and still not done ("超过24小时未处理", "逾3日仍未答复"); "不得超过24小时未处理" is the limit itself.
_OVERDUE = re.compile(r"(?<![不得])(?:超过|超出|逾)\s*$")
_UNDONE = re.compile(r"\s*(?:仍|尚|还)?(?:未|没有?)")


_WAIT = re.compile(r"等候|等待|排队")
# The subject and obligation that open the next clause ("系统应", "坐席须"), nothing between them.
_DUTY_AT_ONCE = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:应|须|需)")


def wait_duty(sentence: str, m: re.Match) -> bool:
    """Whether the limit is the longest a caller waits before the centre must act ("来电排队超过45秒的，系统须转入
    留言回拨"): a level promised, though worded as a condition. What is owed only later ("…的，接通后坐席应先致歉")
    or after a failure ("超过30秒仍未接通的") is no such level, nor a clause that sets a limit of its own."""
    start, end = _comma_clause(sentence, m)
    if sentence[m.end():end] != "的" or not _WAIT.search(sentence[start:m.start()]) or end >= len(sentence):
        return False
    after = re.split(r"[，,；;。]", sentence[end + 1:])[0]
    duty = _DUTY_AT_ONCE.match(after)
    return bool(duty) and "后" not in duty[0] and not re.search(r"\d", after)


# "可在7天内申请退货", "签收后7天内可退货", "有权在30日内要求": a window the customer may act in, no limit
# kept; "退款可在3个工作日内到账", "客户可在3日内收到退款" promise what the customer gets.
_MAY = re.compile(r"(?<![认许不即])(?:可以?|有权)(?![能靠用疑])")
_HOLDER = re.compile(r"客户|用户|顾客|乘客|旅客|买家|消费者|投保人|被保险人|持卡人|业主|市民|患者|会员|车主|居民")
_RECEIPT = re.compile(r"收到|到账|获得|拿到|领到")


def permission(sentence: str, m: re.Match) -> bool:
    """Whether the limit is the window of a right ("用户购机后7天内可申请退货"): what the customer may do by
    then, not what the centre owes by then. Only a window ("N天内") is one: "经批准可延长至20个工作日" still
    bounds the centre, and a clause that also obliges somebody keeps its limit."""
    if not re.match(r"\s*(?:之内|以内|内)", sentence[m.end():]):
        return False
    start, end = _comma_clause(sentence, m, "，,；;：:、")
    clause = sentence[start:end]
    if not _MAY.search(clause) or OBLIGATION.search(clause) or _RECEIPT.search(sentence[m.end():end]):
        return False
    # The holder of the right is the sentence's subject, named once before a list of windows ("…、15天内可换货").
    return bool(_HOLDER.search(sentence[:end]))


# "重复来电率：客户3日内再次来电的比例", "及时率是指24小时内办结的工单占比": a limit inside the definition of
# a measure says what is counted, not a level anybody is promised.
_DEFINES = re.compile(r"是指|指的是|系指|定义为")
_MEASURE = re.compile(r"的?(?:比例|比率|占比|百分比|比重)$")


def defines(sentence: str, m: re.Match) -> bool:
    """Whether the limit sits in the definition of a measure: after "是指", or in a phrase that ends the
    sentence as "…的比例"."""
    rest = sentence[m.end():].rstrip("。；;！!. ")
    return bool(_DEFINES.search(sentence[:m.start()])) or not re.search(r"[，,；;]", rest) and bool(_MEASURE.search(rest))


# Points a sentence deducts ("扣1分", "扣减绩效分2分", "2分/次"); such a sentence describes a fault.
_SCORED = re.compile(r"[扣减][^，。；\d]{0,8}\d+(?:\.\d+)?\s*分(?!钟)|\d+(?:\.\d+)?\s*分\s*/\s*次")


def fault(sentence: str, m: re.Match, lead: str = "") -> bool:
    """Whether the limit describes the fault a deduction is for ("静音超过30秒未告知客户，扣1分", "未在24小时内
    回复工单的，扣3分"): exceeded or not met, it triggers the points. "须在24小时内回复，超时扣2分" keeps its limit.
    An item may take its points from the `lead` it is listed under (intro or heading: "以下情形每次扣2分：")."""
    if not _SCORED.search(sentence) and not _SCORED.search(lead):
        return False
    start, end = _comma_clause(sentence, m)
    return bool(re.search(r"超过|超出|未|没有", sentence[start:end]))


# A department named after the customer ("客户体验部", "用户服务中心") is the centre's own; it names no customer.
# Only a unit's own words may stand between: "客户对投诉处理结果…" mentions a customer, not a 处.
_DEPARTMENT = re.compile(r"(?:客户|用户|顾客|会员)(?:服务|体验|关系|关怀|运营|权益|满意度)?(?:部|中心|科|室)")


def appeal(sentence: str) -> bool:
    """Whether a sentence sets the time to appeal a verdict on the team's work, or to review such an appeal."""
    return bool(_APPEAL.search(sentence) and _VERDICT.search(sentence)) \
        and not _CUSTOMER_SIDE.search(_DEPARTMENT.sub("", sentence))


def team_rate(sentence: str, m: re.Match) -> bool:
    """Whether a percentage is a rate of the team's own work (抽检比例, 质检合格率) or a target it is appraised on."""
    # The rate's name runs to the end of its clause: the window of a rate ("20秒接通率目标为90%") is named with it.
    start, end = _comma_clause(sentence, m)
    name = sentence[start:end]
    # A label before a colon heads every rate listed after it ("班组季度目标：人工接通率≥90%，满意率不低于95%").
    # So does an aim stated first ("中心年度目标为人工接通率不低于95%，20秒服务水平不低于85%").
    label = re.split(r"[：:]|(?<=目标|指标)[为是]", sentence[:m.start()])[:-1]
    # "一次解决率目标为85%": a rate the clause itself calls an aim is what the team strives for, not a level promised;
    # so is a rate set for a year ("2026年度满意度不低于96%") and a rate of what callers do after the service
    # ("重复来电率控制在8%以内"), however they are worded.
    return any("目标" in words or _YEARLY.search(words) for words in (name, *label)) \
        or bool(_INTERNAL_WORK.search(name) or _APPRAISAL.search(sentence[:m.start()]) or _OUTCOME.search(name))


_YEARLY = re.compile(r"年度|全年|\d{4}\s*年")
# Callers calling again, complaining, recommending or leaving: no centre can promise a caller that rate.
_OUTCOME = re.compile(r"重复来电|重复投诉|投诉率|推荐值|NPS|流失率", re.I)


# A rate a caller gets is the share of calls or messages answered (接通率, 接听率, 应答率, 回复率), or a share of
# cases handled within a window of its own ("48小时办结率"): a level with the time it is measured against.
# How many cases end in time, get done or please (及时率, 办结率, 成功率, 满意度, 一次解决率) is a level a centre may
# promise ("投诉办结率100%") or a target its team is appraised on: set under a heading naming targets ("（三）部门目标")
# or for a year ("年度业主满意度不低于90%，报修及时率不低于98%"), it is the team's KPI.
_RATE_NAME = re.compile(r"率|满意度|比例|占比")
_ANSWERED = re.compile(r"接通|接听|应答|回复|响应|呼损|放弃")
_WINDOW = re.compile(r"\d+(?:\.\d+)?\s*(?:秒|分钟|个?小时|个?工作日|个?自然日|个?交易日|天|日)\s*(?:之?内|以内)?[\u4e00-\u9fff]{0,6}率")
_TARGET_HEADING = re.compile(r"目标|指标")
_FOR_A_PERIOD = re.compile(r"年度|季度|全年")
# Under a heading naming a year's targets ("1.4 2026年度目标") every rate is the centre's aim, answered calls too.
_YEARS_TARGETS = re.compile(r"(?:年度|全年|\d{4}\s*年)[^>]{0,6}?(?:目标|指标)")


def kpi(sentence: str, m: re.Match, headings: str) -> bool:
    """Whether a percentage is a team's KPI: the rate it sets, named in its own clause or in the one before that elides
    it ("交易日人工接通率不低于92%，非交易日不低于95%"), is neither a share answered nor measured against a window,
    and a heading names targets or the sentence sets it for a year or quarter."""
    named = [part for part in re.split(r"[，,；;：:]", sentence[:m.start()]) if _RATE_NAME.search(part)]
    if named and _YEARS_TARGETS.search(headings.rpartition(SEP)[2]):
        return True
    if not named or _ANSWERED.search(named[-1]) or _WINDOW.search(named[-1]):
        return False
    return bool(_TARGET_HEADING.search(headings) or _FOR_A_PERIOD.search(sentence[:m.start()]))


def internal(words: str) -> bool:
    """Whether the words around a limit govern the team's own work (audits, appraisal, study, staffing)."""
    return bool(_INTERNAL_WORK.search(words)) and not _CUSTOMER_SIDE.search(words)


# Work another department owes the team itself ("承办处室应在2个工作日内将处理意见反馈热线组"): a hand-off inside the
# organisation, which no caller is promised (what the caller is told, and when, is a limit of its own).
_TO_THE_TEAM = re.compile(r"[^，。；;]{0,10}?(?:反馈|回复|答复|移交|退回|回传|报送|交还)(?:给|至)?"
                          r"(?:热线(?:班)?组|坐席|座席|一线|话务(?:员|组)|客服(?:中心|组)|本中心|呼叫中心)(?!咨询|留言|来电|用户|客户)")


def handed_to_team(sentence: str, m: re.Match) -> bool:
    """Whether a limit is on work handed back to the team ("…内将处理意见反馈热线组")."""
    return bool(_TO_THE_TEAM.match(sentence, m.end()))
