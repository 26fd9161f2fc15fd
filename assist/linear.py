"""Linear text models on character n-grams, exported to plain weights (the only scikit-learn user).

scikit-learn only trains; every model here is exported to dicts or arrays so that scoring is a few lookups and
a warm start never imports scikit-learn. The emotion and scenario readers use the multi-class model, the check
model and its semantic stage the binary ones, the meaning reader the dense one.
"""
from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

from pydantic import BaseModel

from core.files import written_whole
from core.settings import Settings
from knowledge.normalize import normalize

# Punctuation stays in these features: ！！ and ？ say a lot about a customer's mood.
LINEAR_NGRAMS = (1, 2, 3)


def text_grams(text: str) -> set[str]:
    """Distinct char 1–3-grams of the normalized text, spaces removed, punctuation kept."""
    key = normalize(text).lower().replace(" ", "").replace("\n", "")
    return {key[i:i + n] for n in LINEAR_NGRAMS for i in range(len(key) - n + 1)}


class LinearModel(BaseModel):
    """A trained multi-class linear model exported to n-gram → per-label weights."""

    labels: list[str] = []
    bias: list[float] = []
    weights: dict[str, list[float]] = {}

    def probabilities(self, text: str) -> dict[str, float]:
        """Softmax probability of every label (empty when the model is untrained)."""
        if not self.labels:
            return {}
        totals = list(self.bias)
        for gram in text_grams(text):
            for i, w in enumerate(self.weights.get(gram, ())):
                totals[i] += w
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        norm = sum(exps)
        return {label: e / norm for label, e in zip(self.labels, exps)}

    def predict(self, text: str) -> tuple[str | None, float]:
        """The most likely label and its probability (None, 0.0 when untrained)."""
        probs = self.probabilities(text)
        if not probs:
            return None, 0.0
        label = max(probs, key=probs.__getitem__)
        return label, probs[label]


def train_linear(texts: list[str], labels: list[str], c: float = 4.0, nb_weight: float = 0.0) -> LinearModel:
    """Fit a logistic regression on char n-grams (plus nb_weight × complement naive Bayes) and export plain weights."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import ComplementNB

    if len(set(labels)) < 2:
        return LinearModel()
    vectorizer = CountVectorizer(analyzer=lambda t: sorted(text_grams(t)), binary=True)
    matrix = vectorizer.fit_transform(texts)
    classes, coef, bias = _per_label(LogisticRegression(C=c, max_iter=3000).fit(matrix, labels))
    if nb_weight:
        # Naive Bayes log-probabilities are linear in the grams too, so the blend stays one dict lookup per gram;
        # centring each gram across labels keeps the weights small without changing the softmax.
        nb = ComplementNB().fit(matrix, labels).feature_log_prob_
        coef = [row + nb_weight * (nb_row - nb.mean(axis=0)) for row, nb_row in zip(coef, nb)]
    vocabulary = vectorizer.get_feature_names_out()
    weights = {g: [round(float(row[j]), 5) for row in coef] for j, g in enumerate(vocabulary)}
    return LinearModel(labels=classes, bias=[float(b) for b in bias],
                       weights={g: w for g, w in weights.items() if any(abs(x) > 1e-4 for x in w)})


def recipe_digest(recipe: list) -> str:
    """A short, stable key for a trained model: the hash of everything its training reads (cache file names)."""
    return hashlib.sha256(json.dumps(recipe, ensure_ascii=False).encode()).hexdigest()[:16]


def cached_linear(settings: Settings, name: str, texts: list[str], labels: list[str], c: float = 4.0,
                  nb_weight: float = 0.0) -> LinearModel:
    """train_linear, cached in the data dir under the hash of its training data."""
    # Without the blend the key is what it was before nb_weight existed, so models cached then stay valid.
    recipe = [texts, labels, c] + ([nb_weight] if nb_weight else [])
    cache = Path(settings.models_dir) / f"{name}-{recipe_digest(recipe)}.json"
    if cache.exists():
        try:
            return LinearModel.model_validate_json(cache.read_text(encoding="utf-8"))
        except ValueError:
            pass  # a corrupt cache is simply retrained
    model = train_linear(texts, labels, c, nb_weight)
    # Whole or not at all: processes sharing the model cache may read it while another writes it.
    with written_whole(cache) as partial:
        partial.write_text(model.model_dump_json(), encoding="utf-8")
    return model


def fit_dense(rows, labels: list[str], c: float = 4.0):
    """A multinomial logistic regression on dense rows (sentence vectors), exported as (labels, weights, bias)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    classes, coef, bias = _per_label(LogisticRegression(C=c, max_iter=3000).fit(rows, labels))
    return classes, coef.T.astype(np.float32), bias.astype(np.float32)


def _per_label(fit):
    """A fitted multinomial regression as (labels, one coefficient row per label, one bias per label)."""
    import numpy as np

    classes = [str(label) for label in fit.classes_]
    if len(classes) > 2:
        return classes, fit.coef_, fit.intercept_
    # Two classes come back as one row of coefficients; spread them as ±half to keep softmax exact.
    return classes, np.stack([-fit.coef_[0] / 2, fit.coef_[0] / 2]), np.array([-fit.intercept_[0] / 2, fit.intercept_[0] / 2])


def fit_char_binary(texts: list[str], labels: list[int], ngrams: tuple[int, ...], c: float) -> tuple[float, dict[str, float]]:
    """A balanced logistic regression on binary char n-grams, exported as (bias, gram → weight)."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = CountVectorizer(analyzer="char", ngram_range=(ngrams[0], ngrams[-1]), binary=True, lowercase=False)
    matrix = vectorizer.fit_transform(texts)
    # liblinear fits this sparse binary problem several times faster than lbfgs, and a Checker in a
    # fresh data dir trains six of them (the model and its threshold folds).
    fit = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver="liblinear").fit(matrix, labels)
    return float(fit.intercept_[0]), {
        g: float(w) for g, w in zip(vectorizer.get_feature_names_out(), fit.coef_[0]) if abs(w) > 1e-4}


def fit_tfidf(keys: list[str], labels: list[int], ngrams: tuple[int, ...], c: float, unigram_weight: float):
    """A logistic regression on sublinear TF-IDF char n-grams, exported as (grams, idf, coefficients, bias).

    Single characters and longer grams are l2-normalised as two blocks, the single characters' block scaled
    by `unigram_weight` (see assist/semantic.py).
    """
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(ngrams[0], ngrams[-1]), sublinear_tf=True,
                                 lowercase=False, norm=None)
    features = vectorizer.fit_transform(keys)
    grams = vectorizer.get_feature_names_out().astype(str)
    features = _blocks(features, np.char.str_len(grams) == 1, unigram_weight)
    # Balanced: the corpus's everyday turns are mostly compliant, and the decision is placed on held-out
    # scores anyway.
    fit = LogisticRegression(C=c, class_weight="balanced", max_iter=3000).fit(features, labels)
    return grams, vectorizer.idf_.astype(np.float32), fit.coef_[0].astype(np.float32), float(fit.intercept_[0])


def _blocks(features, single, weight: float):
    """Rows l2-normalised within the single-character columns and within the rest; the first block times weight."""
    import numpy as np

    squares = features.multiply(features).tocsc()
    norms = [np.sqrt(np.asarray(squares[:, np.flatnonzero(mask)].sum(axis=1)).ravel()) for mask in (single, ~single)]
    for norm in norms:
        norm[norm == 0] = 1.0
    cells = features.tocoo()
    factor = np.where(single[cells.col], weight / norms[0][cells.row], 1.0 / norms[1][cells.row])
    cells.data = cells.data * factor
    return cells.tocsr()
