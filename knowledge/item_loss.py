"""Points lost without their number: an item scored as nothing, a veto on a fault, a deduction doubled
(knowledge.extract_points reads the points a clause states)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.clauses import strip_marker
from knowledge.point_money import CAP

# An item scored as nothing ("该项不得分", "扣除该项全部分值", "按0分处理"): it costs what the item weighs.
# ("座席不得分拆工单" forbids splitting; "不得分" scores nothing only where the clause ends.)
_ZEROED = re.compile(r"不得分(?![\u4e00-\u9fff])|扣(?:除|减)?(?:该|本|此)项(?:全部)?分(?:值|数)|(?:按|记为|计为|记|计|得)\s*[0零]\s*分(?!以|之|为止)")
_WHOLE_SCORE = re.compile(r"成绩|录音|整通|当月|本月|月度|全部得分|总分")

# "私自收取客户费用的，一票否决": the fault fails the appraisal whatever else was scored.
_VETO = re.compile(r"一票否决")


def _vetoed(sentence: str) -> bool:
    """Whether a clause names a fault and vetoes on it ("…的，实行一票否决", a row "…| 一票否决"): a deduction
    of no stated points. Not a heading or intro naming the vetoes ("一票否决项", "下列情形一票否决："), nor a
    threshold ("扣分累计超过40分的，按一票否决处理"), nor a veto that zeroes the whole score ("一票否决：当月
    质检成绩按0分处理"), which is no deduction on an item (see `_ZEROED`)."""
    veto = _VETO.search(sentence)
    if not veto:
        return False
    fault = strip_marker(sentence[:veto.start()]).strip("，,；;：:| ")
    return len(fault) >= 4 and not re.search(r"以下|下列|如下", fault) and not CAP.search(fault) \
        and not sentence.rstrip().endswith(("：", ":")) and not re.search(r"[0零]\s*分", sentence)


# "扣减该项全部分值（10分）": the weight of the item lost, stated after it.
_WEIGHT_AFTER = re.compile(r"\s*[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
# "按本条标准加倍扣分", "扣分翻倍": a deduction doubled, its points not stated.
_DOUBLED = re.compile(r"(?:加倍|双倍|翻倍|[两二2]倍)(?:扣分|扣除|扣减|扣罚)|扣分(?:加倍|翻倍)")


@dataclass(frozen=True)
class Loss:
    """Points a clause takes without a verb and a number of its own; `points` is None when it does not say how many
    (a veto, a doubled deduction, an item zeroed whose weight is not stated)."""
    points: float | None


def item_lost(sentence: str, weight: float | None) -> Loss | None:
    """What a clause takes by zeroing an item, vetoing on a fault or doubling the deduction; None when it does none
    of these."""
    if (zeroed := _ZEROED.search(sentence)) and not CAP.search(sentence[:zeroed.start()]) \
            and (not _WHOLE_SCORE.search(re.split(r"[，,；;：:]", sentence[:zeroed.end()])[-1])
                 or re.search(r"项[”\"’']?\s*$", sentence[:zeroed.start()])):
        # A whole call's or month's score zeroed ("当月质检成绩计为0分") is a veto, not the loss of an item; an item
        # zeroed for the month ("当月“准时率”项不得分") is that item's loss.
        stated = _WEIGHT_AFTER.match(sentence, zeroed.end())
        return Loss(-float(stated[1]) if stated else -weight if weight else None)
    doubled = _DOUBLED.search(sentence)
    if _vetoed(sentence) or doubled and not CAP.search(sentence[:doubled.start()]) \
            and not sentence.rstrip().endswith(("：", ":")):
        return Loss(None)
    return None
