"""Phrase lists matched in one pass with an Aho-Corasick automaton (the only pyahocorasick user)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

import ahocorasick

T = TypeVar("T")


class Lexicon(Generic[T]):
    """A fixed set of keys, each carrying a value; finds every occurrence in linear time."""

    def __init__(self, entries: Iterable[tuple[str, T]]):
        self._automaton = ahocorasick.Automaton()
        for key, value in entries:
            if not key:
                continue
            # The first value registered for a key wins, so callers can order by priority.
            if key not in self._automaton:
                self._automaton.add_word(key, (len(key), value))
        self.size = len(self._automaton)
        if self.size:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, T]]:
        """Every (start, end, value) whose key occurs in text, overlaps included."""
        if not self.size or not text:
            return []
        return [(end + 1 - length, end + 1, value) for end, (length, value) in self._automaton.iter(text)]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The occurrences merged into disjoint, sorted (start, end) intervals."""
        merged: list[tuple[int, int]] = []
        for start, end, _ in sorted(self.find(text)):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged
