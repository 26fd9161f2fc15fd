"""Span arithmetic for the check: which hits lie inside or are covered by other spans, and which survive.

Spans are (start, end) pairs into a line's matching key, sorted and disjoint where a function says so;
hits are (start, end, layer, rule) tuples.
"""
from __future__ import annotations

from bisect import bisect_right


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the sorted, disjoint spans."""
    i = bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def covered(spans: list[tuple[int, int]], start: int, end: int) -> int:
    """How many characters of [start, end) the sorted, disjoint spans cover."""
    i = max(0, bisect_right(spans, (start, float("inf"))) - 1)
    total = 0
    while i < len(spans) and spans[i][0] < end:
        total += max(0, min(end, spans[i][1]) - max(start, spans[i][0]))
        i += 1
    return total


def mostly(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the sorted, disjoint spans cover more than half of [start, end): it is their text, not the line's."""
    return covered(spans, start, end) * 2 > end - start


def resolve(hits):
    """Drop hits inside a kept hit, and hits overlapping a kept hit of the same category.

    One sweep in start order (longer first, then layer priority) keeps this linear in the number
    of hits, which matters for 100,000-character input.
    """
    kept = []
    reach = -1
    reach_by_category: dict[str, int] = {}
    for hit in sorted(hits, key=lambda h: (h[0], -(h[1] - h[0]), h[2])):
        start, end, _, rule = hit
        if end <= reach or start < reach_by_category.get(rule.category, -1):
            continue
        kept.append(hit)
        reach = max(reach, end)
        reach_by_category[rule.category] = max(reach_by_category.get(rule.category, -1), end)
    return kept
