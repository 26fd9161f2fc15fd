"""Clauses cite the article they sit in, whatever the numbering and sub-headings around them."""
from __future__ import annotations

import pytest

from knowledge.clauses import clauses


def cited(text: str, needle: str) -> str:
    return next(c.article for c in clauses(text) if needle in c.line)


@pytest.mark.parametrize(("text", "needle", "article"), [
    # A short unnumbered heading inside an article heads a part of it; the next article is not filed under it.
    ("保险客服规则\n第三条 服务用语\n坐席应礼貌答复。\n禁用表述\n坐席不得说下列话：\n“这不归我们赔”\n第四条 理赔时限\n"
     "材料齐全后5个工作日内结案。", "5个工作日内结案", "保险客服规则 > 第四条 理赔时限"),
    ("物业服务守则\n第二条 报修\n业主报修后30分钟内响应。\n夜间值班\n夜间报修由值班员受理。\n第三条 投诉\n投诉1个工作日内回复。",
     "投诉1个工作日内回复", "物业服务守则 > 第三条 投诉"),
    ("物业服务守则\n第二条 报修\n业主报修后30分钟内响应。\n夜间值班\n夜间报修由值班员受理。\n第三条 投诉\n投诉1个工作日内回复。",
     "夜间报修由值班员受理", "物业服务守则 > 第二条 报修 > 夜间值班"),
])
def test_a_heading_inside_an_article_stays_in_it(text, needle, article):
    assert cited(text, needle) == article


@pytest.mark.parametrize(("text", "needle", "article"), [
    ("第一部分 总则\n第1条 为规范服务制定本细则。\n第2条 本细则适用于全体话务员。\n第二部分 服务标准\n第3条 来电3声内接听。",
     "来电3声内接听", "第二部分 服务标准 > 第3条"),
    ("第1章 总则\n第12条 投诉应在2个工作日内回复。\n第13条 咨询应当场答复。", "当场答复", "第1章 总则 > 第13条"),
])
def test_articles_and_chapters_numbered_in_digits(text, needle, article):
    assert cited(text, needle).replace("  ", " ") == article
