"""Money in a regulation's points: fines, awards, cuts from the agent's pay and points-to-money rates
(knowledge.extract_points reads the points themselves). Caps and what sums are reckoned from are no money given.
"""
from __future__ import annotations

import re

from knowledge.numerals import CN_NUMERAL_CHARS, number

# "单张工单最多扣5分", "月度扣分累计达到15分的", "罚款上限为500元": a cap on points or money, or a threshold on a total.
CAP = re.compile(r"累计|合计|总计|最多|最高|至多|上限|封顶|不超过|不得超过|不多于|不高于")
# "奖金基数为2000元", "年度奖励基金总额5万元", a column of 扣分上限 or 奖金系数: caps and what sums are reckoned from.
NOT_GIVEN = re.compile(rf"{CAP.pattern}|基数|总额|基金|预算|系数")
# A sum of money in digits or Chinese numerals ("罚款人民币二百元"); a range ("罚款100-500元") is read as its lower end.
# ("处50元以上200元以下罚款", the wording of public rules, is a range too.)
_SUM = rf"(\d+(?:\.\d+)?|[{CN_NUMERAL_CHARS}]+)(?:\s*元?\s*(?:[-~～至到－—–]|以上)\s*\d+(?:\.\d+)?)?"
# "…的，扣款50元" fines the agent; "重复扣款50元" is a charge taken from a customer, so 扣款 must open its clause
# (or follow 考核 or a time overrun: "考核扣款50元", "每超时1天扣款10元"). So must 考核 or 扣 right before a sum
# ("…的，每次考核100元", "…的，扣50元", per fault "差评每条扣10元"; "重新扣100元", "每GB扣3元" charge a customer).
_TO_SUM = r"(?:[^\d，。；、]{0,6}?|[，,]\s*每[^\d，。；、]{0,3}?)"  # or per occurrence after a comma: "违约金，每次500元"
_FINE = re.compile(rf"(?:罚款|罚金|违约金|处罚|扣罚|扣发|负激励|罚|(?:(?<![\u4e00-\u9fff])|(?<=考核)|(?<=\d[天日]))扣款"
                   rf"|(?:(?<=[，,：:])|(?<=每[次单件例条项])|^)(?:考核|扣)(?=\s*\d)){_TO_SUM}{_SUM}\s*([万千])?元")
# Money stated per occurrence or per head ("50元/次的罚款", "30元/户奖励", "按每票2元处罚", "按每单5元的标准扣罚").
# ("按每单10元给予奖励", "按每户5元予以处罚": a verb of giving between.)
_GIVEN = r"(?:的标准|的)?(?:给予|予以|进行)?"
_FINE_AFTER = re.compile(rf"{_SUM}\s*([万千])?元(?:以下)?(?:\s*/\s*[\u4e00-\u9fff]{{1,2}})?{_GIVEN}(?:经济)?(?:负激励|罚款|罚金|违约金|处罚|扣罚)")  # "50元经济处罚"
# Money cut from the agent's pay ("扣当月绩效100元", "扣减绩效工资200元", "从当月工资中扣除50元"): a fine too;
# a sum taken from a customer ("多扣话费50元") is not, so the pay must be named.
_PAY = r"(?:绩效|工资|奖金|薪酬|津贴|补贴)"
_PAY_CUT = re.compile(rf"扣(?:除|减|发)?[^\d，。；、分]{{0,6}}?{_PAY}[^\d，。；、分]{{0,4}}?(\d+(?:\.\d+)?)\s*([万千])?元"
                      rf"|{_PAY}[^\d，。；、]{{0,6}}?扣(?:除|减|发)?\s*(\d+(?:\.\d+)?)\s*([万千])?元")
# A share of the agent's pay ("扣当月绩效5%", "扣减当月绩效工资的20%"): a penalty whose amount depends on the pay.
_PAY_SHARE = re.compile(rf"扣(?:除|减|发)?[^\d，。；、分]{{0,6}}?{_PAY}[^\d，。；、分]{{0,4}}?\d+(?:\.\d+)?\s*[%％]"
                        rf"|扣(?:除|减|发)?\s*\d+(?:\.\d+)?\s*[%％]\s*的?(?:当月)?{_PAY}")  # "扣10%绩效"
_AWARD = re.compile(rf"(?:奖励|奖金|嘉奖|奖)(?:[^\d，。；、分]{{0,6}}?|[，,]\s*每[^\d，。；、分]{{0,3}}?){_SUM}\s*([万千])?元")
# ("发放300元“服务之星”奖金": the award's name between.)
_AWARD_AFTER = re.compile(rf"{_SUM}\s*([万千])?元(?:\s*/\s*[\u4e00-\u9fff]{{1,2}})?{_GIVEN}(?:现金|物质)?(?:“[^”]{{1,8}}”)?"
                          r"(?:奖励|奖金)")
# "1分即为2元", "每分按10元折算", "按10元/分折算绩效".
_RATE = re.compile(r"(?:(\d+(?:\.\d+)?)\s*|每)分(?:即为|即|折合|等于|相当于|计|合|=|\s*按|(?=\s*\d))[^\d，。；]{0,6}?"
                   r"(\d+(?:\.\d+)?)\s*元|()(\d+(?:\.\d+)?)\s*元\s*/\s*分(?!钟)")


def in_yuan(text: str) -> str:
    """Sums after a currency sign ("罚款￥100") in yuan ("罚款100元"), the text keeping its length."""
    return re.sub(r"[¥￥](\s*)(\d+(?:\.\d+)?)(?![\d.]|\s*元)", r"\1\2元", text)


def money(sentence: str) -> float | None:
    """The fine (negative) or else the award a clause states, in yuan; None when it states neither."""
    fines = [-_yuan(m) for m in (*_FINE.finditer(sentence), *_FINE_AFTER.finditer(sentence), *_PAY_CUT.finditer(sentence))
             if _paid(m, sentence)]
    awards = [_yuan(m) for m in (*_AWARD.finditer(sentence), *_AWARD_AFTER.finditer(sentence)) if _paid(m, sentence)]
    return (fines or awards or [None])[0]


def sums(sentence: str) -> int:
    """How many fines and awards a sentence states, each sum once."""
    found = (*_FINE.finditer(sentence), *_FINE_AFTER.finditer(sentence), *_PAY_CUT.finditer(sentence),
             *_AWARD.finditer(sentence), *_AWARD_AFTER.finditer(sentence))
    return len({m.start(1 if m[1] else 3) for m in found if _paid(m, sentence)})


def pay_share(sentence: str) -> bool:
    """Whether a clause docks a share of the agent's pay."""
    return bool(_PAY_SHARE.search(sentence))


def rate(sentence: str) -> tuple[float, float] | None:
    """The points and the yuan they are worth, where a clause converts one into the other."""
    m = _RATE.search(sentence)
    return (float(m[1] or 1), float(m[2] or m[4])) if m else None


def _yuan(m: re.Match) -> float:
    """A match's sum in yuan, with 万 and 千 read as numbers ("1千元"; the sum and its 万 are the first pair of groups set)."""
    amount = m[1] or m[3]
    return number(amount) * {"万": 10000, "千": 1000}.get(m[2] if m[1] else m[4], 1)


def _paid(m: re.Match, sentence: str) -> bool:
    """Whether a sum is paid to or by an agent, not a cap or a fund (the words from just before the verb up to the
    sum), nor a charge on a customer or what a customer earns."""
    return not NOT_GIVEN.search(sentence[max(0, m.start() - 2):m.start(1 if m[1] else 3)]) \
        and not _CHARGED.search(sentence[max(0, m.start() - 3):m.start()]) \
        and not _TO_CUSTOMER.search(sentence[m.start():m.start(1 if m[1] else 3)]) and not _VOUCHER.match(sentence, m.end())


# "奖励客户20元话费", "奖励10元代金券": what a customer earns by a promotion, no award to an agent ("扣客户经理当月
# 绩效200元" names a member of staff).
_TO_CUSTOMER = re.compile(r"(?:客户|用户)(?!经理|代表|专员|服务|主管)|顾客|会员|旅客|乘客|业主|持卡人|消费者")
_VOUCHER = re.compile(r"\s*的?(?:话费|优惠券|代金券|抵用券|购物券|消费券|电子券|流量|里程|积分)")


# "逾期的，收取违约金50元", "加收滞纳金": a charge the centre takes from a customer, no fine on an agent.
_CHARGED = re.compile(r"(?:收取|加收|计收|征收|收)$")
