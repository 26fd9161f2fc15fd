"""The semantic stage's courtesy side: quotation left out, compliant neighbours and prescribed lines pull back."""
import numpy as np
import pytest
from bigram_embedder import BigramEmbedder, labelled_settings

from assist.anchors import Anchors
from assist.check import FAST_VERSION, Checker
from assist.semantic import Semantic, _margin, unquoted
from knowledge.embeddings import LineVectors
from knowledge.normalize import match_key
from knowledge.rulebook import ForbiddenPhrase, Principle, RuleSource, Rulebook, ScenarioPhrase

SOURCE = RuleSource(file="某电信营业厅服务手册.md", article="第五条")
RULEBOOK = Rulebook(
    forbidden_phrases=[ForbiddenPhrase(id="fp-go_away", text="你找别人去", source=SOURCE, category="shift_responsibility")],
    scenario_phrases=[ScenarioPhrase(id="sp-close", text="请问还有其他可以帮您的吗？", source=SOURCE,
                                     scenario="closing", situation="结束通话前")],
    principles=[Principle(id="pr-polite", name="文明用语", text="不得使用生硬用语，不得推卸责任", source=SOURCE)],
)
# Written for this test (never from evals/data).
RUDE = ["您有本事就去投诉", "这点小钱也好意思打电话", "您赶紧的别磨蹭", "说了您也听不懂", "丢了就丢了还能怎样",
        "您自己不看清楚怪谁", "要投诉随便您", "这么点事也来问", "您到底听明白没有", "别浪费我的时间"]
POLITE = ["请您稍等我帮您查一下", "好的马上为您处理", "感谢您的耐心等待", "这边帮您登记了工单", "给您带来不便非常抱歉",
          "我会在明天回电给您", "您的退款已经提交了", "我来跟进这件事", "您的宽带明天有师傅上门", "账单明细发到您手机上了"]


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return labelled_settings(tmp_path_factory.mktemp("labelled"), tmp_path_factory.mktemp("data"), RUDE, POLITE)


@pytest.mark.parametrize("line,quoted", [("规范里写着不能说“你找别人去”，您的事我来办", "你找别人去"),
                                         ("您说之前有人跟您讲「这事不归我管」，我向您道歉", "这事不归我管"),
                                         ('培训时讲过"你问我我问谁"这种话不能说', "你问我我问谁")])
def test_unquoted_leaves_out_the_quoted_wording_and_keeps_the_rest(line, quoted):
    said = unquoted(line)
    assert match_key(quoted) not in match_key(said)
    assert "说" in said and len(match_key(said)) >= 4


@pytest.mark.parametrize("line", ["好的，马上为您处理", "“您好”", "您稍等"])
def test_a_line_without_quotation_or_only_quotation_is_kept_whole(line):
    assert unquoted(line) == line


@pytest.mark.parametrize("line", ["请问还有其他可以帮您的吗", "感谢您的耐心等待"])
def test_a_compliant_neighbour_lowers_the_margin(line):
    embedder = BigramEmbedder("fake-bigrams-semantic")
    vector = embedder.embed_passages([line])
    bad = embedder.embed_passages(RUDE)
    without = _margin(vector, bad, embedder.embed_passages(POLITE[5:]))[0]
    with_it = _margin(vector, bad, embedder.embed_passages(POLITE[5:] + [line]))[0]
    assert with_it < without


def test_the_cache_keeps_the_neighbours(settings):
    embedder = BigramEmbedder("fake-bigrams-semantic")
    first = Checker(RULEBOOK, settings, embedder=embedder)
    stage = first.semantic
    assert stage is not None and len(stage.bad) and len(stage.good) >= len(POLITE)
    warm = Semantic.load(settings, embedder, fast_version=FAST_VERSION)
    assert warm is not None
    assert np.allclose(warm.bad, stage.bad) and warm.threshold == pytest.approx(stage.threshold)


@pytest.mark.parametrize("line", ["请问还有其他可以帮您的吗？", "还有其他可以帮您的吗"])
def test_a_prescribed_line_pulls_the_score_down(settings, line, monkeypatch):
    # Scored as an unsure line is, with the neighbours' margin.
    monkeypatch.setattr("assist.semantic.BAND", 2.0)
    checker = Checker(RULEBOOK, settings, embedder=BigramEmbedder("fake-bigrams-semantic"))
    assert len(checker.anchors.prescribed) == len(RULEBOOK.scenario_phrases)
    semantic = checker.semantic
    plain = Semantic(semantic.model, semantic._embed, semantic.threshold, semantic.center, semantic.bad,
                     semantic.good[:-len(RULEBOOK.scenario_phrases)])
    assert semantic.score(line, match_key(line)) < plain.score(line, match_key(line))


@pytest.mark.parametrize("line", ["我们这里不允许说“你找别人去”，您的问题我来处理", "您说同事让您「找别人去」，这是我们的不对"])
def test_anchors_do_not_flag_a_quoted_forbidden_phrase(line):
    embedder = BigramEmbedder("fake-bigrams-semantic")
    anchors = Anchors(RULEBOOK, embedder, LineVectors(embedder))
    assert anchors.find(line, match_key(line)) is None


PROMISE = Rulebook(forbidden_phrases=[ForbiddenPhrase(id="fp-promise", text="这款理财稳赚不赔", source=SOURCE,
                                                     category="forbidden_phrase")])


class _Recording(LineVectors):
    """Line vectors that note every line asked for."""

    def __init__(self, embedder):
        super().__init__(embedder)
        self.asked: list[str] = []

    def __call__(self, texts):
        self.asked += texts
        return super().__call__(texts)


@pytest.mark.parametrize("line,asked", [("您放心，这款理财稳赚不赔的", True), ("这款理财稳赚不赔，您放心买", True),
                                        ("这款理财的收益说明我发给您", False)])
def test_a_line_repeating_most_of_a_phrase_is_asked_even_when_the_char_model_finds_it_clean(line, asked):
    # A promise in polite words scores low on a model that learnt rudeness; the wording it repeats decides.
    embedder = BigramEmbedder("fake-bigrams-semantic")
    lines = _Recording(embedder)
    anchors = Anchors(PROMISE, embedder, lines, plausible=lambda key: False)
    anchors.find(line, match_key(line))
    assert bool(lines.asked) is asked


@pytest.mark.parametrize("held", [True, False])
def test_a_line_sharing_no_wording_is_asked_only_when_its_vector_is_at_hand(held):
    # The trained stage embeds a line whose char score sits near its decision; the anchors may then weigh it for free.
    embedder = BigramEmbedder("fake-bigrams-semantic")
    lines = _Recording(embedder)
    line = "收益肯定比定期高，您放一百个心"
    if held:
        lines([line])
        lines.asked.clear()
    anchors = Anchors(PROMISE, embedder, lines, plausible=lambda key: True)
    anchors.find(line, match_key(line))
    assert bool(lines.asked) is held


def test_anchors_take_compliant_vectors_as_negatives():
    embedder = BigramEmbedder("fake-bigrams-semantic")
    extra = embedder.embed_passages(POLITE)
    plain = Anchors(RULEBOOK, embedder, LineVectors(embedder))
    more = Anchors(RULEBOOK, embedder, LineVectors(embedder), extra)
    assert len(more.good) == len(plain.good) + len(POLITE)


@pytest.mark.parametrize("line", ["您有本事就去投诉吧", "请您稍等我帮您查一下", "投诉投诉投诉", "完全没见过的字词组合"])
def test_the_exported_char_model_scores_as_the_fitted_one(line):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from assist.linear import fit_tfidf
    from assist.semantic import NGRAMS, UNIGRAM_WEIGHT, CharModel

    keys = [match_key(t) for t in RUDE + POLITE]
    labels = [1] * len(RUDE) + [0] * len(POLITE)
    model = CharModel(*fit_tfidf(keys, labels, NGRAMS, 16.0, UNIGRAM_WEIGHT))
    # The same features built by hand: single characters and longer grams l2-normalised apart.
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, lowercase=False, norm=None)
    single = np.array([len(g) == 1 for g in vectorizer.fit(keys).get_feature_names_out()])

    def features(texts):
        rows = vectorizer.transform(texts).toarray()
        blocks = []
        for mask, weight in ((single, UNIGRAM_WEIGHT), (~single, 1.0)):
            norm = np.linalg.norm(rows[:, mask], axis=1, keepdims=True)
            blocks.append(weight * rows[:, mask] / np.where(norm == 0, 1.0, norm))
        return np.hstack(blocks)

    fitted = LogisticRegression(C=16.0, max_iter=3000).fit(features(keys), labels)
    expected = fitted.decision_function(features([match_key(line)]))[0]
    assert model.logit(match_key(line))[0] == pytest.approx(expected, abs=1e-3)
