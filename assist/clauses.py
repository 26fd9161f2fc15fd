"""Split an utterance into clauses on its original punctuation, in matching-key coordinates."""
from __future__ import annotations

import re
from bisect import bisect_left

from knowledge.normalize import normalize_with_map

# Clause ends in the original text; the matching key has lost them, so they are found here.
_BOUNDARY = re.compile(r"[，,。.！!？?；;：:、\n\r\t…~～]|\s{2,}")


def clause_spans(text: str, offsets: list[int]) -> list[tuple[int, int]]:
    """(start, end) ranges of the matching key, one per clause of the original text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        cut = bisect_left(offsets, m.start())
        if cut > start:
            spans.append((start, cut))
            start = cut
    if start < len(offsets):
        spans.append((start, len(offsets)))
    return spans


def clause_keys(text: str) -> list[str]:
    """The matching key of every clause of text."""
    key, offsets = normalize_with_map(text)
    return [key[s:e] for s, e in clause_spans(text, offsets)]


# Text between quotes, or after a word that names a phrase instead of saying it (不能说, 禁止说), is
# talked about, not said to the customer: 我们不能说“不归我管”.
_QUOTED = re.compile(r"“[^”]{1,40}”|「[^」]{1,40}」|『[^』]{1,40}』|\"[^\"]{1,40}\"|‘[^’]{1,40}’|'[^']{1,40}'")
_MENTION = re.compile(r"(?:不能|不要|不可以|不可|禁止|不许|不准|不得|不该|不应该|不应|绝不|从不|不会)(?:跟|对|和)?(?:您|你|客户)?(?:说|讲)")


def quoted_spans(text: str, offsets: list[int]) -> list[tuple[int, int]]:
    """Sorted (start, end) key ranges that quote or name a phrase rather than say it."""
    spans = [(bisect_left(offsets, m.start()), bisect_left(offsets, m.end())) for m in _QUOTED.finditer(text)]
    clauses = clause_spans(text, offsets)
    for m in _MENTION.finditer(text):
        at = bisect_left(offsets, m.end())
        end = next((e for s, e in clauses if s <= at < e), at)
        spans.append((at, end))
    return sorted(s for s in spans if s[1] > s[0])
