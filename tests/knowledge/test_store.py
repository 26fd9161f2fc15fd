import numpy as np
import pytest

from core.settings import Settings
from core.types import Chunk
from knowledge.embeddings import make_embedder
from knowledge.ingest import ingest
import knowledge.store
from knowledge.store import HEADING_CHARS, Store, StoreError, passage

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


@pytest.mark.parametrize(("article", "text"), [
    ("清源水务供水服务热线规范 > （一）停水通知 + （二）抢修到场 + （三）水质投诉 + （四）水表更换",
     "（三）用户反映水质发黄、有异味的，2小时内上门取样。"),
    ("云程航空客户服务中心热线座席服务规范（2026 年修订版） > 第四章 行李运输与延误服务 > 第二十一条 行李延误或破损赔偿的受理",
     "第二十一条 旅客行李延误的，座席应当场登记并在24小时内告知查找进展。"),
    ("仁和医院预约挂号热线服务标准 > 三、预约变更 > 1.取消预约 + 2.改约 + 3.爽约记录 + 4.停诊通知",
     "4.医生临时停诊的，应在停诊前1个工作日短信通知已预约患者。"),
])
def test_a_long_heading_is_cut_so_the_passage_keeps_its_own_words(article, text):
    # The embedder reads about 160 characters: long headings must not crowd out what the passage itself says.
    chunk = Chunk(id="x", text=text, source="规范.txt", article=article)
    heading, body = passage(chunk).split("\n", 1)
    assert body == text and all(len(h) <= HEADING_CHARS for h in heading.split(" > "))
    assert heading.split(" > ")[-1] == article.split(" > ")[-1][:HEADING_CHARS]


def test_a_store_embedded_under_uncut_headings_is_rebuilt(tmp_path, monkeypatch):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "物业规范.md").write_text("# 物业客服规范\n## 二、报修受理\n业主报修漏水的，维修人员30分钟内到场。\n",
                                       encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", sources_dir=sources)
    # As the previous version stored them: its recipe name on every chunk.
    monkeypatch.setattr(knowledge.store, "PASSAGE_RECIPE", "heading2")
    ingest(settings)
    monkeypatch.undo()
    assert open_store(settings).outdated()
    assert not ingest(settings, if_missing=True).skipped and not open_store(settings).outdated()


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
