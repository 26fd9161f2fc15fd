"""Types shared across packages: citations, chunks and search hits."""
from __future__ import annotations

from pydantic import BaseModel


class Source(BaseModel):
    """Where a rule or passage comes from: the source file and its heading path."""

    file: str
    article: str

    def cite(self) -> str:
        return f"{self.file} · {self.article}"


class Chunk(BaseModel):
    """A retrievable passage that stays inside one article or table row."""

    id: str
    text: str
    source: str
    article: str


class Hit(BaseModel):
    """One search result with its fused score."""

    text: str
    source: str
    article: str
    score: float
