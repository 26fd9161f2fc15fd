"""The Chroma vector store of chunks (the only chromadb / langchain-chroma user)."""
from __future__ import annotations

from urllib.parse import urlsplit

import chromadb
import numpy as np
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from core.settings import Settings
from core.types import Chunk
from knowledge.embeddings import Embedder


BATCH = 4096


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
        """Insert or replace chunks by id, embedding their text with our embedder."""
        # Chroma refuses batches above its max batch size (5,461 here), which a large corpus exceeds.
        for i in range(0, len(chunks), BATCH):
            batch = chunks[i:i + BATCH]
            self.vectors.add_texts(
                [chunk.text for chunk in batch],
                metadatas=[{"source": chunk.source, "article": chunk.article} for chunk in batch],
                ids=[chunk.id for chunk in batch],
            )

    def delete(self, ids: set[str]) -> None:
        """Remove chunks by id."""
        if ids:
            self.vectors.delete(ids=sorted(ids))

    def load(self) -> tuple[list[Chunk], np.ndarray]:
        """Every stored chunk with its embedding (one row per chunk), in a stable order."""
        got = self.vectors.get(include=["documents", "metadatas", "embeddings"])
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
