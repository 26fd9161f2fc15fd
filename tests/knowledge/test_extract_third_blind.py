"""Extraction on constructions of the fifth blind dev set: a list intro whose earlier sentence bans some conduct,
bold phrases with a reason after a dash, an <ol> of phrases under a 禁语 heading, the window of a yearly target
rate, a shift swap's notice, a minimum wait, an FAQ retelling a limit in a rounder unit."""
from __future__ import annotations

import pytest
from drafting import drafted



@pytest.mark.parametrize("ban", ["不得抢话。", "严禁与客户争辩，不得打断对方。"])
def test_a_ban_in_an_earlier_sentence_of_the_intro_leaves_the_lines_prescribed(tmp_path, ban):
    text = (f"第五条 规范用语\n接听时语速适中，{ban}坐席应按下列场景使用规范用语：\n"
            "（一）问候：“您好，安途租车，很高兴为您服务。”\n"
            "（二）道别：“感谢您的来电，祝您出行顺利，再见。”\n")
    book = drafted(tmp_path, text, "规范.txt")
    assert not book.forbidden_phrases
    assert {(e.text, e.scenario) for e in book.scenario_phrases} == {
        ("您好，安途租车，很高兴为您服务。", "greeting"), ("感谢您的来电，祝您出行顺利，再见。", "closing")}


@pytest.mark.parametrize("dash", ["——", "--", "—"])
def test_bold_phrases_with_a_reason_after_a_dash_are_forbidden(tmp_path, dash):
    text = ("## 3 服务用语\n\n### 3.2 服务忌语\n\n#### 3.2.1 敷衍类\n\n"
            f"- **水表的事别问我。** {dash} 推脱责任，应告知办理渠道。\n"
            f"- **停水又不是我们停的，你等着吧。** {dash} 态度冷漠。\n")
    found = {e.text.rstrip("。") for e in drafted(tmp_path, text).forbidden_phrases}
    assert found == {"水表的事别问我", "停水又不是我们停的，你等着吧"}


def test_an_ordered_list_right_under_a_forbidden_heading_lists_phrases(tmp_path):
    text = ("<html><body><h2>第二章 司机规范</h2><h3>2.3 司机服务禁语</h3>"
            "<ol><li>行李太多了，你自己搬。</li><li>绕路是导航的事，别找我。</li></ol>"
            "<p>司机每季度参加一次安全培训。</p></body></html>")
    found = {e.text.rstrip("。") for e in drafted(tmp_path, text, "规范.html").forbidden_phrases}
    assert found == {"行李太多了，你自己搬", "绕路是导航的事，别找我"}


@pytest.mark.parametrize("line", [
    "中心年度目标：20秒接通率不低于88%，满意率不低于96%。",
    "部门年度指标为30秒接通率92%、一次解决率85%。",
])
def test_the_window_of_a_yearly_target_rate_is_no_sla(tmp_path, line):
    text = f"第三条 接听\n来电应在振铃3声内接听。{line}\n"
    assert [(s.value, s.unit) for s in drafted(tmp_path, text, "规范.txt").slas] == [(3.0, "ring")]


def test_a_shift_swap_notice_is_no_sla(tmp_path):
    text = "第六条 排班\n话务员不得擅自换班；确需换班的，须提前2天报班长同意。\n来电应在15秒内接听。\n"
    assert [(s.value, s.unit) for s in drafted(tmp_path, text, "规范.txt").slas] == [(15.0, "second")]


def test_a_minimum_wait_is_an_sla(tmp_path):
    text = "2.2 上门服务\n用户不在家的，维修员应在门口至少等候15分钟，并电话联系用户。\n"
    assert [(s.value, s.unit) for s in drafted(tmp_path, text, "规范.txt").slas] == [(15.0, "minute")]


def test_an_faq_retelling_a_limit_in_days_is_no_second_sla(tmp_path):
    text = ("<html><body><h2>第三章 售后</h2><h3>3.1 退款</h3>"
            "<p>订单取消后，费用应在72小时内原路退回。</p>"
            "<div class=\"faq\"><h2>常见问题</h2><p><b>问：钱什么时候退？</b><br>答：一般三天之内原路退回。</p></div>"
            "</body></html>")
    assert [(s.value, s.unit) for s in drafted(tmp_path, text, "规范.html").slas] == [(72.0, "hour")]
