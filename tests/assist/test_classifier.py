import json

import pytest

from assist.classifier import Classifier, grams, load_examples, train
from core.settings import Settings

# Wording modelled on the forbidden phrases of the sources, not on the labelled set.
RUDE = ["这我怎么知道呀", "急什么我这不是正在记录吗", "您想好了再打电话来", "我忙着呢你等着", "不行就是不行",
        "真啰嗦", "我查不了愿意找谁找谁去", "你这么激动干什么", "怎么基本知识都不懂", "别催我我这记着呢"]
POLITE = ["您好请问有什么可以帮您", "请您稍等我马上为您查询", "很抱歉让您久等了", "感谢您的来电再见",
          "谢谢您的建议我会向上级反映", "请您别着急慢慢讲", "麻烦您记录一下好吗", "请稍等我帮您转接",
          "对不起我们需要联系相关单位", "请问您还有其他问题吗"]


def write_data(path, dev=()):
    rows = [{"text": t, "label": "violation", "category": "rude_tone", "split": "train"} for t in RUDE]
    rows += [{"text": t, "label": "ok", "category": None, "split": "train"} for t in POLITE]
    rows += list(dev)
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")


def test_grams_are_char_one_to_three_grams():
    assert grams("您好吗") == {"您", "好", "吗", "您好", "好吗", "您好吗"}


def test_load_examples_reads_labels_and_splits(tmp_path):
    write_data(tmp_path / "check.jsonl")
    examples = load_examples(tmp_path / "check.jsonl")
    assert sum(e.violation for e in examples) == len(RUDE)
    assert all(e.category is None for e in examples if not e.violation)


def test_trains_then_serves_from_the_cache(tmp_path):
    write_data(tmp_path / "check.jsonl")
    settings = Settings(data_dir=tmp_path / "data", labelled_dir=tmp_path, model_cache=tmp_path / "data" / "cache")
    first = Classifier.load(settings)
    cached = list((tmp_path / "data" / "cache" / "models").glob("check-*.json"))
    assert len(cached) == 1 and first.model.trained_on in cached[0].name
    again = Classifier.load(settings)
    assert again.model.weights == first.model.weights
    assert first.score("我怎么知道啊") > first.score("请您稍等")


def test_cache_is_keyed_by_the_training_file(tmp_path):
    write_data(tmp_path / "check.jsonl")
    settings = Settings(data_dir=tmp_path / "data", labelled_dir=tmp_path, model_cache=tmp_path / "data" / "cache")
    Classifier.load(settings)
    write_data(tmp_path / "check.jsonl", dev=[{"text": "您好", "label": "ok", "split": "dev"}])
    Classifier.load(settings)
    assert len(list((tmp_path / "data" / "cache" / "models").glob("check-*.json"))) == 2


@pytest.mark.parametrize("text", ["", "您", "好的"])
def test_tiny_or_untrained_scores_zero(tmp_path, text):
    untrained = Classifier.load(Settings(data_dir=tmp_path, labelled_dir=tmp_path / "missing"))
    assert untrained.score(text) == 0.0 and not untrained.flags(text)


def test_test_split_never_changes_the_model(tmp_path):
    dev = [{"text": t, "label": "ok", "split": "dev"} for t in ["请问您贵姓", "好的没问题"]]
    models = []
    for test_text in ["我怎么知道", "您好请讲"]:
        write_data(tmp_path / "check.jsonl", dev=dev + [{"text": test_text, "label": "ok", "split": "test"}])
        models.append(train(load_examples(tmp_path / "check.jsonl")))
    assert models[0].weights == models[1].weights and models[0].threshold == models[1].threshold


def test_seeds_and_rulebook_wording_join_the_training_set():
    from assist.classifier import seed_examples
    from knowledge.rulebook import load_rulebook

    seeds = seed_examples(load_rulebook())
    assert {e.split for e in seeds} == {"seed"}
    assert any(e.violation for e in seeds) and any(not e.violation for e in seeds)
    assert all(e.category for e in seeds if e.violation)
    assert "您好" not in {e.text for e in seeds if e.violation}  # a bare opening is only wrong as a whole call


def test_seeds_are_not_copied_from_the_labelled_set():
    from assist.classifier import seed_examples
    from knowledge.normalize import match_key

    labelled = {match_key(e.text) for e in load_examples(Settings().labelled_dir / "check.jsonl")}
    assert not [e.text for e in seed_examples() if match_key(e.text) in labelled]


def test_threshold_never_drops_below_the_floor(tmp_path):
    from assist.classifier import MIN_THRESHOLD

    write_data(tmp_path / "check.jsonl")
    assert Classifier.load(Settings(data_dir=tmp_path / "data", labelled_dir=tmp_path, model_cache=tmp_path / "data" / "cache")).model.threshold >= MIN_THRESHOLD
