"""Article-aware chunking of cleaned documents: every chunk stays inside one article or item."""
from __future__ import annotations

import hashlib
import re

from core.types import Chunk
from knowledge.clean import CleanDoc
from knowledge.outline import BULLET_LEVEL, DOTTED, TABLE_ROW, Node, label, outline

MAX_CHARS = 300
SEP = " > "


def split_sentences(text: str, limit: int = MAX_CHARS) -> list[str]:
    """Pack whole sentences into pieces of at most `limit` characters."""
    sentences = [s for s in re.split(r"(?<=[。！？；\n])", text) if s.strip()]
    pieces: list[str] = []
    for sentence in sentences:
        while len(sentence) > limit:  # a run-on sentence is cut at the last comma that fits
            cut = max(sentence.rfind("，", 0, limit), sentence.rfind(" ", 0, limit))
            cut = cut + 1 if cut > limit // 3 else limit
            pieces.append(sentence[:cut])
            sentence = sentence[cut:]
        if pieces and len(pieces[-1]) + len(sentence) <= limit and not pieces[-1].endswith("\n"):
            pieces[-1] += sentence
        else:
            pieces.append(sentence)
    return [p.strip() for p in pieces if p.strip()]


def _chunk(source: str, path: list[str], text: str) -> Chunk:
    article = SEP.join(p for p in path if p)
    digest = hashlib.sha1(f"{source}\n{article}\n{text}".encode("utf-8")).hexdigest()[:16]
    return Chunk(id=digest, text=text, source=source, article=article)


def _holds_units(node: Node) -> bool:
    """A chapter enclosing 第X条 or (一) sections, or an unnumbered heading enclosing numbered items,
    is never one chunk, so every chunk's heading path names the article or item a hit comes from."""
    if any(DOTTED.match(child.line) for child in node.children):
        return True  # 3.2 enclosing 3.2.1 and 3.2.2: each numbered clause is cited on its own
    # Numbered items ((一), 1., (1)) and headings are units; a bullet or a plain line is not.
    return node.level < 2.0 and any(child.level < BULLET_LEVEL for child in node.children)


def _emit(node: Node, path: list[str], source: str) -> list[Chunk]:
    """Chunks for one node: whole if it fits, otherwise its own line plus its children's chunks."""
    here = path + [label(node)]
    text = node.text()
    if not node.children:
        return [] if node.is_heading else [_chunk(source, here, t) for t in split_sentences(text)]
    if len(text) <= MAX_CHARS and not any(TABLE_ROW.match(c.line) for c in node.children) and not _holds_units(node):
        return [_chunk(source, here, text)]
    chunks: list[Chunk] = [] if node.is_heading else [_chunk(source, here, t) for t in split_sentences(node.line)]
    return chunks + _emit_siblings(node.children, here, source)


def _emit_siblings(nodes: list[Node], path: list[str], source: str) -> list[Chunk]:
    """Merge short siblings of the same parent up to MAX_CHARS; table rows always stand alone."""
    chunks: list[Chunk] = []
    group: list[Node] = []

    def flush() -> None:
        if not group:
            return
        # A table cut into several chunks repeats its column names, so every piece says what its cells are.
        named = [header] if header and group[0].line != header and all("|" in n.line for n in group) else []
        if len(group) == 1 and not named:
            chunks.extend(_emit(group[0], path, source))
        else:
            # Short numbered items share a chunk; its citation names every one of them.
            span = " + ".join(name for n in group if (name := label(n)))
            chunks.append(_chunk(source, path + [span], "\n".join(named + [n.text() for n in group])))
        group.clear()

    header = ""  # the first row of the table being read
    for node in nodes:
        text = node.text()
        row = "|" in node.line and not node.children
        if row != bool(header):  # a table starts or ends
            flush()
            header = node.line if row else ""
        mergeable = (
            len(text) <= MAX_CHARS
            and not node.is_heading
            and not TABLE_ROW.match(node.line)
            and not DOTTED.match(node.line)  # 4.1 and 4.2 are articles: never one chunk
            and node.level >= 3.0
        )
        if not mergeable:
            flush()
            chunks.extend(_emit(node, path, source))
            continue
        size = sum(len(n.text()) + 1 for n in group) + len(text) + (len(header) + 1 if row else 0)
        if group and (size > MAX_CHARS or group[0].level != node.level):
            flush()
        group.append(node)
    flush()
    return chunks


def chunk_document(doc: CleanDoc) -> list[Chunk]:
    """Split a cleaned document into cited chunks (article = heading path inside the file)."""
    return _emit_siblings(outline(doc.text), [], doc.name)
