import numpy as np
import pytest

from core.settings import Settings
from core.types import Chunk
from knowledge.embeddings import make_embedder
from knowledge.store import Store, StoreError

CHUNKS = [
    Chunk(id="001-1", text="禁止使用“这事不归我管”等服务禁语。", source="001.txt", article="服务规范 > 服务禁语"),
    Chunk(id="002-1", text="接听电话时,铃响三声内必须接听。", source="002.txt", article="400电话管理细则 > 第三章"),
    Chunk(id="004-1", text="售后问题在7个工作日内处理完毕。", source="004.txt", article="纺织品客户服务规定 > 售后"),
]


def open_store(settings: Settings) -> Store:
    return Store(settings, make_embedder(settings))


def test_new_store_is_empty(tmp_path):
    assert not open_store(Settings(data_dir=tmp_path)).exists()


def test_upsert_load_and_persist(tmp_path):
    settings = Settings(data_dir=tmp_path)
    open_store(settings).upsert(CHUNKS)
    chunks, matrix = open_store(settings).load()
    assert chunks == sorted(CHUNKS, key=lambda c: c.id)
    assert matrix.shape == (3, 384)
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1, atol=1e-3)


def test_upsert_replaces_by_id_and_delete_removes(tmp_path):
    store = open_store(Settings(data_dir=tmp_path))
    store.upsert(CHUNKS)
    changed = CHUNKS[0].model_copy(update={"text": "禁止说“有意见找领导去”。"})
    store.upsert([changed])
    store.delete({"004-1"})
    chunks, _ = store.load()
    assert [c.id for c in chunks] == ["001-1", "002-1"]
    assert chunks[0].text == changed.text


def test_unchanged_chunks_are_not_embedded_again(tmp_path):
    settings = Settings(data_dir=tmp_path)
    open_store(settings).upsert(CHUNKS)
    store = open_store(settings)
    store.upsert(CHUNKS)
    assert store.embedder.embedded == 0


def test_chroma_server(chroma_url, tmp_path):
    store = open_store(Settings(data_dir=tmp_path, chroma_url=chroma_url))
    store.upsert(CHUNKS)
    assert store.ids() == {c.id for c in CHUNKS}
    assert not (tmp_path / "chroma").exists()


@pytest.mark.parametrize("url", ["http://", "://:"])
def test_unparseable_server_url_is_a_clear_error(tmp_path, url):
    with pytest.raises(StoreError, match="KEFU_CHROMA_URL"):
        open_store(Settings(data_dir=tmp_path, chroma_url=url))


def test_unreachable_server_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="无法打开知识库存储"):
        open_store(Settings(data_dir=tmp_path, chroma_url="http://127.0.0.1:9"))
