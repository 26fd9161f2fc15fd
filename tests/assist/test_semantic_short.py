"""Short plain turns: single function characters do not decide a line, thin gram evidence leans compliant."""
import math

import pytest

from assist import semantic
from assist.linear import fit_tfidf
from assist.semantic import C, NGRAMS, PRIOR_LOGIT, UNIGRAM_WEIGHT, CharModel
from knowledge.normalize import match_key

# Written for this test (never from evals/data): curt lines full of 了/没/不, and long courteous turns.
CURT = ["够了别再问了", "没空跟你说这个", "不知道你自己去查", "说了不行就是不行", "烦不烦啊你", "没办法了爱咋咋地",
        "不买就算了", "我不管了你看着办", "早说了没用的", "不会用就别用了"]
COURTEOUS = ["您好请问有什么可以帮您", "您的订单正在为您加急处理", "感谢您耐心等待这边为您核实", "麻烦您提供一下手机号码",
             "给您带来不便非常抱歉", "您反映的情况我这边登记一下", "稍后会有专员回电给您", "请您留意短信通知",
             "您的申请已经提交审核", "祝您生活愉快再见"]


@pytest.fixture(scope="module")
def model():
    keys = [match_key(t) for t in CURT + COURTEOUS]
    return CharModel(*fit_tfidf(keys, [1] * len(CURT) + [0] * len(COURTEOUS), NGRAMS, C, UNIGRAM_WEIGHT))


def plain_evidence(line: str) -> float:
    """The earlier recipe's evidence (logit minus bias): all grams in one l2-normalised block, at full weight."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    keys = [match_key(t) for t in CURT + COURTEOUS]
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, lowercase=False)
    fitted = LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(
        vectorizer.fit_transform(keys), [1] * len(CURT) + [0] * len(COURTEOUS))
    return float(fitted.decision_function(vectorizer.transform([match_key(line)]))[0] - fitted.intercept_[0])


# Short factual turns in several trades, each sharing only single characters with the curt lines.
@pytest.mark.parametrize("line", ["快递到了。", "额度没变。", "电表正常。", "航班准点了。", "保单生效了。", "网络恢复了。",
                                  "床位有空的。", "水费已缴。"])
def test_a_line_known_only_by_single_characters_scores_the_compliant_prior(model, line):
    _, informative = model.logit(match_key(line))
    assert informative == 0
    assert model.score(match_key(line)) == pytest.approx(1.0 / (1.0 + math.exp(-PRIOR_LOGIT)))


@pytest.mark.parametrize("line", ["快递到了。", "额度没变。", "网络恢复了。", "不用排队。", "积分不变。"])
def test_function_characters_weigh_less_than_in_the_plain_recipe(model, line):
    # The regression's own evidence, before the prior: a line of single characters keeps about their weight's share.
    plain = plain_evidence(line)
    assert plain > 0
    assert model.logit(match_key(line))[0] - model.bias < (UNIGRAM_WEIGHT + 0.2) * plain


@pytest.mark.parametrize("line", ["够了别再问了吧", "说了不行你还问", "不知道你去查吧", "烦不烦啊真是", "不买就算了随你"])
def test_curt_wording_with_known_grams_still_scores_as_a_violation(model, line):
    assert model.score(match_key(line)) > 0.5


@pytest.mark.parametrize("line", ["说了不行", "不买就算了"])
def test_a_weaker_prior_leaves_a_curt_line_more_of_its_evidence(model, line, monkeypatch):
    key = match_key(line)
    pulled = model.score(key)
    monkeypatch.setattr(semantic, "PRIOR_GRAMS", 0.5)
    assert model.score(key) > pulled
