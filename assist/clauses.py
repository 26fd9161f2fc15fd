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
