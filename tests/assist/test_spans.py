"""Span arithmetic: inside, covered, and which overlapping hits survive."""
from types import SimpleNamespace

import pytest

from assist.spans import covered, inside, mostly, resolve

SPANS = [(0, 4), (6, 10)]


@pytest.mark.parametrize("start,end,expected", [(1, 3, True), (0, 4, True), (3, 7, False), (10, 12, False)])
def test_inside_one_span(start, end, expected):
    assert inside(SPANS, start, end) is expected


@pytest.mark.parametrize("start,end,expected", [(0, 10, 8), (2, 8, 4), (4, 6, 0), (9, 20, 1)])
def test_covered_counts_characters(start, end, expected):
    assert covered(SPANS, start, end) == expected


@pytest.mark.parametrize("start,end,expected", [(0, 6, True), (3, 9, True), (4, 8, False), (9, 20, False), (4, 6, False)])
def test_mostly_means_more_than_half(start, end, expected):
    assert mostly(SPANS, start, end) is expected


def test_resolve_drops_hits_inside_a_kept_one_and_same_category_overlaps():
    rude, blame = SimpleNamespace(category="rude_tone"), SimpleNamespace(category="blame_customer")
    hits = [(0, 8, 0, rude), (2, 5, 2, blame), (6, 12, 3, rude), (6, 12, 3, blame)]
    assert resolve(hits) == [(0, 8, 0, rude), (6, 12, 3, blame)]
