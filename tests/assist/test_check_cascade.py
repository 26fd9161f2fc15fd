"""The check cascade: gapped lexicon, quotation, the general rule and the gated semantic stage."""
import json

import pytest
from bigram_embedder import BigramEmbedder, labelled_settings

from assist.check import FAST_VERSION, Checker
from assist.citations import GENERAL_RULE
from assist.lexicon import gapped
from assist.semantic import Semantic
from knowledge.rulebook import ForbiddenPhrase, Principle, RuleSource, Rulebook, ScenarioPhrase

SOURCE = RuleSource(file="某银行服务规范.docx", article="第三条")
RULEBOOK = Rulebook(
    forbidden_phrases=[ForbiddenPhrase(id="fp-not_mine", text="这个不归我管", source=SOURCE,
                                       category="shift_responsibility"),
                       ForbiddenPhrase(id="fp-told_you", text="我跟你说过了", source=SOURCE, category="lecturing")],
    scenario_phrases=[ScenarioPhrase(id="sp-wait", text="请您稍等，我马上为您查询", source=SOURCE,
                                     scenario="hold", situation="查询")],
    principles=[Principle(id="pr-polite", name="文明用语", text="服务中不得使用生硬用语，不得推卸责任", source=SOURCE)],
)
# Lines written for this test (never from evals/data): rude lines share words nobody lists.
RUDE = ["你有本事就去投诉好了", "这点小钱也值得打电话", "你赶紧的别磨蹭了", "说了你也听不懂吧", "丢了就丢了还能怎样",
        "你自己不看清楚怪谁", "要投诉随便你去投", "这么点事还要来问", "你到底听明白没有", "别浪费我时间了"]
POLITE = ["请您稍等我帮您查一下", "好的马上为您处理", "感谢您的耐心等待", "这边帮您登记了工单", "您还有其他问题吗",
          "给您带来不便非常抱歉", "我会在明天回电给您", "您的退款已经提交了", "请问还有什么可以帮您", "我来跟进这件事"]


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return labelled_settings(tmp_path_factory.mktemp("labelled"), tmp_path_factory.mktemp("data"), RUDE, POLITE)


@pytest.fixture(scope="module")
def checker(settings):
    return Checker(RULEBOOK, settings)


@pytest.mark.parametrize("key,line", [("不归我管", "不归我们售后部门管"), ("不归我管", "不归咱们客服管"),
                                      ("我跟你说过了", "我跟您说过了"), ("我跟你说过了", "我们跟您们早就说过了")])
def test_gapped_key_matches_other_persons_and_inserted_words(key, line):
    import re

    assert re.search(gapped(key), line)


@pytest.mark.parametrize("key", ["我管", "不归管", "谢谢您"])
def test_short_or_pronoun_final_keys_get_no_gap(key):
    assert gapped(key) is None


@pytest.mark.parametrize("line", ["这个不归我们信用卡中心管，您换个号码打吧", "这个不归咱们营业厅管的"])
def test_forbidden_phrase_with_a_team_named_inside_is_flagged_with_its_id(checker, line):
    rules = {v.rule for v in checker.check(line).violations}
    assert "fp-not_mine" in rules


@pytest.mark.parametrize("line", ["我们培训时学过，不能说“这个不归我管”这种话", "按规定禁止说这个不归我管，我来帮您转接",
                                  "您反映之前有人说「这个不归我管」，我向您道歉"])
def test_a_quoted_or_named_forbidden_phrase_is_not_flagged(checker, line):
    assert not [v for v in checker.check(line).violations if v.rule == "fp-not_mine"]


def test_rulebook_without_principles_cites_the_general_rule(settings):
    bare = Rulebook(forbidden_phrases=RULEBOOK.forbidden_phrases)
    found = Checker(bare, settings).check("这都是你自己操作错了").violations
    assert found and all(v.rule and v.source.file for v in found)
    assert any(v.rule == GENERAL_RULE and v.source.file == "kefu 通用服务规范" for v in found)


def test_semantic_stage_caches_its_weights_and_skips_clean_lines(settings):
    embedder = BigramEmbedder("fake-bigrams")
    first = Checker(RULEBOOK, settings, embedder=embedder)
    assert first.semantic is not None and list(settings.models_dir.glob("semantic-*.npz"))
    trained = embedder.embedded
    warm = Semantic.load(settings, embedder, fast_version=FAST_VERSION)
    assert warm is not None and embedder.embedded == trained, "a warm start must not embed the training lines again"
    # A line the char model is sure of never reaches the embedder.
    clean = "好的"
    assert not first.semantic.unsure(clean)
    first.check(clean)
    assert embedder.embedded == trained


def test_semantic_findings_name_a_rule_and_its_source(settings):
    checker = Checker(RULEBOOK, settings, embedder=BigramEmbedder("fake-bigrams"))
    for line in RUDE:
        for v in checker.check(line).violations:
            assert v.rule and v.source.file and line[v.span[0]:v.span[1]] == v.phrase


def test_disabling_the_semantic_layer_drops_the_stage(settings):
    assert Checker(RULEBOOK, settings, disabled_layers={"semantic"}, embedder=BigramEmbedder("fake-bigrams")).semantic is None


def test_a_failing_embedder_leaves_the_fast_verdict(settings, monkeypatch):
    checker = Checker(RULEBOOK, settings, embedder=BigramEmbedder("fake-bigrams"))

    def down(texts):
        raise OSError("嵌入服务不可用")

    checker.semantic._embed = down
    # Every line is unsure, so every line asks the failing embedder.
    monkeypatch.setattr("assist.semantic.BAND", 2.0)
    for line in RUDE + POLITE:
        assert isinstance(checker.check(line).violations, list)


@pytest.mark.parametrize("line", ["您好，请稍等，我帮您查一下这笔订单", "嗯 那个 您自己去问商家吧 我这边管不了", "好的", "退款已经提交了，三个工作日内到账。"])
def test_units_cover_the_line_and_join_short_clauses(line):
    from assist.semantic import MIN_UNIT, unit_spans
    from knowledge.normalize import normalize_with_map

    key, offsets = normalize_with_map(line)
    spans = unit_spans(line, offsets)
    assert spans[0][0] == 0 and spans[-1][1] == len(key)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert len(spans) == 1 or all(e - s >= MIN_UNIT for s, e in spans[:-1])


def test_spaces_cut_units_in_unpunctuated_speech():
    from assist.semantic import units

    assert len(units("嗯 这个您等一下 我帮您看看后台记录")) == 2


def test_a_long_turn_reports_its_worst_unit(settings):
    checker = Checker(RULEBOOK, settings, embedder=BigramEmbedder("fake-bigrams"))
    semantic = checker.semantic
    # Every line passes (the neighbours' margin can take a score below zero).
    semantic.threshold = float("-inf")
    line = "好的马上为您处理，有本事你就去投诉吧，感谢您的耐心等待"
    from knowledge.normalize import normalize_with_map

    key, offsets = normalize_with_map(line)
    start, end = semantic.find(line, key, offsets)
    assert "投诉" in key[start:end] and "感谢" not in key[start:end]


def test_the_test_split_never_reaches_the_semantic_stage(settings, tmp_path):
    labelled = tmp_path / "labelled"
    labelled.mkdir()
    rows = (settings.labelled_dir / "check.jsonl").read_text(encoding="utf-8")
    models = []
    for extra in ["这事你别来烦我", "请您稍等片刻"]:
        held = json.dumps({"text": extra, "label": "violation", "split": "test"}, ensure_ascii=False)
        (labelled / "check.jsonl").write_text(rows + "\n" + held, encoding="utf-8")
        fold = settings.model_copy(update={"labelled_dir": labelled, "data_dir": tmp_path / "data"})
        Checker(RULEBOOK, fold, embedder=BigramEmbedder("fake-bigrams"))
        models.append(sorted(p.name for p in fold.models_dir.glob("semantic-*.npz")))
    assert models[0] == models[1] and len(models[0]) == 1


@pytest.mark.parametrize("compliant,allowed,expected", [([0.9, 0.8, 0.2], 1, 0.8), ([0.9, 0.8, 0.2], 0, 0.9),
                                                        ([0.1], 3, None), ([], 0, None), ([0.9, 0.1, 0.05], 1, None)])
def test_threshold_flags_at_most_the_allowed_compliant_lines(compliant, allowed, expected):
    from assist.semantic import MIN_THRESHOLD, _threshold

    assert _threshold(compliant, allowed) == pytest.approx(MIN_THRESHOLD if expected is None else expected, abs=1e-5)


@pytest.mark.parametrize("line,category", [("这真不是您的错，是我们系统出了问题", "blame_customer"),
                                           ("并不是您的问题，是我们通知晚了", "blame_customer"),
                                           ("我不管多晚都会给您回个电话", "shift_responsibility"),
                                           ("您说的清算是什么意思，我给您解释一下", "jargon"),
                                           ("您的分期已经还清，分期业务结束了", "jargon")])
def test_grammar_that_turns_a_rule_around_is_not_flagged(checker, line, category):
    assert category not in {v.category for v in checker.check(line).violations}


@pytest.mark.parametrize("line,category", [("这都是您自己没看清楚造成的", "blame_customer"),
                                           ("这事我们不管，您找别人", "shift_responsibility"),
                                           ("这笔钱还在清算，等着吧", "jargon")])
def test_the_same_rules_still_flag_when_said(checker, line, category):
    assert category in {v.category for v in checker.check(line).violations}


@pytest.mark.parametrize("line", ["<script>alert(1)</script>", "https://example.com/order?id=42", "OK thanks, bye"])
def test_a_line_without_chinese_is_not_judged_by_the_learned_stage(settings, line):
    semantic = Checker(RULEBOOK, settings, embedder=BigramEmbedder("fake-bigrams")).semantic
    semantic.threshold = float("-inf")
    from knowledge.normalize import normalize_with_map

    key, offsets = normalize_with_map(line)
    assert semantic.find(line, key, offsets) is None and not semantic.plausible(key)



@pytest.mark.parametrize(("own", "line"), [
    ("您的贷款利率已按最新LPR调整，我给您说明一下", "利率是按合同约定的LPR重定价的，我帮您算一下"),
    ("您的GPRS流量包已经生效，请您放心使用", "GPRS流量超出的部分按套餐计费"),
])
def test_an_acronym_the_centres_own_lines_say_is_no_jargon(settings, own, line):
    said = ScenarioPhrase(id="sp-own", text=own, source=SOURCE, scenario="hold", situation="说明")
    own_book = RULEBOOK.model_copy(update={"scenario_phrases": [*RULEBOOK.scenario_phrases, said]})
    assert "jargon" in {v.category for v in Checker(RULEBOOK, settings).check(line).violations}
    assert "jargon" not in {v.category for v in Checker(own_book, settings).check(line).violations}
