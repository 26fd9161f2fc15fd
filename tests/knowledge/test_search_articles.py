"""Chunks and hits name the numbered clause they come from, in any numbering style."""
from __future__ import annotations

import pytest

from evals.regulations import cites
from knowledge.chunks import chunk_document
from knowledge.clean import clean_document

DOTTED = """供水服务标准
3 服务时限
3.1 抢修
3.1.1 爆管抢修人员应在1小时内到达现场。
3.1.2 一般漏水应在24小时内修复。
3.2 业务受理
3.2.1 过户申请资料齐全的，2个工作日内办结。
3.3 水质投诉应在4小时内派人取样。
4 服务用语
4.1 开头语：“您好，供水热线，请讲。”
4.2 结束语：“感谢您的来电，再见。”
"""

CAPTION = """航空公司客服规定
第一章 服务用语
第五条 客服人员不得使用下列用语（见表2）。
表2 禁止用语对照
禁止用语 | 建议用语
航班延误我们也没办法 | 非常抱歉航班延误给您带来不便
第六条 通话结束时应使用结束语。
"""


def articles(text: str) -> dict[str, str]:
    return {c.text: c.article for c in chunk_document(clean_document(text, "规范.txt"))}


@pytest.mark.parametrize(("needle", "article"), [
    ("爆管抢修", "3.1.1"), ("一般漏水", "3.1.2"), ("过户申请", "3.2.1"), ("水质投诉", "3.3"),
    ("开头语", "4.1"), ("结束语", "4.2"),
])
def test_dotted_clauses_are_cited_one_by_one(needle, article):
    found = [a for text, a in articles(DOTTED).items() if needle in text]
    assert found and all(cites(a, article) for a in found)
    assert not any(cites(a, other) for a in found for other in ("3.1.1", "3.1.2", "3.2.1", "3.3", "4.1", "4.2")
                   if other != article and not article.startswith(other))


def test_a_table_caption_stays_in_its_article():
    found = [a for text, a in articles(CAPTION).items() if "航班延误" in text]
    assert found and all(cites(a, "第五条") for a in found)
    sixth = [a for text, a in articles(CAPTION).items() if "结束语" in text]
    assert sixth and all("表2" not in a for a in sixth)
