import json

import pytest

from assist.emotion import LABELS, Emotion, EmotionReader, cue_hits, load_labelled
from core.llm import OfflineChatModel
from core.openai_api import OpenAIChatModel
from core.settings import Settings


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    return EmotionReader(Settings(data_dir=tmp_path_factory.mktemp("data")))


def test_held_out_accuracy_at_least_85_percent(reader):
    rows = [json.loads(line) for line in (Settings().labelled_dir / "emotion.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    test = [r for r in rows if r["split"] == "test"]
    assert len(rows) >= 120 and test
    accuracy = sum(reader.read(r["text"]).label == r["label"] for r in test) / len(test)
    assert accuracy >= 0.85, accuracy


@pytest.mark.parametrize("calm, pushed", [
    ("我想问一下退款的进度。", "我的退款到底什么时候到？马上给我查！！"),
    ("东西有点问题。", "东西有问题，我要投诉你们！！"),
    ("快递还没到，麻烦帮我查一下", "快递到底什么时候到！！我今天必须拿到，马上给我查！"),
    ("物业费好像算错了，帮我看看", "物业费凭什么多收我两百？你们到底讲不讲理！！"),
])
def test_pushing_cues_raise_intensity(reader, calm, pushed):
    assert reader.read(pushed).intensity > reader.read(calm).intensity


@pytest.mark.parametrize("text, label", [
    ("喂？喂？你那边说什么，我这边太吵了听不见", "noisy"),
    ("这个要怎么弄啊，我一点都不明白", "confused"),
    ("太感谢您了，问题都解决了", "satisfied"),
])
def test_obvious_lines(reader, text, label):
    assert reader.read(text).label == label


# A softened negation (不太, 不大) of understanding or hearing is the plain one; of praise it still negates.
@pytest.mark.parametrize("text, label, hit", [
    ("这个月账单上多出来的那项我看不太懂", "confused", True),
    ("你那边的声音我听不太清，能再讲一遍吗", "noisy", True),
    ("合同里说的等待期我不大明白", "confused", True),
    ("这次上门安装我不太满意", "satisfied", False),
])
def test_softened_negation_is_matched_as_the_plain_one(text, label, hit):
    assert (cue_hits(text)[label] > 0) == hit


@pytest.mark.parametrize("text", ["", "   ", "\x00\x07", "？？？", "x" * 100_000, "Hello, my order 不见了!!"])
def test_odd_input_gives_a_valid_reading(reader, text):
    emotion = reader.read(text)
    assert emotion.label in LABELS and 0.0 <= emotion.intensity <= 1.0


def test_served_model_reading_is_used(openai_server, tmp_path):
    openai_server.reply('{"label": "sad", "intensity": 0.7}')
    settings = Settings(data_dir=tmp_path, llm_base_url=openai_server.base_url, llm_retries=0)
    emotion = EmotionReader(settings, OpenAIChatModel(settings)).read("东西坏了，好难过")
    assert emotion == Emotion(label="sad", intensity=0.7)
    assert "东西坏了，好难过" in openai_server.chat_requests[-1]["body"]["messages"][1]["content"]


def test_failing_served_model_falls_back_offline(openai_server, tmp_path):
    openai_server.fail(500, times=5)
    settings = Settings(data_dir=tmp_path, llm_base_url=openai_server.base_url, llm_retries=1)
    model = OpenAIChatModel(settings, backoff=0.01)
    assert EmotionReader(settings, model).read("我要投诉！你们太过分了！！").label == "angry"


def test_offline_chat_model_uses_the_handler(reader):
    model = OfflineChatModel({"emotion": reader.answer})
    from core.prompts import render

    assert model.complete(render("emotion", text="谢谢你们"), Emotion).label == "satisfied"


def test_other_domains_emotion_holds_up(reader):
    # Floor under the figure measured once on the customer-lines test split (0.838), so a regression shows.
    path = Settings().labelled_dir / "customer_lines.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    test = [r for r in rows if r["split"] == "test"]
    # Only the figure may show on failure: printing the rows would put held-out lines in front of whoever tunes.
    accuracy = sum(reader.read(r["text"]).label == r["emotion"] for r in test) / len(test)
    assert accuracy >= 0.83


@pytest.mark.parametrize("skip, expected", [
    (None, ["我想问一下营业厅几点关门", "护照明天到期了还来得及补办吗"]),
    ("emotion_only", ["我想问一下营业厅几点关门"]),
])
def test_rows_flagged_for_one_reader_can_be_left_out(tmp_path, skip, expected):
    path = tmp_path / "lines.jsonl"
    rows = [{"text": "我想问一下营业厅几点关门", "scenarios": ["inquiry"], "split": "train"},
            {"text": "护照明天到期了还来得及补办吗", "scenarios": ["inquiry"], "split": "train", "emotion_only": True},
            {"text": "你们这个收费我看不懂", "scenarios": ["inquiry"], "split": "test"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    texts, _ = load_labelled(path, ("train", "dev"), "scenarios", skip=skip)
    assert texts == expected


TOY = {
    "angry": ["你们这什么破服务，我要投诉", "再不处理我就去投诉你们", "气死我了，你们太过分了"],
    "satisfied": ["谢谢你，问题解决了", "太感谢了，服务真好", "谢谢师傅，修得很快"],
    "neutral": ["请问营业厅几点开门", "我想查一下账单", "请问怎么开发票"],
}


@pytest.mark.parametrize("nb_weight", [0.0, 0.1, 1.0])
@pytest.mark.parametrize("line, label", [("我要投诉你们，太过分了", "angry"), ("谢谢你们，解决得很快", "satisfied")])
def test_naive_bayes_blend_stays_plain_weights(tmp_path, nb_weight, line, label):
    from assist.linear import cached_linear

    texts = [t for lines in TOY.values() for t in lines]
    labels = [k for k, lines in TOY.items() for _ in lines]
    settings = Settings(data_dir=tmp_path, model_cache=tmp_path)
    model = cached_linear(settings, "toy", texts, labels, c=1.0, nb_weight=nb_weight)
    assert model.predict(line)[0] == label
    assert all(len(w) == len(model.labels) for w in model.weights.values())
    # The blend weight is part of the cache key: another weight trains and caches another model.
    assert cached_linear(settings, "toy", texts, labels, c=1.0, nb_weight=nb_weight) == model
    assert len(list(settings.models_dir.glob("toy-*.json"))) == 1
