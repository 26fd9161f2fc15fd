"""Agent-turn intents and concrete time commitments."""
from __future__ import annotations

import pytest

from assist.intents import commitments, detect_intents, raised, requested_info, time_commitment


@pytest.mark.parametrize("text, expected", [
    ("您好，很高兴为您服务，请问您贵姓？", {"greeting", "ask_name"}),
    ("王先生，非常抱歉让您久等了，我非常理解您的心情。", {"address_by_surname", "apology", "empathy"}),
    ("您的订单号是20231105，对吗？", {"confirmation"}),
    ("请问您要咨询的是退款进度吗？", {"confirmation"}),
    ("请问还有其他问题吗？", {"closing"}),
    ("感谢您的来电，祝您生活愉快。", {"closing", "thanks"}),
    ("请您留下联系电话，我们会尽快回复您。", {"ask_info", "solution"}),
    ("请您稍等，我帮您转接。", {"hold", "transfer"}),
    ("退款会在3个工作日内退回您的原支付账户。", {"commitment"}),
    ("李女士，我马上为您登记补发。", {"address_by_surname", "solution"}),
    ("請您別著急，慢慢講。", {"empathy"}),
    ("謝謝您的耐心。", {"thanks"}),
])
def test_detects_the_intents_of_a_turn(text, expected):
    assert expected <= detect_intents(text)


@pytest.mark.parametrize("text, absent", [
    ("这位先生您好", "address_by_surname"),
    ("您等了三天了", "commitment"),
    ("你自己去查", "solution"),
    ("再见。", "closing"),  # a bare goodbye is not the prescribed closing
    ("您的订单号是20231105，对吗？", "ask_info"),  # reading a number back does not ask for it
    ("", "greeting"),
])
def test_does_not_over_detect(text, absent):
    assert absent not in detect_intents(text)


@pytest.mark.parametrize("text, value, unit", [
    ("退款会在3个工作日内到账", 3, "working_day"),
    ("我们48小时内给您回电", 48, "hour"),
    ("明天下午五点前给您答复", 1, "day"),
    ("半小时内给您回复", 0.5, "hour"),
    ("一个半小时内处理好", 1.5, "hour"),
    ("十五分钟内给您回电话", 15, "minute"),
    ("换货预计5个工作日完成", 5, "working_day"),
    ("今天就到账", 0, "day"),
    ("３個工作日內退回", 3, "working_day"),
])
def test_time_commitment(text, value, unit):
    commitment = time_commitment(text)
    assert commitment is not None and commitment.value == value and commitment.unit == unit


@pytest.mark.parametrize("text", ["您等了三天了", "我会尽快处理", "一般几天就到", "我马上为您查询", ""])
def test_no_time_commitment(text):
    assert time_commitment(text) is None


def test_commitment_hours_compare_units():
    assert time_commitment("3个工作日内").hours() > time_commitment("48小时内").hours()
    assert time_commitment("今天就到").hours() == 0


@pytest.mark.parametrize("text, facts", [
    ("请问您的订单号是多少？", {"order"}),
    ("麻烦您留一下联系电话", {"phone"}),
    ("请问您贵姓？", {"name"}),
    ("请问您是什么时候买的？", {"date"}),
    ("订单号我已经记下了。", set()),
])
def test_requested_info(text, facts):
    assert requested_info(text) == facts


@pytest.mark.parametrize("text, expected", [
    ("您的退款我们会在3个工作日内原路退回。", {"refund", "time_limit"}),
    ("我这就安排师傅上门维修。", {"repair"}),
    ("包裹明天下午五点前给您送达。", {"delivery", "time_limit"}),
    ("给您造成的损失，我们会按规定赔偿。", {"compensation"}),
    ("非常理解您的心情，请问您具体遇到了什么情况？", set()),
    ("请您稍等，我马上为您查询。", set()),
])
def test_commitments_name_what_a_reply_puts_on_the_table(text, expected):
    assert commitments(text) == expected


@pytest.mark.parametrize("lines, expected", [
    (["退款申请了五天了，什么时候能到账？"], {"refund", "time_limit"}),
    (["宽带断了，你们能不能派人来修一下"], {"repair"}),  # asking for it raises it (customer_lines.md)
    (["网断了", "报修单提交了，师傅几点能上门？"], {"repair", "time_limit"}),
    (["我在你们营业厅等了两个小时"], set()),
    (["新出的套餐啥时候上线啊"], set()),
])
def test_raised_only_counts_what_the_customer_brought_up(lines, expected):
    assert raised(lines) == expected
