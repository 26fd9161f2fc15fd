"""第一条 / 第一章 inside a sentence is an ordinal ("发出第一条有效回复"), not an article glued to the line before;
articles and chapters come in runs, so a lone one never starts a chunk."""
from __future__ import annotations

import pytest

from knowledge.chunks import chunk_document
from knowledge.clean import clean_document


@pytest.mark.parametrize("text", [
    "二、名词解释\n首次响应时长：自用户提交工单至客服发出第一条人工回复的时间。\n三、服务时效\n1. 在线客服首次响应不超过30秒。",
    "（二）术语\n首问责任：接到客户来电的第一位员工负责跟进到底，以第一条工单记录为准。",
    "一、总则\n新员工入职后先学习手册第一章内容，再跟班听录音。\n二、服务要求\n坐席应耐心解答。",
])
def test_a_lone_ordinal_does_not_start_an_article(text):
    articles = [c.article for c in chunk_document(clean_document(text, "规范.txt"))]
    assert not any("第一条" in a or "第一章" in a for a in articles)


def test_articles_glued_in_a_run_are_still_split():
    text = "客服服务管理办法第一条为规范服务行为，制定本办法。第二条本办法适用于热线全体坐席。"
    articles = [c.article for c in chunk_document(clean_document(text, "办法.txt"))]
    assert any(a.endswith("第一条") for a in articles) and any(a.endswith("第二条") for a in articles)
