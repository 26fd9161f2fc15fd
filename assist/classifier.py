"""A small learned model for paraphrased violations no list contains (the only scikit-learn user).

Char 1–3-grams of the matching key into a logistic regression. scikit-learn only trains it; the
weights are exported to a plain dict so scoring a clause is a few dict lookups, and cached in the
data dir under the hash of its training data (labelled file, seeds, rulebook wording) so a warm
start never imports scikit-learn.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from pathlib import Path

import yaml
from pydantic import BaseModel

from assist.rudeness import rude_signal
from core.files import written_whole
from core.settings import Settings
from knowledge.normalize import match_key, normalize

DATA_FILE = "check.jsonl"
# Agent lines from other centres (banks, telecoms, shops…), one JSONL file per domain; their train
# split joins the training set so the model learns how agents elsewhere word a violation, their dev
# split places the threshold.
CORPUS_DIR = "agent_lines"
NGRAMS = (1, 2, 3)
# A clause this short carries too little signal; the lexicon and rules cover it.
MIN_CHARS = 3
# Threshold tuning keeps the held-out false-positive rate on compliant lines under this.
MAX_FPR = 0.03
# Behind the rude-signal gate, held-out scores of compliant clauses mostly stay under 0.15; the
# threshold never drops below this, which leaves a margin for unseen near-misses.
MIN_THRESHOLD = 0.5
FOLDS = 5
# Inverse regularization of the logistic regression.
C = 2.0


# --- generic multi-class linear text model (emotion, scenario) ---

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


# --- the check model: is this clause a violation? ---

# Hand-written rude and compliant lines (assist/check_seeds.yaml), always part of the training set.
SEEDS_FILE = Path(__file__).with_name("check_seeds.yaml")
# Bumped when the training recipe changes, so cached models are retrained.
RECIPE = "6"
# Placeholders inside prescribed phrases (XX先生, ***, ……) split them into trainable pieces.
_PLACEHOLDER = re.compile(r"[xX×*＊]{2,}|…+|\.{3,}|[（(][^）)]*[）)]|/")


class Example(BaseModel):
    """One labelled agent utterance from evals/data/check.jsonl (or a seed: split 'seed')."""

    text: str
    violation: bool
    category: str | None = None
    split: str


class Model(BaseModel):
    """Exported weights: n-gram → weight for 'violation', plus a model of the violation category."""

    bias: float = 0.0
    weights: dict[str, float] = {}
    threshold: float = 1.0
    categories: LinearModel = LinearModel()
    trained_on: str = ""


def grams(key: str) -> set[str]:
    """The distinct char n-grams of a matching key."""
    return {key[i:i + n] for n in NGRAMS for i in range(len(key) - n + 1)}


def load_examples(path: Path) -> list[Example]:
    """Read labelled utterances; a row is a violation when it carries a violating label or category."""
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        label = str(row.get("label", "")).lower()
        category = row.get("category") or None
        violation = label in {"violation", "bad", "1", "true", "forbidden"} or (
            not label and bool(category) and category != "ok")
        examples.append(Example(text=row["text"], violation=violation,
                                category=category if violation else None, split=row.get("split", "train")))
    return examples


def labelled_files(settings: Settings) -> list[Path]:
    """The labelled files the check model learns from: the demo split and every corpus domain file."""
    root = Path(settings.labelled_dir)
    return [p for p in [root / DATA_FILE, *sorted((root / CORPUS_DIR).glob("*.jsonl"))] if p.exists()]


def seed_examples(rulebook=None) -> list[Example]:
    """Hand-written seeds plus the rulebook's own wording: forbidden phrases bad, prescribed phrases good."""
    seeds = yaml.safe_load(SEEDS_FILE.read_text(encoding="utf-8"))
    examples = [Example(text=t, violation=True, category=c, split="seed")
                for c, texts in seeds["violations"].items() for t in texts]
    examples += [Example(text=t, violation=False, split="seed") for t in seeds["compliant"]]
    if rulebook is not None:
        # Bare 您好 / 再见 are wrong only as a whole call opening or ending, not as words.
        examples += [Example(text=t, violation=True, category=f.category, split="seed")
                     for f in rulebook.forbidden_phrases if f.category != "bare_opening" for t in [f.text, *f.variants]]
        examples += [Example(text=part, violation=False, split="seed")
                     for p in rulebook.scenario_phrases for part in _PLACEHOLDER.split(p.text) if len(match_key(part)) >= 2]
    return examples


class Classifier:
    """Scores one clause's matching key: probability that it breaks a service rule."""

    def __init__(self, model: Model):
        self.model = model
        self._weights = model.weights
        self._bias = model.bias

    @classmethod
    def load(cls, settings: Settings, rulebook=None) -> "Classifier":
        """The model trained on the labelled file, seeds and rulebook, from cache when none changed."""
        paths = labelled_files(settings)
        if not paths:
            return cls(Model())
        extra = seed_examples(rulebook)
        # Keyed on what training reads: a change to a test line neither retrains nor moves a threshold.
        examples = [e for p in paths for e in load_examples(p) if e.split in ("train", "dev")]
        digest = recipe_digest([RECIPE, [e.model_dump() for e in examples + extra]])
        cache = Path(settings.models_dir) / f"check-{digest}.json"
        if cache.exists():
            try:
                return cls(Model.model_validate_json(cache.read_text(encoding="utf-8")))
            except ValueError:
                pass  # a corrupt cache is simply retrained
        model = train(examples, extra)
        model.trained_on = digest
        with written_whole(cache) as partial:
            partial.write_text(model.model_dump_json(), encoding="utf-8")
        return cls(model)

    def score(self, key: str) -> float:
        """Violation probability of one clause key (0 when the model is empty or the clause tiny)."""
        if len(key) < MIN_CHARS or not self._weights:
            return 0.0
        weights = self._weights
        z = self._bias
        for gram in grams(key):
            z += weights.get(gram, 0.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def flags(self, key: str) -> bool:
        """Whether one clause key carries a rude signal and scores over the cross-validated threshold."""
        return rude_signal(key) and self.score(key) >= self.model.threshold

    def category(self, key: str) -> str | None:
        """The most likely violation category of a flagged clause."""
        return self.model.categories.predict(key)[0]


def fit_binary(rows: list[Example]) -> Model:
    """Fit the violation model on rows (whole lines, plus every clause of a compliant line)."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    from assist.clauses import clause_keys

    texts, labels = [], []
    for e in rows:
        # Compliant lines teach that none of their clauses is bad; violating lines are kept whole
        # (their offending clause is unknown) and scored per clause at inference.
        texts.append(match_key(e.text))
        labels.append(int(e.violation))
        if not e.violation:
            for key in clause_keys(e.text):
                texts.append(key)
                labels.append(0)
    vectorizer = CountVectorizer(analyzer="char", ngram_range=(NGRAMS[0], NGRAMS[-1]), binary=True, lowercase=False)
    matrix = vectorizer.fit_transform(texts)
    # liblinear fits this sparse binary problem several times faster than lbfgs, and a Checker in a
    # fresh data dir trains six of them (the model and its threshold folds).
    fit = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, solver="liblinear").fit(matrix, labels)
    return Model(bias=float(fit.intercept_[0]), weights={
        g: float(w) for g, w in zip(vectorizer.get_feature_names_out(), fit.coef_[0]) if abs(w) > 1e-4})


def train(examples: list[Example], extra: list[Example] = ()) -> Model:
    """Fit on 'train' plus extra; place the threshold on 'dev' (k-fold over 'train' without one); never see 'test'."""
    fitted = [e for e in examples if e.split == "train"]
    dev = [e for e in examples if e.split == "dev"]
    rows = fitted + list(extra)
    if len({e.violation for e in rows}) < 2:
        return Model()
    model = fit_binary(rows)
    bad = [e for e in rows if e.violation and e.category]
    model.categories = train_linear([e.text for e in bad], [e.category for e in bad])
    if dev:
        # Lines the model never saw place the threshold, as they will meet it in use.
        model.threshold = tune_threshold([(Classifier(model), e) for e in dev])
        return model
    # Without a dev split every train line is scored once by a model that did not see it.
    held_out = []
    for k in range(FOLDS):
        fold = [e for i, e in enumerate(fitted) if i % FOLDS == k]
        rest = [e for i, e in enumerate(fitted) if i % FOLDS != k] + list(extra)
        if fold and len({e.violation for e in rest}) == 2:
            scorer = Classifier(fit_binary(rest))
            held_out += [(scorer, e) for e in fold]
    model.threshold = tune_threshold(held_out)
    return model


def tune_threshold(scored: list[tuple[Classifier, Example]]) -> float:
    """The lowest threshold whose false-positive rate on held-out compliant lines stays under MAX_FPR."""
    from assist.clauses import clause_keys

    # Only clauses the gate lets through can ever be flagged, so only they place the threshold.
    ok = [max((c.score(k) for k in clause_keys(e.text) if rude_signal(k)), default=0.0)
          for c, e in scored if not e.violation]
    if not ok:
        return MIN_THRESHOLD
    allowed = int(MAX_FPR * len(ok))
    ranked = sorted(ok, reverse=True)
    # Sit just above the (allowed+1)-th highest compliant score, never below MIN_THRESHOLD.
    return max(MIN_THRESHOLD, ranked[allowed] + 1e-6 if allowed < len(ranked) else MIN_THRESHOLD)


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
