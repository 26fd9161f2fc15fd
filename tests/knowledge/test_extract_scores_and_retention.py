"""Extraction on constructions of the tenth blind dev set: a signed score in quotes or brackets after 计 / 记, a
Chinese numeral alone under a points column, how long records are kept, and a tip to the public retelling limits."""
from __future__ import annotations

import pytest
from drafting import drafted as drafted_as


def drafted(tmp_path, text: str, name: str = "手册.txt"):
    return drafted_as(tmp_path, text, name)


@pytest.mark.parametrize(("score", "points"), [
    ("计“−3”", -3), ("记（-2）", -2), ("计\"－5\"", -5), ("计「—1.5」", -1.5), ("记【-2分】", -2), ("记“-2分/次”", -2),
    ("记“+3”", 3), ("计（＋1）", 1),
])
def test_a_signed_score_in_quotes_after_ji_is_points(tmp_path, score, points):
    text = f"【四、奖惩】\n▶ 擅自承诺赔付金额，{score}\n"
    found = [(e.points, e.kind) for e in drafted(tmp_path, text).points]
    assert found == [(points, "deduction" if points < 0 else "bonus")]


@pytest.mark.parametrize("score", ["计“4”", "（-2）号窗口"])
def test_an_unsigned_quote_or_a_bracket_without_ji_is_no_points(tmp_path, score):
    text = f"【四、奖惩】\n▶ 营业厅搬迁后改由{score}受理\n"
    assert not drafted(tmp_path, text).points


def test_a_chinese_numeral_alone_under_a_points_column_is_the_points(tmp_path):
    text = ("第九条　违规扣分\n坐席有下列情形的，按下表扣分：\n"
            "| 序号 | 违规情形 | 扣分（分/次） |\n|---|---|---|\n"
            "| 1 | 未按规定核实来电人身份 | 2 |\n| 2 | 向客户透露内部排班 | 四 |\n| 3 | 通话中吃东西 | 半 |\n")
    found = {(e.text.rstrip("。").split("，")[1], e.points) for e in drafted(tmp_path, text, "办法.md").points}
    assert found == {("未按规定核实来电人身份", -2), ("向客户透露内部排班", -4), ("通话中吃东西", -0.5)}


def test_a_chinese_numeral_under_another_column_stays_words(tmp_path):
    text = ("第九条　回访安排\n| 序号 | 回访对象 | 回访次数 |\n|---|---|---|\n| 1 | 投诉客户 | 三 |\n")
    assert not drafted(tmp_path, text, "办法.md").points


@pytest.mark.parametrize("heading", ["第二章　信息安全", "第二章　考核", "第二章　服务时限", "第二章　办理时效"])
def test_how_long_records_are_kept_is_no_limit_even_among_the_time_limits(tmp_path, heading):
    """Keeping recordings is the centre's own archive, nothing a caller is promised, wherever it is listed."""
    text = (f"坐席服务办法\n{heading}\n第五条　坐席不得向他人透露客户资料；服务录音保存不少于三年，调听须经主管批准。\n"
            "第六条　客户来电应在20秒内接听。\n")
    assert [e.value for e in drafted(tmp_path, text, "办法.md").slas] == [20]


@pytest.mark.parametrize("tip", ["温馨提示：", "提示："])
def test_a_tip_retelling_an_articles_limit_is_not_drafted_again(tmp_path, tip):
    text = ("第三条　投诉受理后4小时内首次联系客户。\n"
            f"第九条　本办法由客户服务部负责解释。{tip}对服务不满意的，我们将在4小时内与您联系。\n")
    found = [e.text for e in drafted(tmp_path, text, "办法.md").slas]
    assert found == ["投诉受理后4小时内首次联系客户。"]


def test_a_tip_stating_a_limit_of_its_own_is_kept(tmp_path):
    text = ("第三条　投诉受理后4小时内首次联系客户。\n"
            "第九条　本办法由客户服务部负责解释。温馨提示：退款将在3个工作日内原路退回。\n")
    found = sorted(e.value for e in drafted(tmp_path, text, "办法.md").slas)
    assert found == [3, 4]


@pytest.mark.parametrize("text", [
    "燃气客服手册\n第一章　总则\n第二条　本手册适用于客服中心全体坐席。抢修热线实行7×24小时值守。\n",
    "燃气客服手册\n一、总则\n（二）网上营业厅全天24小时受理业务。\n",
    "【二、服务时间与班次】\n1）人工热线每日8:00—20:00，在线客服7×24小时服务。\n2）晚班20:00交接。\n",
    "燃气客服手册\n第二章　服务时限\n第五条　抢修热线7×24小时人工受理，来电15秒内接听。\n",
    "燃气客服手册\n二、服务承诺\n（一）热线全天24小时有人接听。\n",
])
def test_round_the_clock_is_when_the_centre_is_open_never_a_limit(tmp_path, text):
    """Round the clock says when the centre is open, as opening hours do, under any heading: nobody waits 24 hours."""
    assert [e.value for e in drafted(tmp_path, text).slas if e.unit == "hour"] == []


@pytest.mark.parametrize("aims", ["本中心年度目标为人工接通率不低于92%，15秒服务水平不低于80%。",
                                  "季度考核指标是15秒服务水平不低于80%，满意率不低于95%。"])
def test_a_service_level_set_as_an_aim_is_no_limit(tmp_path, aims):
    text = f"热线管理办法\n第三条　{aims}\n第四条　来电应在15秒内接听。\n"
    assert [e.text for e in drafted(tmp_path, text, "办法.md").slas] == ["来电应在15秒内接听。"]


@pytest.mark.parametrize(("sentence", "kept"), [
    ("因讲师请假等原因停课的，应至少提前3小时电话通知已报名学员家长。", True),
    ("坐席请假须提前3天提交申请。", False),
    ("交接班时，应在10分钟内完成未结工单交接。", False),
])
def test_telling_callers_of_a_staff_event_is_a_limit(tmp_path, sentence, kept):
    assert bool(drafted(tmp_path, f"服务手册\n二、服务时限\n2.1 {sentence}\n", "手册.md").slas) is kept


@pytest.mark.parametrize(("rule", "value"), [
    ("催收员不得在同一日内向同一客户重复致电，来电应在20秒内接听。", 20),
    ("同一自然日内对同一用户外呼不超过2次；用户留言须在2小时内回电。", 2),
    # Staffing the peak hours is the team's own business.
    ("晚高峰18:00—20:30须保证在岗率不低于90%，来电应在20秒内接听。", 20),
])
def test_a_window_for_repeats_or_staffing_is_no_limit(tmp_path, rule, value):
    assert [e.value for e in drafted(tmp_path, f"第七条　{rule}\n", "办法.md").slas] == [value]
