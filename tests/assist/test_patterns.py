"""Templated rude constructions no phrase list holds: pressing is futile, the customer's time rationed."""
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
])
def test_the_same_words_said_courteously_pass(checker, line):
    assert checker.check(line).violations == [], line
