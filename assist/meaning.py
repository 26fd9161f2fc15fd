"""A line's sentence vector model: which label a line's meaning points to, for wording no n-gram was taught.

An embedder (knowledge/embeddings.py) turns a line into an e5 vector ("query: " convention); a multinomial logistic
regression on the vectors of the lines a reader learns from gives every label a log-probability. Training embeds
each distinct training line once (about two thousand: a minute or two on two shared cores), so the weights are
cached in the data dir under the hash of the embedder and the training data, and the package ships the weights for
its own data (assist/<name>_vectors.json). Reading a line is one embedding and a dot product, no scikit-learn.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from assist.linear import fit_dense, recipe_digest
from core.files import written_whole
from core.settings import Settings

# Inverse regularization of the regression, as for the scenario n-gram model (for emotion, 1.0 read no better).
C = 4.0
# Lines sent to the embedder at once while training.
BATCH = 256


class VectorModel:
    """Exported weights: a vector's dot product with one column per label, then a softmax."""

    def __init__(self, labels: list[str], weights: np.ndarray, bias: np.ndarray):
        self.labels = labels
        self.weights = weights
        self.bias = bias

    def log_probabilities(self, vector: np.ndarray) -> dict[str, float]:
        """Log-probability of every label for one line vector."""
        z = np.asarray(vector, dtype=np.float32) @ self.weights + self.bias
        z = z - z.max()
        z = z - math.log(float(np.exp(z).sum()))
        return dict(zip(self.labels, z.tolist()))

    def save(self, path: Path, digest: str) -> None:
        """Write the weights as JSON (package data ships JSON) with the digest of what they were trained on."""
        data = {"digest": digest, "labels": self.labels, "bias": np.round(self.bias, 5).tolist(),
                "weights": np.round(self.weights, 5).tolist()}
        with written_whole(path) as partial:
            partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path, digest: str) -> "VectorModel | None":
        """The weights stored at path when they were trained on `digest`, else None."""
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data["digest"] != digest:
                return None
            return cls(data["labels"], np.asarray(data["weights"], dtype=np.float32),
                       np.asarray(data["bias"], dtype=np.float32))
        except (OSError, ValueError, KeyError):
            return None  # a corrupt file is simply retrained


def training_digest(embedder, texts: list[str], labels: list[str], c: float = C) -> str:
    """Hash of the embedder's name and the training data: the key of cached and shipped weights."""
    return recipe_digest([getattr(embedder, "name", ""), texts, labels, c])


def shipped_path(name: str) -> Path:
    """Where the package keeps the weights trained on its own data for the reader called name."""
    return Path(__file__).with_name(f"{name}_vectors.json")


def vector_model(settings: Settings, name: str, embedder, texts: list[str], labels: list[str],
                 c: float = C) -> VectorModel:
    """The vector model of texts → labels, from the data-dir cache or the shipped file when neither changed."""
    digest = training_digest(embedder, texts, labels, c)
    cache = Path(settings.models_dir) / f"{name}-vectors-{digest}.json"
    for path in (cache, shipped_path(name)):
        if (model := VectorModel.load(path, digest)) is not None:
            return model
    model = train_vectors(embedder, texts, labels, c)
    model.save(cache, digest)
    return model


def train_vectors(embedder, texts: list[str], labels: list[str], c: float = C) -> VectorModel:
    """Embed each distinct text once and fit the regression on one row per (repeated) training line."""
    distinct = list(dict.fromkeys(texts))
    rows = np.concatenate([embedder.embed_queries(distinct[i:i + BATCH]) for i in range(0, len(distinct), BATCH)])
    index = {text: i for i, text in enumerate(distinct)}
    return VectorModel(*fit_dense(rows[[index[t] for t in texts]], labels, c))


def blend(probs: dict[str, float], log_probs: dict[str, float], weight: float) -> dict[str, float]:
    """p ∝ exp((1 − weight)·log p_ngram + weight·log p_vector), over the n-gram model's labels."""
    floor = min(log_probs.values(), default=0.0)
    z = {label: (1 - weight) * math.log(p + 1e-9) + weight * log_probs.get(label, floor) for label, p in probs.items()}
    top = max(z.values())
    exps = {label: math.exp(v - top) for label, v in z.items()}
    norm = sum(exps.values())
    return {label: e / norm for label, e in exps.items()}


class LineMeaning:
    """The vector of the customer's last line, embedded once however many readers ask about it.

    The (line, vector) pair is replaced whole, so threads may share it.
    """

    def __init__(self, embedder):
        self._embed = embedder.embed_queries
        self._last: tuple[str | None, np.ndarray | None] = (None, None)

    def __call__(self, text: str) -> np.ndarray:
        """The line's vector (the last one asked for is remembered, not recomputed)."""
        last_text, last_vector = self._last
        if text == last_text:
            return last_vector
        vector = self._embed([text])[0]
        self._last = (text, vector)
        return vector
