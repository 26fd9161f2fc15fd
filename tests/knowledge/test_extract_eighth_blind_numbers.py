"""Extraction on constructions of the eighth blind dev set: a limit in working hours, a lead time before a visit,
points counted (计N分) or signed after a colon under a deduction list, an average kept "about" a figure, the window
of a monthly target rate, a typical duration told as information, round the clock under a roster, and a wiki
page's comment thread."""
from __future__ import annotations

import pytest
from drafting import drafted



def limits(tmp_path, text: str, name: str = "规范.txt") -> list[tuple]:
    return sorted((s.value, s.unit) for s in drafted(tmp_path, text, name).slas)


@pytest.mark.parametrize("cell", ["6个工作小时内", "6 个工作小时内", "6工作小时内"])
def test_a_limit_in_working_hours_is_read_in_hours(tmp_path, cell):
    text = ("## 3 时限\n\n各渠道须满足以下时限：\n\n| 渠道 | 首次答复 | 办结 |\n|---|---|---|\n"
            f"| 留言 | {cell} | 3个工作日内 |\n")
    assert limits(tmp_path, text, "规范.md") == [(3.0, "working_day"), (6.0, "hour")]


@pytest.mark.parametrize("line, found", [
    ("第七条 维修师傅应在到达前20分钟短信告知客户。", [(20.0, "minute")]),
    ("第七条 送气员须在入户前15分钟与用户电话确认。", [(15.0, "minute")]),
    ("第七条 值班员须于交班前10分钟完成交接记录。", []),
])
def test_a_lead_time_before_a_visit_is_a_limit(tmp_path, line, found):
    assert limits(tmp_path, f"第二章 时限\n{line}\n") == found


@pytest.mark.parametrize("item, points", [
    ("- 未按规定核对收件地址的，计3分。", -3.0),
    ("- 未按规定核对收件地址的，记 2 分；", -2.0),
    ("- 工单超过时限未关闭的：−4", -4.0),
    ("- 工单超过时限未关闭的：-1", -1.0),
])
def test_points_counted_or_signed_under_a_deduction_list(tmp_path, item, points):
    text = f"## 第九条 考核标准如下\n\n扣分：\n\n{item}\n"
    assert [(p.points, p.kind) for p in drafted(tmp_path, text).points] == [(points, "deduction")]


def test_a_plus_after_a_colon_is_a_bonus(tmp_path):
    text = "## 第九条 考核标准如下\n\n其他：\n\n- 收到客户书面表扬的：+2\n"
    assert [(p.points, p.kind) for p in drafted(tmp_path, text).points] == [(2.0, "bonus")]


@pytest.mark.parametrize("line", [
    "单次咨询平均通话时长控制在4分钟左右。",
    "中心月度30秒接通率目标为92%。",
    "跨省邮寄时长由承运方决定，一般为2–5个自然日。",
    "证件补办通常需要3个工作日。",
])
def test_norms_targets_and_typical_durations_are_no_slas(tmp_path, line):
    assert limits(tmp_path, f"第二章 服务时限\n第四条 来电应在15秒内接听。{line}\n") == [(15.0, "second")]


def test_a_typical_window_stays_a_limit(tmp_path):
    text = "第二章 服务时限\n第四条 退款一般在3至7个工作日内退回原支付账户。\n"
    assert limits(tmp_path, text) == [((3.0, 7.0), "working_day")]


def test_round_the_clock_under_a_roster_is_no_sla(tmp_path):
    text = ("## 5 排班与培训\n\n### 5.1 排班\n\n客服热线提供7×24小时服务。早班7:00—15:00，晚班15:00—23:00。\n\n"
            "## 6 服务时限\n\n救援热线提供7×24小时服务，救援车辆60分钟内到达。\n")
    assert limits(tmp_path, text, "规范.md") == [(60.0, "minute")]


@pytest.mark.parametrize("title", ["2 条评论", "评论区", "留言（2）"])
def test_a_wiki_pages_comment_thread_is_not_the_rules(tmp_path, title):
    text = ("<html><body><h1>售后服务时限</h1><h2>1 回访</h2><p>维修完成后应在2个工作日内回访客户。</p>"
            f"<div class=\"comments\"><h2>{title}</h2><div class=\"comment\"><p>王敏 · 2026-10-02</p>"
            "<p>另外提醒：退货件12小时内要回电，补件的3个工作日内要通知客户。</p></div></div></body></html>")
    assert limits(tmp_path, text, "规范.html") == [(2.0, "working_day")]


def test_a_channel_named_message_is_no_comment_thread(tmp_path):
    text = "## 留言\n\n语音留言应在4小时内回电。\n\n## 邮件\n\n邮件应在1个工作日内答复。\n"
    assert limits(tmp_path, text, "规范.md") == [(1.0, "working_day"), (4.0, "hour")]
