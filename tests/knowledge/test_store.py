import numpy as np
import pytest

from core.settings import Settings
from core.types import Chunk
from knowledge.embeddings import make_embedder
from knowledge.ingest import ingest
from knowledge.store import Store, StoreError, passage

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


@pytest.mark.parametrize(("chunk", "heading"), [
    (Chunk(id="a", text="第五条 客户反映重复扣款的，5个工作日内完成核查。", source="银行.docx",
           article="澄江银行电话银行业务受理细则 > 第二节 银行卡类业务 > 第五条"), "第二节 银行卡类业务 > 第五条"),
    (Chunk(id="b", text="用户反映餐品有异物的，2小时内联系商家。", source="外卖.html",
           article="第二部分 订单异常处理 > 2.2 餐品问题"), "第二部分 订单异常处理 > 2.2 餐品问题"),
    (Chunk(id="c", text="热线7×24小时服务。", source="通信.md", article="服务承诺"), "服务承诺"),
])
def test_a_passage_is_embedded_under_its_last_headings_and_shown_as_written(tmp_path, chunk, heading):
    assert passage(chunk) == f"{heading}\n{chunk.text}" and not passage(chunk).startswith("澄江银行")
    store = open_store(Settings(data_dir=tmp_path))
    store.upsert([chunk])
    assert store.load()[0] == [chunk]


def test_a_store_embedded_another_way_is_refused_until_ingest_rebuilds_it(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "热线规范.txt").write_text("热线服务规范\n第一条 来电应在振铃3声内接听。\n第二条 投诉应在2个工作日内回复。\n",
                                        encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", sources_dir=sources)
    store = open_store(settings)
    # As an older kefu stored them: the vector of the bare text, no passage recipe.
    store.vectors.add_texts([c.text for c in CHUNKS], metadatas=[{"source": c.source, "article": c.article} for c in CHUNKS],
                            ids=[c.id for c in CHUNKS])
    assert store.outdated()
    with pytest.raises(StoreError, match="kefu ingest"):
        store.load()
    report = ingest(settings, if_missing=True)
    assert not report.skipped and report.deleted == len(CHUNKS)
    chunks, _ = open_store(settings).load()
    assert {c.source for c in chunks} == {"热线规范.txt"} and not open_store(settings).outdated()


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
