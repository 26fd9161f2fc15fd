"""Chinese word segmentation for BM25 (the only jieba user)."""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

import jieba

from knowledge.normalize import HAN, normalize

USER_DICT = Path(__file__).with_name("userdict.txt")

# Function words that match everywhere and so only add noise to BM25 scores.
STOPWORDS = frozenset(
    "的 了 是 在 和 与 及 或 等 也 都 就 而 又 着 把 被 将 对 从 向 于 为 以 之 其 这 那 个 "
    "吗 呢 吧 啊 呀 哦 嗯 么 什么 怎么 怎样 如何 哪些 是否 一下 一个 可以 应该 要 会 能 "
    "我 我们 他 她 它 他们 请问 有 没有 时 时候 如果 还 该".split()
)
_WORD = re.compile(r"\w", re.UNICODE)


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    # jieba logs its dictionary build to stderr at DEBUG; keep the CLI's output clean.
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


def tokens(text: str) -> list[str]:
    """Search tokens of `text`: normalized, segmented (with sub-words), no stopwords or punctuation."""
    words = _tokenizer().cut_for_search(normalize(text).lower())
    return [w for w in (w.strip() for w in words) if w and _WORD.search(w) and w not in STOPWORDS]


def terms(text: str) -> list[str]:
    """BM25 terms: words plus the Han characters inside longer words.

    Paraphrases often share characters but not words (贵姓 / 姓什么, 外拨 / 往外打),
    so single characters back the words off.
    """
    words = tokens(text)
    return words + [ch for word in words if len(word) > 1 for ch in word if HAN.match(ch)]
