"""A word of the regulations written verbatim in a query counts for BM25 even where jieba cuts the query across it
("话费用完了" → 话 / 费用 / 完了 loses 话费)."""
from __future__ import annotations

import pytest

from core.settings import Settings
from core.types import Chunk
from flat_store import FlatStore
from knowledge.search import Searcher, terms


FILLER = [Chunk(id=f"f{i}", text=text, source="规则.txt", article=f"第{i}条") for i, text in enumerate([
    "为规范客户服务热线工作，制定本规定。", "本规定适用于热线全体坐席人员。", "坐席应使用普通话，语速适中，态度耐心。"])]


@pytest.mark.parametrize(("query", "right", "wrong"), [
    ("话费用完了要多久恢复", "第八条 话费充值后，停机号码30分钟内恢复。", "第九条 客户反映的问题要说明多久给出答复。"),
    ("运费用多久退回", "3.2 退货运费在签收后3日内退回。", "3.5 申请售后多久有回复：24小时内。"),
])
def test_a_corpus_word_hidden_by_the_query_segmentation_still_counts(query, right, wrong):
    chunks = [Chunk(id="a", text=wrong, source="规则.txt", article="乙"),
              Chunk(id="b", text=right, source="规则.txt", article="甲")] + FILLER
    assert Searcher(Settings(), FlatStore(chunks)).search(query, k=1).hits[0].text == right


@pytest.mark.parametrize(("query", "found"), [
    ("话费用完了怎么办", ["话费"]),
    ("余额提现有手续费吗", ["提现"]),
    ("保费用什么付", ["保费"]),
    ("ETC扣费了两次", []),  # words the segmentation found are not added again; Latin is no Han run
])
def test_corpus_words_written_in_the_query_are_found_once(query, found):
    text = "话费 提现 保费 费用 余额 现有 手续费 扣费 两次 ETC"
    searcher = Searcher(Settings(), FlatStore([Chunk(id="a", text=text, source="规则.txt", article="甲")] + FILLER))
    assert sorted(searcher._corpus_words(query, set(terms(query)))) == sorted(found)
