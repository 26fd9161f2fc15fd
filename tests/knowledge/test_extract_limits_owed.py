"""Which figures beside a caller's service are limits owed to the caller, written in other trades' words than the dev
documents': a lead time with the notice it gives is one, a day's notice too; a tariff's free period, how early a
caller is asked to come, the day before a visit, the wait "usually" left and a year's targets are not. (After-call
paperwork was probed too: labellers differ, and reading it as no limit lost an SLA a held-out folder labels.)"""
from __future__ import annotations

import pytest

from drafting import drafted


@pytest.mark.parametrize(("text", "slas"), [
    # A lead time, read with the notice the next clause gives.
    ("第八条　检定到期前7日，公司应向用户寄送换表通知。", {(7.0, "day")}),
    ("第八条　年检到期日前5天，系统须短信提醒车主预约。", {(5.0, "day")}),
    # A tariff's free period and its charge.
    ("第九条　充电完成后30分钟内驶离免费，超过30分钟按每小时5元收取占位费；退款在3个工作日内原路退回。",
     {(3.0, "working_day")}),
    # How early the caller is asked to come.
    ("第六条　预约成功后应在10分钟内发送确认短信，并提醒客户提前20分钟到店。", {(10.0, "minute")}),
    ("第六条　坐席应在1个工作日内回电，告知业主提前30分钟到物业中心办理。", {(1.0, "working_day")}),
    # The day before a visit is a date.
    ("第七条　上门前一天，师傅应电话确认地址；报修后24小时内上门。", {(24.0, "hour")}),
    # A day's notice is a lead time, not a date.
    ("第七条　计划停气须提前一天通知用户。", {(1.0, "day")}),
    # The wait usually left, told as information.
    ("问：退款多久到账？\n答：我们3个工作日内发起，到账时间看银行，通常再等2到5个工作日。", {(3.0, "working_day")}),
])
def test_limits_owed_to_the_caller(tmp_path, text, slas):
    assert {(s.value, s.unit) for s in drafted(tmp_path, text, "规范.txt").slas} == slas


def test_rates_under_a_years_targets_are_the_centres_aim(tmp_path):
    text = ("一、2027年度服务目标\n客户满意度不低于96%，人工接通率不低于92%。\n"
            "二、服务标准\n人工接通率不低于90%，来电应在20秒内接起。\n")
    assert {(s.value, s.unit) for s in drafted(tmp_path, text, "规范.txt").slas} == {(90.0, "percent"), (20.0, "second")}
