"""Near-duplicate removal: repeated copies of a regulation and repeated paragraphs."""
from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz, process

from knowledge.normalize import match_key

# A copy of a regulation starts again at its first heading (一、总则 / 第一章 总则 / 第一条 …).
_START = re.compile(r"^(一、|第一章|第一条)\S{0,12}$")
SIMILAR = 90  # rapidfuzz ratio above which two lines count as the same line
COVERED = 0.9  # share of a block's lines found in a bigger block for it to be a copy
MIN_PARAGRAPH = 20  # shorter repeated lines are headings ("呼入：", "(一)售前服务") and stay


def split_blocks(lines: list[str]) -> list[list[str]]:
    """Split at a document-start heading that occurs more than once; the head stays block 0."""
    counts = Counter(line.strip() for line in lines if _START.match(line.strip()))
    repeated = {line for line, n in counts.items() if n > 1}
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip() in repeated:
            blocks.append([])
        blocks[-1].append(line)
    return blocks


def _covered(small: list[str], big: list[str]) -> bool:
    keys = [match_key(line) for line in big if line.strip()]
    lines = [match_key(line) for line in small if line.strip()]
    found = sum(
        1 for line in lines if process.extractOne(line, keys, scorer=fuzz.ratio, score_cutoff=SIMILAR)
    )
    return bool(lines) and found / len(lines) >= COVERED


def drop_repeated_blocks(lines: list[str]) -> tuple[list[str], int]:
    """Keep the most complete copy of a repeated regulation; return lines and copies dropped."""
    head, *blocks = split_blocks(lines)
    if len(blocks) < 2:
        return lines, 0
    # Longest first, so each shorter or truncated copy is tested against the fullest version.
    by_size = sorted(range(len(blocks)), key=lambda i: (-sum(map(len, blocks[i])), i))
    kept: list[int] = []
    for i in by_size:
        if not any(_covered(blocks[i], blocks[k]) for k in kept):
            kept.append(i)
    out = list(head)
    for i in sorted(kept):
        out.extend(blocks[i])
    return out, len(blocks) - len(kept)


def drop_repeated_paragraphs(lines: list[str]) -> tuple[list[str], int]:
    """Drop a paragraph that repeats an earlier one word for word (ignoring punctuation)."""
    seen: set[str] = set()
    out: list[str] = []
    dropped = 0
    for line in lines:
        key = match_key(line)
        if len(key) >= MIN_PARAGRAPH and key in seen:
            dropped += 1
            continue
        seen.add(key)
        out.append(line)
    return out, dropped
