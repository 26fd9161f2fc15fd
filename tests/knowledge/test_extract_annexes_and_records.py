"""Extraction on constructions of the thirteenth blind dev set: an annex of limits the articles point to, records
kept for months, a staff appeal against a score, and a section heading in 【】."""
from __future__ import annotations

import pytest
from drafting import drafted

from knowledge.outline import line_level

ANNEX = ("燃气营业厅服务办法\n第三章　服务时限\n第九条　客户留言的，客服应在4小时内回电。\n"
         "第十条　开户、过户、报装等业务的办理时限见附件。\n附件\n业务办理时限一览\n"
         "1.开户：资料齐全的，2个工作日内办结；\n2.恢复供气：缴清欠费后4小时内恢复供气；\n")


def test_an_annex_limit_with_an_articles_number_but_its_own_matter_is_kept(tmp_path):
    found = sorted(e.text for e in drafted(tmp_path, ANNEX, "办法.txt").slas)
    assert found == sorted(["客服应在4小时内回电。", "2个工作日内办结。", "缴清欠费后4小时内恢复供气。"])


@pytest.mark.parametrize("retold", ["4.留言回电：客户留言后4小时内回电；", "常见问题\n问：留言后多久有人回？答：4小时内。"])
def test_an_annex_or_faq_retelling_an_articles_limit_is_not_drafted_again(tmp_path, retold):
    found = [e.value for e in drafted(tmp_path, f"{ANNEX}{retold}\n", "办法.txt").slas if e.value == 4]
    assert len(found) == 2  # the article's 回电 and the annex's 恢复供气


@pytest.mark.parametrize("faq", [
    "常见问题\n问：换表以后多久能用上气？答：一般3个工作日内完成通气。",
    "附件：坐席答复口径\n1.问：退款多久到账？答：审核通过后一般15个工作日内退回原账户。",
])
def test_a_limit_only_an_faq_answer_states_is_no_rule(tmp_path, faq):
    found = sorted(e.value for e in drafted(tmp_path, f"{ANNEX}{faq}\n", "办法.txt").slas)
    assert found == [2, 4, 4]  # the article's 回电 and the annex's 开户 and 恢复供气


@pytest.mark.parametrize("heading", ["五、其他", "五、档案管理", "五、服务时限"])
@pytest.mark.parametrize("kept", ["柜面监控录像和投诉处理记录保存不少于6个月", "营业厅监控视频留存不少于45天", "工单回访记录保存不少于5年"])
def test_records_kept_are_no_limit(tmp_path, heading, kept):
    text = f"网点服务规范\n{heading}\n1. {kept}。\n2. 客户来电应在20秒内接听。\n"
    assert [e.value for e in drafted(tmp_path, text, "规范.md").slas] == [20]


@pytest.mark.parametrize(("sentence", "kept"), [
    ("员工对评分结果有异议的，可在公布后3个工作日内申请复核。", False),
    ("客户对评分结果有异议的，客服应在3个工作日内复核并答复。", True),
])
def test_an_appeal_against_a_score_is_the_teams_own_business(tmp_path, sentence, kept):
    text = f"售后热线手册\n四、质量管理\n4.2 {sentence}\n"
    assert bool(drafted(tmp_path, text, "手册.md").slas) is kept


@pytest.mark.parametrize(("line", "level"), [("【三、服务时限】", 1.0), ("〔四、附则〕", 1.0), ("【第五条】", 2.0),
                                             ("【常见问题】", 0.0)])
def test_a_numbered_heading_in_brackets_sits_at_its_numbers_level(line, level):
    assert line_level(line) == level
