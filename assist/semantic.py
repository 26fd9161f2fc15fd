"""The check cascade's semantic stage: a sentence-embedding vote for lines no phrase or n-gram settles.

Agents elsewhere word a violation in ways no list holds (daring the customer to complain, belittling
a loss, rushing). The char n-gram model catches their wording only when it shares n-grams with what
it was trained on; an e5 sentence vector carries the meaning. The stage averages the two
probabilities for the whole line. Embedding costs tens of milliseconds, so it runs only on lines the
fast layers left clean and whose n-gram score is above a gate placed on out-of-fold scores: most
clean lines never reach it. Weights are numpy arrays cached in the data dir under the hash of the
training data and the embedder's name.
"""
from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import numpy as np

from assist.classifier import Classifier, Example, fit_binary, fit_dense, labelled_files, load_examples, seed_examples
from core.settings import Settings
from knowledge.normalize import match_key

# Bumped when the recipe changes, so cached weights are retrained.
RECIPE = "1"
FOLDS = 5
# Out-of-fold false-positive rate allowed to the stage on compliant labelled lines; the rule layers
# add their own, so this stays under the acceptance bar of the whole check.
MAX_FPR = 0.02
# Share of out-of-fold detections the gate may give up to keep clean lines on the fast path.
GATE_LOSS = 0.01
MIN_THRESHOLD = 0.45


class Semantic:
    """Scores a whole line: mean of the n-gram model's and the embedding model's violation probability."""

    def __init__(self, classifier: Classifier, embedder, coef: np.ndarray, bias: float, threshold: float,
                 gate: float):
        self.classifier = classifier
        # Lines are embedded one at a time at check time; the content cache is for training rows only.
        self._embed = getattr(embedder, "inner", embedder).embed_passages
        self.coef, self.bias, self.threshold, self.gate = coef, bias, threshold, gate

    @classmethod
    def load(cls, settings: Settings, classifier: Classifier, embedder) -> "Semantic | None":
        """The stage trained on the labelled lines and seeds, from cache when neither changed; None untrained."""
        paths = labelled_files(settings)
        if not paths or not classifier.model.weights:
            return None
        examples = [e for p in paths for e in load_examples(p) if e.split in ("train", "dev")]
        # Hand-written seeds only, not the workspace's rulebook: one model serves every workspace, so a
        # review change never retrains it (the lexicon already knows the rulebook's own phrases).
        extra = seed_examples()
        digest = hashlib.sha256(json.dumps([RECIPE, embedder.name, [e.model_dump() for e in examples + extra]],
                                           ensure_ascii=False).encode()).hexdigest()[:16]
        cache = Path(settings.models_dir) / f"semantic-{digest}.npz"
        if cache.exists():
            try:
                with np.load(cache) as stored:
                    return cls(classifier, embedder, stored["coef"], float(stored["bias"]),
                               float(stored["threshold"]), float(stored["gate"]))
            except (OSError, ValueError, KeyError):
                pass  # a corrupt cache is simply retrained
        coef, bias, threshold, gate = train(examples, extra, embedder)
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(".partial.npz")
        np.savez(partial, coef=coef, bias=bias, threshold=threshold, gate=gate)
        partial.replace(cache)
        return cls(classifier, embedder, coef, bias, threshold, gate)

    def unsure(self, key: str) -> bool:
        """Whether the fast model's line score is high enough for the embedding to be worth its cost."""
        return self.classifier.score(key) >= self.gate

    def score(self, text: str, key: str) -> float:
        """Mean violation probability of the n-gram model and the embedding model for one line."""
        vector = self._embed([text])[0]
        return (self.classifier.score(key) + _sigmoid(float(vector @ self.coef) + self.bias)) / 2

    def flags(self, text: str, key: str) -> bool:
        """Whether a line the fast layers left clean breaks a rule, by the cascade's gate and threshold."""
        if not self.unsure(key):
            return False
        try:
            return self.score(text, key) >= self.threshold
        except (OSError, RuntimeError, ValueError):
            # A served embedder that fails must not break a check: the fast layers' verdict stands.
            return False


def train(examples: list[Example], extra: list[Example], embedder) -> tuple[np.ndarray, float, float, float]:
    """Fit the embedding model; place threshold and gate on k-fold out-of-fold scores of labelled lines."""
    rows = examples + extra
    vectors = embedder.embed_passages([e.text for e in rows])
    labels = np.array([int(e.violation) for e in rows])
    coef, bias = fit_dense(vectors, labels.tolist())
    ngram, mean = np.zeros(len(examples)), np.zeros(len(examples))
    for k in range(FOLDS):
        fold = [i for i in range(len(examples)) if i % FOLDS == k]
        rest = [i for i in range(len(rows)) if i >= len(examples) or i % FOLDS != k]
        if not fold or len(set(labels[rest])) < 2:
            continue
        scorer = Classifier(fit_binary([rows[i] for i in rest]))
        w, b = fit_dense(vectors[rest], labels[rest].tolist())
        for i in fold:
            ngram[i] = scorer.score(match_key(examples[i].text))
            mean[i] = (ngram[i] + _sigmoid(float(vectors[i] @ np.array(w)) + b)) / 2
    bad = labels[:len(examples)] == 1
    threshold = _threshold(mean[~bad])
    caught = np.sort(ngram[bad & (mean >= threshold)])
    gate = float(caught[int(GATE_LOSS * len(caught))]) if len(caught) else 0.0
    return np.array(coef, dtype=np.float32), bias, threshold, gate


def _threshold(compliant: np.ndarray) -> float:
    """The lowest threshold whose out-of-fold false-positive rate stays under MAX_FPR."""
    if not len(compliant):
        return MIN_THRESHOLD
    ranked = np.sort(compliant)[::-1]
    allowed = int(MAX_FPR * len(ranked))
    return max(MIN_THRESHOLD, float(ranked[allowed]) + 1e-6) if allowed < len(ranked) else MIN_THRESHOLD


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
