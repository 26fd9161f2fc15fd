"""Customers' own words: a query that shares no word with the rules is ranked by meaning, not by stray characters."""
from __future__ import annotations

import numpy as np
import pytest

from core.settings import Settings
from core.types import Chunk
from knowledge.search import Searcher


class _TopicStore:
    """Vectors that put the query next to the passages naming `topic` and far from the rest."""

    def __init__(self, chunks: list[Chunk], topic: str):
        self.chunks, self.topic = chunks, topic

        class embedder:
            name = "topic"

            @staticmethod
            def embed_queries(texts):
                return np.array([[1.0, 0.0]] * len(texts), dtype=np.float32)

        self.embedder = embedder

    def load(self):
        rows = [[1.0, 0.0] if self.topic in c.text else [0.0, 1.0] for c in self.chunks]
        return self.chunks, np.array(rows, dtype=np.float32)


@pytest.mark.parametrize(("query", "topic", "right", "wrong"), [
    # A query that shares no word with the rules is ranked by meaning alone.
    ("饭里吃出头发了", "异物",
     "2.2 餐品问题：用户反映餐品有异物或变质的，客服应在2小时内联系商家核实。",
     "2.6 地址修改：骑手取餐前可免费修改一次收货地址，饭点高峰除外，修改后请留意了解配送进度。"),
    ("钱包丢了卡也找不着", "挂失",
     "第七条 客户银行卡遗失的，座席核验身份后立即办理口头挂失。",
     "第十二条 客户称被骗转账的，立即办理紧急止付，协助追回钱款，不得推诿。"),
    ("家里网络一直掉线", "报障",
     "第五条 用户报障后，装维工程师应在30分钟内电话联系用户。",
     "第七条 用户申请移机的，5个工作日内完成；家庭套餐另行约定。"),
    # A query that shares words with the rules still counts them.
    ("紧急止付多久办理", "挂失",
     "第十二条 客户称被骗转账的，座席应在10分钟内办理紧急止付。",
     "第七条 客户银行卡遗失的，座席核验身份后立即办理口头挂失。"),
])
def test_the_answering_passage_ranks_first_by_meaning_or_shared_words(query, topic, right, wrong):
    store = _TopicStore([Chunk(id="a", text=wrong, source="规则.txt", article="乙"),
                         Chunk(id="b", text=right, source="规则.txt", article="甲")], topic)
    assert Searcher(Settings(), store).search(query, k=1).hits[0].text == right
