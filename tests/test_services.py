"""The services a workspace is built from: an older store is rebuilt on first search, nothing lost."""
from core.settings import Settings
from knowledge.store import Store
from knowledge.embeddings import make_embedder
from services import build_services

RULES = "燃气客服规范\n第一条 来电应在振铃3声内接听。\n第二条 用户报修燃气泄漏的，抢修人员应在30分钟内到达现场。\n"


def test_a_store_embedded_the_old_way_is_rebuilt_on_first_search(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "燃气规范.txt").write_text(RULES, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", sources_dir=sources)
    built = build_services(settings)
    # As an older kefu stored a passage: the vector of its bare text, with no passage recipe.
    old = Store(built.settings, make_embedder(built.settings))
    old.vectors.add_texts(["抢修人员应在30分钟内到达现场。"], metadatas=[{"source": "燃气规范.txt", "article": "第二条"}],
                          ids=["old"])
    assert old.outdated()
    hit = built.searcher.search("燃气泄漏多久到现场", k=1).hits[0]
    assert "30分钟" in hit.text and "第二条" in hit.article
    assert not Store(built.settings, make_embedder(built.settings)).outdated()
