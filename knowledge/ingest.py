"""The ingest pipeline: sources → clean → chunk → embed (cached) → store, idempotently."""
from __future__ import annotations

import shutil
import time

from pydantic import BaseModel

from core.settings import Settings
from core.types import Chunk
from knowledge.chunks import chunk_document
from knowledge.clean import clean_sources
from knowledge.report import ingest_report
from knowledge.embeddings import make_embedder
from knowledge.store import Store


class IngestReport(BaseModel):
    """What one ingest run did; `files` holds the cleaning report row of each source."""

    skipped: bool = False
    chunks: int = 0
    embedded: int = 0
    deleted: int = 0
    seconds: float = 0.0
    store: str
    files: list[dict] = []


def where(settings: Settings) -> str:
    """Where the store lives: the Chroma server URL or its directory."""
    return settings.chroma_url or str(settings.data_dir / "chroma")


def ingest(settings: Settings, force: bool = False, if_missing: bool = False) -> IngestReport:
    """Build or refresh the knowledge store; only passages whose text changed are embedded.

    `force` drops the stored chunks and the embedding cache first (a cold rebuild);
    `if_missing` does nothing when the store already holds chunks.
    """
    started = time.perf_counter()
    if force:
        shutil.rmtree(settings.data_dir / "embeddings", ignore_errors=True)
    embedder = make_embedder(settings)
    store = Store(settings, embedder)
    if if_missing and not force and store.exists():
        return IngestReport(skipped=True, store=where(settings))
    docs = clean_sources(settings.sources_dir)
    chunks: list[Chunk] = [chunk for doc in docs for chunk in chunk_document(doc)]
    stale = store.ids() if force else store.ids() - {chunk.id for chunk in chunks}
    store.delete(stale)
    store.upsert(chunks)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    # A plain-text copy of what was stored, for reading and for tools that skip Chroma.
    with open(settings.data_dir / "chunks.jsonl", "w", encoding="utf-8") as out:
        out.writelines(chunk.model_dump_json() + "\n" for chunk in chunks)
    return IngestReport(
        chunks=len(chunks),
        embedded=embedder.embedded,
        deleted=len(stale - {chunk.id for chunk in chunks}),
        seconds=round(time.perf_counter() - started, 2),
        store=where(settings),
        files=ingest_report(docs),
    )
