"""One list of the people a centre serves (knowledge.parties), so that every reader counts a centre's own word
for its callers: a limit in a quality-check sentence is promised when it names them, whatever they are called."""
from __future__ import annotations

import pytest

from drafting import drafted
from knowledge.quotes import REPORTED


@pytest.mark.parametrize("who", ["患者", "家长", "宾客", "住户", "车主", "持卡人", "会员"])
def test_a_limit_owed_to_the_centres_callers_is_drafted(tmp_path, who):
    book = drafted(tmp_path, f"第五条 质检抽查发现答复有误的，应在2小时内重新联系{who}更正。\n")
    assert [(s.value, s.unit) for s in book.slas] == [(2.0, "hour")]


@pytest.mark.parametrize("who", ["班组长", "质检员", "培训师"])
def test_a_limit_owed_to_staff_in_a_quality_check_is_not(tmp_path, who):
    assert drafted(tmp_path, f"第五条 质检抽查发现答复有误的，应在2小时内重新联系{who}更正。\n").slas == []


@pytest.mark.parametrize("question, reported", [
    ("患者说挂不上号怎么办", True),
    ("家长一直说分数线不对", True),
    ("能跟住户说停水是正常的吗", False),
])
def test_the_callers_words_are_reported_speech(question, reported):
    assert bool(REPORTED.search(question)) is reported
