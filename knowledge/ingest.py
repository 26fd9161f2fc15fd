"""The ingest pipeline: sources → clean → chunk → embed (cached) → store, idempotently."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

from pydantic import BaseModel

from core.llm import ChatModel
from core.settings import Settings
from core.types import Chunk
from core.workspace import Workspace
from knowledge.chunks import chunk_document
from knowledge.clean import clean_sources
from knowledge.report import ingest_report
from knowledge.embeddings import make_embedder
from knowledge.imports import import_files
from knowledge.review import load_workspace_rulebook, merge_draft, save
from knowledge.rulebook_extract import draft_rulebook, extract_rulebook, merge_rulebook
from knowledge.search import tails
from knowledge.store import Store


class IngestReport(BaseModel):
    """What one ingest run did; `files` holds the cleaning report row of each source.

    A workspace ingest also lists the files it imported, those it refused (`errors`, each with a
    Chinese message naming the file) and how many rulebook entries now wait for review.
    """

    skipped: bool = False
    chunks: int = 0
    embedded: int = 0
    deleted: int = 0
    seconds: float = 0.0
    store: str
    files: list[dict] = []
    imported: list[str] = []
    errors: list[dict] = []
    drafts: int = 0


def where(settings: Settings) -> str:
    """Where the store lives: the Chroma server URL or its directory."""
    return settings.chroma_url or str(settings.data_dir / "chroma")


def ingest(settings: Settings, force: bool = False, if_missing: bool = False) -> IngestReport:
    """Build or refresh the knowledge store; only passages whose text changed are embedded.

    `force` drops the stored chunks and the embedding cache first (a cold rebuild);
    `if_missing` does nothing when the store already holds chunks embedded the current way. Every chunk is
    upserted each time, so a store embedded by an older passage recipe comes out whole in the new one.
    """
    started = time.perf_counter()
    if force:
        shutil.rmtree(settings.cache_dir / "embeddings", ignore_errors=True)
    embedder = make_embedder(settings)
    store = Store(settings, embedder)
    if if_missing and not force and store.exists() and not store.outdated():
        return IngestReport(skipped=True, store=where(settings))
    docs = clean_sources(settings.sources_dir)
    chunks: list[Chunk] = [chunk for doc in docs for chunk in chunk_document(doc)]
    stale = store.ids() if force else store.ids() - {chunk.id for chunk in chunks}
    store.delete(stale)
    store.upsert(chunks)
    embedded = embedder.embedded
    # Search embeds the lines its passages' vectors never saw; embedding them now keeps the first search fast.
    if hidden := tails(chunks, embedder)[1]:
        embedder.embed_passages(hidden)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    # A plain-text copy of what was stored, for reading and for tools that skip Chroma.
    with open(settings.data_dir / "chunks.jsonl", "w", encoding="utf-8") as out:
        out.writelines(chunk.model_dump_json() + "\n" for chunk in chunks)
    return IngestReport(
        chunks=len(chunks),
        embedded=embedded,
        deleted=len(stale - {chunk.id for chunk in chunks}),
        seconds=round(time.perf_counter() - started, 2),
        store=where(settings),
        files=ingest_report(docs),
    )


def ingest_workspace(workspace: Workspace, files: list[Path] = (), force: bool = False, if_missing: bool = False,
                     chat_model: ChatModel | None = None) -> IngestReport:
    """Import files into a workspace (each all or nothing), rebuild its store and draft its rulebook."""
    imported, errors = import_files(workspace, list(files))
    if files and not imported:
        # Nothing new arrived: the store is left as it was, the report says why.
        return IngestReport(skipped=True, store=where(workspace.settings()), errors=errors)
    report = ingest(workspace.settings(), force=force, if_missing=if_missing and not imported)
    report.imported, report.errors = imported, errors
    if not workspace.is_demo and not report.skipped:
        report.drafts = redraft(workspace, chat_model)
    return report


def redraft(workspace: Workspace, chat_model: ChatModel | None = None) -> int:
    """Extract draft entries from the workspace's sources into its rulebook; returns how many wait for review."""
    docs = clean_sources(workspace.sources_dir)
    if workspace.is_demo:
        # The demo's reviewed rulebook is the seed: re-extraction refreshes it without losing hand corrections.
        reviewed = load_workspace_rulebook(workspace)
        save(workspace, merge_rulebook(extract_rulebook(docs), reviewed), "命令行", "重新抽取规则")
    else:
        merge_draft(workspace, draft_rulebook(docs, chat_model))
    return sum(1 for e in load_workspace_rulebook(workspace).all_entries() if e.status == "draft")
