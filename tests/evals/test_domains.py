"""Leave-one-domain-out: each fold trains the cascade without one domain and scores that domain's lines."""
import json

import pytest
from bigram_embedder import BigramEmbedder

from core.settings import Settings
from evals.domains import corpus_rows, held_out_domains, main, run_fold
from knowledge.rulebook import load_rulebook

# Lines written for this test (never from evals/data), three made-up domains; "post" has no test split
# (written to train on only), so it is never held out.
RUDE = {"shop": ["你自己下单不看清楚怪谁", "退货？想都别想", "爱买不买随便你", "这点运费也要计较"],
        "power": ["停电又不是我让停的", "电费你自己去营业厅查", "你问我我问谁去", "催什么催，排着队呢"],
        "post": ["包裹丢了找驿站去", "地址是你自己填错的", "晚一天又不会怎样", "单号报快点"]}
POLITE = {"shop": ["请您稍等，我帮您查一下物流", "退货申请已经为您提交了", "感谢您的耐心等待", "运费由我们来承担"],
          "power": ["抢修师傅正在赶往您家", "电费明细我帮您发到手机上", "给您带来不便非常抱歉", "请问还有什么可以帮您"],
          "post": ["您的包裹明天上午送到", "理赔我这边直接帮您申请", "抱歉让您久等了", "派件员会先给您打电话"]}
SPLITS = {"shop": ("train", "dev", "train", "test"), "power": ("train", "dev", "train", "test"),
          "post": ("train", "dev", "train", "dev")}


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    labelled = tmp_path_factory.mktemp("labelled")
    (labelled / "agent_lines").mkdir()
    (labelled / "check.jsonl").write_text(json.dumps({"text": "您好，请讲", "label": "ok", "split": "train"},
                                                     ensure_ascii=False), encoding="utf-8")
    for domain in RUDE:
        rows = [{"domain": domain, "text": t, "label": "violation", "category": "rude_tone",
                 "split": SPLITS[domain][i]} for i, t in enumerate(RUDE[domain])]
        rows += [{"domain": domain, "text": t, "label": "ok", "split": SPLITS[domain][i]}
                 for i, t in enumerate(POLITE[domain])]
        (labelled / "agent_lines" / f"{domain}.jsonl").write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    data = tmp_path_factory.mktemp("data")
    return Settings(data_dir=data, labelled_dir=labelled, model_cache=data / "cache")


@pytest.mark.parametrize("domain", ["shop", "power"])
def test_a_fold_scores_every_line_of_the_held_out_domain(settings, domain):
    fold = run_fold(domain, corpus_rows(settings), settings, BigramEmbedder("hash-bigrams", dims=32), load_rulebook())
    assert fold.domain == domain
    assert (fold.violations, fold.compliant) == (len(RUDE[domain]), len(POLITE[domain]))
    assert 0.0 <= fold.recall <= 1.0 and 0.0 <= fold.false_positive_rate <= 1.0


def test_only_domains_with_a_test_split_are_held_out(settings):
    assert held_out_domains(corpus_rows(settings)) == ["power", "shop"]


def test_a_second_run_of_a_fold_trains_nothing(settings):
    run_fold("shop", corpus_rows(settings), settings, BigramEmbedder("hash-bigrams", dims=32), load_rulebook())
    trained = sorted(settings.models_dir.glob("*"))
    run_fold("shop", corpus_rows(settings), settings, BigramEmbedder("hash-bigrams", dims=32), load_rulebook())
    assert sorted(settings.models_dir.glob("*")) == trained and any("semantic" in p.name for p in trained)


def test_main_prints_one_chinese_row_per_domain(settings, capsys, monkeypatch):
    import evals.domains

    monkeypatch.setattr(evals.domains, "make_embedder", lambda s: BigramEmbedder("hash-bigrams", dims=32))
    monkeypatch.setattr(evals.domains, "Settings", lambda **kw: settings)
    main([])
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("留出领域") and [line.split()[0] for line in out[1:]] == ["power", "shop"]
    assert out[0].split("\t") == ["留出领域", "召回率", "误报率", "违规", "合规"]
    assert all(len(line.split("\t")) == 5 for line in out)


def test_folds_cover_every_train_and_dev_line_once_and_pool_them(settings, capsys, monkeypatch):
    import evals.domains

    monkeypatch.setattr(evals.domains, "make_embedder", lambda s: BigramEmbedder("hash-bigrams", dims=32))
    monkeypatch.setattr(evals.domains, "Settings", lambda **kw: settings)
    main(["--folds", "2"])
    out = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert out[0][0] == "留出折" and [row[0] for row in out[1:]] == ["0", "1", "全部"]
    lines = [r for r in corpus_rows(settings) if r["split"] != "test"]
    assert int(out[3][3]) + int(out[3][4]) == len(lines) == sum(int(r[3]) + int(r[4]) for r in out[1:3])
