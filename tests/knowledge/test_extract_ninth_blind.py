"""Extraction on constructions of the ninth blind dev set: a tick line under a forbidden line giving its rewrite,
and lines under "应使用下列规范用语：" whose numbers are lost (Word's automatic numbering) and that name no scene."""
from __future__ import annotations

import pytest
from drafting import drafted as drafted_as



def drafted(tmp_path, text: str, name: str = "细则.txt"):
    return drafted_as(tmp_path, text, name)


@pytest.mark.parametrize("tick", ["√", "✓", "应说："])
def test_a_tick_line_under_a_forbidden_line_is_its_rewrite(tmp_path, tick):
    text = ("第三部分　服务用语\n3.1　坐席应使用普通话，语速适中。\n"
            "3.2　服务禁语（“×”为禁止的说法，下一行为应使用的说法）\n坐席不得敷衍旅客，不得使用以下说法：\n"
            "× “票卖完了就是卖完了，我也没招。”\n"
            f"{tick} “您要的车次暂时无票，我帮您看看相邻的班次。”\n"
            "× “退款慢你找银行去。”\n"
            f"{tick} “请您稍等，我帮您查一下这笔退款到了哪一步。”\n")
    book = drafted(tmp_path, text)
    assert not book.scenario_phrases
    assert {(e.text.rstrip("。"), e.suggestion.rstrip("。")) for e in book.forbidden_phrases} == {
        ("票卖完了就是卖完了，我也没招", "您要的车次暂时无票，我帮您看看相邻的班次"),
        ("退款慢你找银行去", "请您稍等，我帮您查一下这笔退款到了哪一步")}


def test_a_tick_line_without_a_forbidden_line_before_it_stays_a_line_to_say(tmp_path):
    text = ("第三部分　服务用语\n3.1　规范用语\n坐席在核对身份时应使用下列说法：\n"
            "√ “为了保障您的账户安全，请您告诉我预留手机号的后四位。”\n")
    book = drafted(tmp_path, text)
    assert not book.forbidden_phrases
    assert [e.text for e in book.scenario_phrases] == ["为了保障您的账户安全，请您告诉我预留手机号的后四位。"]


def test_lines_under_a_prescribing_intro_are_drafted_without_a_named_scene(tmp_path):
    text = ("第九条　坐席在通话中应使用下列规范用语：\n"
            "您的积分将在下个账单日到账，我给您说一下兑换方式。\n"
            "请问您还有别的问题需要咨询吗？感谢您的耐心，祝您周末愉快。\n"
            "第十条　坐席应按时参加培训。\n")
    found = {e.text for e in drafted(tmp_path, text).scenario_phrases}
    assert found == {"您的积分将在下个账单日到账，我给您说一下兑换方式。",
                     "请问您还有别的问题需要咨询吗？感谢您的耐心，祝您周末愉快。"}


def test_plain_lines_under_an_intro_that_prescribes_no_lines_are_not_drafted(tmp_path):
    text = ("第九条　坐席接到投诉后应按以下要求处理：\n"
            "您反映的问题会在三个工作日内回复。\n")
    assert not drafted(tmp_path, text).scenario_phrases


@pytest.mark.parametrize("cap", ["本月扣分以12分为限", "当季扣分以20分封顶"])
def test_points_closed_by_a_cap_word_are_a_cap_not_a_deduction(tmp_path, cap):
    text = f"第二十条　通话中与客户争吵的，每次扣四分，{cap}。\n"
    found = [(e.points, e.kind) for e in drafted(tmp_path, text).points]
    assert found == [(-4, "deduction")]
