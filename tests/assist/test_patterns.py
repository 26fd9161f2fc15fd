"""Templated rude constructions no phrase list holds: futility, rationed time, hindsight blame, belittling, blame pushed back."""
import pytest

from assist.check import Checker
from assist.patterns import PATTERNS
from core.settings import Settings
from knowledge.normalize import match_key
from knowledge.rulebook import load_rulebook


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    return Checker(load_rulebook(), Settings(data_dir=tmp_path_factory.mktemp("data")))


@pytest.mark.parametrize("line, name", [
    # Telling the customer that pressing or complaining changes nothing (utilities, telecom, insurance, ASR).
    ("电费账单已经出了，您打电话也没用，系统是自动算的。", "futile_to_press"),
    ("工单排着队呢，您催我也快不了。", "futile_to_press"),
    ("理赔要走流程，您投诉也白搭。", "futile_to_press"),
    ("嗯您再急也没用 快递就是这个速度", "futile_to_press"),
    # Rationing the customer's time on the line (e-commerce, government).
    ("我只给您一分钟，说重点。", "rationed_time"),
    ("最多给你三十秒，想好再说。", "rationed_time"),
    # Hindsight blame with the customer in the if-clause, and "you should have yourself" (insurance, telecom, logistics).
    ("您当时要是把发票留着，也不至于现在报销不了。", "hindsight_blame"),
    ("如果您早点续费就不至于停机了", "hindsight_blame"),
    ("快递单号本来就应该您自己保存好。", "hindsight_blame"),
    # The customer's problem declared none of ours (property, telecom ASR).
    ("停车费交没交那是您的事，物业只管收。", "your_own_business"),
    ("充不充值是你自己的事情", "your_own_business"),
    # The fault pushed back by ruling everyone else out (utilities, travel).
    ("燃气卡没插好导致断气，可别赖我们。", "dont_blame_us"),
    ("航班是您自己改的签，这个怨不得别人。", "dont_blame_us"),
    ("水压低是小区管网的事，您别啥都往我们自来水公司身上推。", "dont_blame_us"),
    # Carelessness asserted as fact (telecom, insurance ASR).
    ("套餐变更短信早发了您没注意看而已", "you_did_not_look"),
    ("条款签约时都念过，您当时没认真听。", "you_did_not_look"),
    ("出门前检查下燃气阀，以后注意点。", "scolding"),
    ("下回填地址注意点，别再写错了。", "scolding"),
    # Belittling what the customer can bear (travel, utilities, e-commerce).
    ("这么点延误都等不了，那您坐高铁去吧。", "belittle_tolerance"),
    ("您这才停了半小时水就投诉了？", "belittle_tolerance"),
    ("一个快递晚到半天，气成这样不至于。", "belittle_tolerance"),
    # Putting the customer off to an unnamed later (property).
    ("报修的事改天再说吧，今天师傅都满了。", "put_off"),
    # The next step handed to the customer alone (insurance, property).
    ("保单的事您只能自己去联系代理人。", "on_your_own"),
    ("楼上漏水您得自己找物业处理。", "on_your_own"),
    # Scolding and "common sense" lectures (utilities, telecom).
    ("以后交费前长点心，别再交错户号了。", "scolding"),
    ("今天我给您普及一下常识，流量和话费是两回事。", "scolding"),
    # "We are not your …" said of the agent's own side (property, e-commerce).
    ("我们物业公司又不是保姆，什么都管。", "rhetorical_put_down"),
    ("平台又不是您一个人的。", "rhetorical_put_down"),
    ("慌什么，航班还没起飞呢。", "dont_rush_me"),
    ("这年头哪家快递不丢件，您再等等吧。", "rhetorical_put_down"),
    ("哪个医院挂号不是这样，您早点来排。", "rhetorical_put_down"),
])
def test_construction_is_found_and_flagged(checker, line, name):
    pattern = next(p for p in PATTERNS if p.name == name)
    assert pattern.regex.search(match_key(line)), line
    assert any(v.category == pattern.category for v in checker.check(line).violations), line


@pytest.mark.parametrize("line", [
    "您不用再打电话催，师傅下午两点前一定到。",
    "投诉的渠道我发到您手机上了，您也可以在App里提交。",
    "这个申请最快两分钟就能办好。",
    "给您两分钟时间找一下保单号，我在线等您。",
    "您先别急，我帮您加急处理。",
    "您真会挑，这款是今年卖得最好的。",
    # Praise said in earnest: "可真" marks sarcasm as often as warmth, so no pattern holds mock praise.
    "您可真会挑，这款是我们店卖得最好的。",
    "您可真厉害，一下子就找到优惠券了。",
    "您可真能干，材料一次就备齐了。",
    "您可是我们的老客户了，这次给您免运费。",
    "查到了，驿站里还真有您的一个包裹。",
    # The same words with the agent, not the customer, as the one at fault or in a hurry (telecom, bank, travel).
    "让您急成这样，真是我们的不对，我马上帮您查。",
    "要是当时我们提醒到位，也不至于让您多跑一趟，实在抱歉。",
    "您才下单十分钟就发货了，明天就能到。",
    "合同需要您自己签字确认，这一步别人不能代签。",
    "这点小问题我们十分钟就能修好，您放心。",
    "以后您再办业务，我们会提前一天短信提醒您。",
    "您看哪个时间家里有人，我们安排师傅上门。",
    "如果您没仔细看条款也没关系，我再给您讲一遍重点。",
    "您可能没注意到，订单页右上角有个修改按钮。",
])
def test_the_same_words_said_courteously_pass(checker, line):
    assert checker.check(line).violations == [], line


@pytest.mark.parametrize("line", [
    "过了申报期，那就没办法了。",
    "那就没办法了，您下个月再来吧。",
])
def test_a_flat_no_way_is_shifting_responsibility(checker, line):
    assert any(v.category == "shift_responsibility" for v in checker.check(line).violations), line
