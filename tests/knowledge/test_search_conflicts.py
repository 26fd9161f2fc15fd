"""Hits from different regulations that state different numbers for the same thing are marked."""
from __future__ import annotations

import pytest

from core.types import Hit
from knowledge.conflicts import disagreements, mark_conflicts, quantities


@pytest.mark.parametrize(("first", "second", "mine", "theirs"), [
    ("客户申请退款的，应在3个工作日内办结。", "退款申请受理后，7个工作日内退回原支付账户。", "3个工作日", "7个工作日"),
    ("燃气泄漏报修后，抢修人员应在30分钟内到达现场。", "接到燃气泄漏报修，抢修人员须在1小时内赶到现场。", "30分钟", "1小时"),
    ("来电应在振铃三声内接听。", "来电振铃不超过5声必须接听。", "三声", "5声"),
    ("每月质检得分低于70分的，罚款500元。", "月度质检得分低于70分，罚款800元。", "500元", "800元"),
    ("停水超过12小时的，应提前24小时公告。", "计划停水须提前48小时公告用户。", "24小时", "48小时"),
    ("工单回访满意率不低于90%。", "工单回访满意率应达到95%以上。", "90%", "95%"),
])
def test_different_numbers_for_the_same_thing_disagree(first, second, mine, theirs):
    pairs = [(a.text, b.text) for a, b in disagreements(first, second)]
    assert (mine, theirs) in pairs


@pytest.mark.parametrize(("first", "second"), [
    ("投诉应在48小时内回复客户。", "邮件咨询24小时内回复。"),  # two different things
    ("投诉处理时限为2个工作日。", "投诉须在2天内处理完毕。"),  # the same limit, worded differently
    ("投诉须在1天内处理完毕。", "投诉须在24小时内处理完毕。"),  # the same limit in other units
    ("补办的信用卡在7至10个工作日内寄出。", "补办的信用卡在5-7个工作日内寄出。"),  # ranges that can both hold
    ("十分抱歉，让您久等了。", "一次性告知客户所需材料。"),  # 十分 and 一次 are words, not numbers
    ("本规范自2023年6月20日起施行。", "本规范自2024年1月1日起施行。"),  # dates are no limits
])
def test_agreeing_or_unrelated_numbers_do_not(first, second):
    assert disagreements(first, second) == []


@pytest.mark.parametrize(("text", "kind", "low", "high"), [
    ("抢修人员应在2小时内到达", "duration", 120, 120),
    ("新卡3-5个工作日寄出", "duration", 3 * 1440, 5 * 1440),
    ("违规一次扣2分", "points", 2, 2),
    ("罚款1.5万元", "money", 15000, 15000),
    ("接通率不低于85%", "share", 85, 85),
])
def test_quantities_carry_kind_and_value(text, kind, low, high):
    found = [q for q in quantities(text) if q.kind == kind]
    assert found and (found[0].low, found[0].high) == (low, high)


def hit(text: str, source: str, article: str) -> Hit:
    return Hit(text=text, source=source, article=article, score=0.1)


def test_only_hits_from_other_files_are_marked_and_name_each_other():
    hits = [
        hit("第八条 退款申请受理后，3个工作日内退回原账户。", "a.docx", "甲公司规范 > 第八条"),
        hit("5.2 退款申请受理后，7个工作日内退回原账户。", "b.md", "乙手册 > 5.2"),
        hit("第九条 退款申请受理后，10个工作日内退回原账户。", "a.docx", "甲公司规范 > 第九条"),
        hit("第十条 来电应在三声内接听。", "a.docx", "甲公司规范 > 第十条"),
    ]
    marks = mark_conflicts(hits)
    assert [c.source for c in marks[0]] == ["b.md"] and marks[0][0].mine == "3个工作日"
    assert marks[0][0].theirs == "7个工作日" and marks[0][0].article == "乙手册 > 5.2"
    assert sorted(c.source for c in marks[1]) == ["a.docx", "a.docx"]  # disagrees with both of a's articles
    assert [c.source for c in marks[2]] == ["b.md"]  # a's own two articles are not compared with each other
    assert marks[3] == []
