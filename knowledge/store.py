"""The Chroma vector store of chunks (the only chromadb / langchain-chroma user)."""
from __future__ import annotations

from urllib.parse import urlsplit

import chromadb
import numpy as np
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from core.settings import Settings
from core.types import Chunk
from knowledge.chunks import SEP
from knowledge.embeddings import Embedder


BATCH = 4096
# How a chunk becomes the text its vector is computed from. Vectors made another way are not comparable, so
# a store whose chunks carry another recipe is outdated: ingest rebuilds it and search refuses to read it.
PASSAGE_RECIPE = "heading2-20"
# Characters of each heading a passage is embedded under. The embedder reads a passage's first 160 characters, and a
# heading can be long: a document title, or the labels of a run of items merged into one chunk ("（一） + （二） +
# （三）座席对质检结果有异议的 + …"), which crowds out the passage's own words and gives every passage under it the
# same pull. A heading's topic is named in its first words. 20 was chosen on the odd half of the dev organisations
# and held on the even half and the demo; the grid and what was tried instead are in evals/MEASUREMENTS.md.
HEADING_CHARS = 20
OUTDATED = "知识库是用旧版本的向量化方式建立的，需要重建：请运行 kefu ingest（工作区加 --workspace 名称）。"


def passage(chunk: Chunk) -> str:
    """The text embedded for a chunk: its last two headings, then its text.

    A customer asks in words far from the rule's ("饭里吃出头发了" for "餐品问题"); the heading names what the
    passage is about. Only the last two headings: the document title, shared by every chunk, tells chunks of
    one document nothing apart and would take up the characters the embedder reads; for that too each heading is
    cut to its first `HEADING_CHARS` characters.
    """
    heading = SEP.join(h[:HEADING_CHARS] for h in chunk.article.split(SEP)[-2:]) if chunk.article else ""
    return f"{heading}\n{chunk.text}" if heading else chunk.text


def _outdated(metadatas: list[dict | None]) -> bool:
    return any((m or {}).get("passage") != PASSAGE_RECIPE for m in metadatas)


class StoreError(RuntimeError):
    """The store cannot be reached or read."""


class _LangchainEmbeddings(Embeddings):
    """Hands Chroma our embedder, so it never falls back to its own (which downloads a model)."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_passages(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_queries([text])[0].tolist()


def _server(url: str) -> tuple[str, int, bool]:
    """Host, port and TLS flag of a Chroma server URL such as http://127.0.0.1:8000."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if not parts.hostname:
        raise StoreError(f"KEFU_CHROMA_URL 无法解析: {url!r}（应形如 http://127.0.0.1:8000）")
    ssl = parts.scheme == "https"
    return parts.hostname, parts.port or (443 if ssl else 8000), ssl


class Store:
    """Chunks and their embeddings in Chroma: on disk in the data dir, or on a Chroma server."""

    def __init__(self, settings: Settings, embedder: Embedder):
        self.embedder = embedder
        # Telemetry off: kefu runs offline and must not try to phone home.
        client_settings = chromadb.config.Settings(anonymized_telemetry=False)
        try:
            if settings.chroma_url:
                host, port, ssl = _server(settings.chroma_url)
                client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=client_settings)
            else:
                path = settings.data_dir / "chroma"
                path.mkdir(parents=True, exist_ok=True)
                client = chromadb.PersistentClient(path=str(path), settings=client_settings)
            self.vectors = Chroma(
                collection_name=settings.collection,
                embedding_function=_LangchainEmbeddings(embedder),
                client=client,
                collection_metadata={"hnsw:space": "cosine"},
            )
        except StoreError:
            raise
        except Exception as exc:  # connection refused, bad server reply, unreadable directory
            where = settings.chroma_url or str(settings.data_dir / "chroma")
            raise StoreError(f"无法打开知识库存储 {where}: {exc}") from exc

    def ids(self) -> set[str]:
        """Ids of every stored chunk."""
        return set(self.vectors.get(include=[])["ids"])

    def exists(self) -> bool:
        """True when the store already holds chunks (for `kefu ingest --if-missing`)."""
        return bool(self.ids())

    def upsert(self, chunks: list[Chunk]) -> None:
        """Insert or replace chunks by id, embedding each one's `passage` with our embedder."""
        # Chroma refuses batches above its max batch size (5,461 here), which a large corpus exceeds.
        for i in range(0, len(chunks), BATCH):
            batch = chunks[i:i + BATCH]
            # The vector is the passage's (heading and text); the document kept beside it is the text a hit shows.
            # LangChain's add_texts embeds exactly the text it stores, so the Chroma collection is written directly.
            self.vectors._collection.upsert(
                ids=[chunk.id for chunk in batch],
                embeddings=self.embedder.embed_passages([passage(chunk) for chunk in batch]),
                documents=[chunk.text for chunk in batch],
                metadatas=[{"source": c.source, "article": c.article, "passage": PASSAGE_RECIPE} for c in batch],
            )

    def outdated(self) -> bool:
        """True when some stored chunk was embedded by another passage recipe than this version's."""
        return _outdated(self.vectors.get(include=["metadatas"])["metadatas"])

    def delete(self, ids: set[str]) -> None:
        """Remove chunks by id."""
        if ids:
            self.vectors.delete(ids=sorted(ids))

    def load(self) -> tuple[list[Chunk], np.ndarray]:
        """Every stored chunk with its embedding (one row per chunk), in a stable order."""
        got = self.vectors.get(include=["documents", "metadatas", "embeddings"])
        if _outdated(got["metadatas"]):
            raise StoreError(OUTDATED)
        order = sorted(range(len(got["ids"])), key=lambda i: got["ids"][i])
        chunks = [
            Chunk(
                id=got["ids"][i],
                text=got["documents"][i],
                source=got["metadatas"][i]["source"],
                article=got["metadatas"][i]["article"],
            )
            for i in order
        ]
        embeddings = got["embeddings"]
        matrix = np.asarray([embeddings[i] for i in order], dtype=np.float32)
        return chunks, matrix
