"""Phrase lists matched in one pass with an Aho-Corasick automaton (the only pyahocorasick user)."""
from __future__ import annotations

import re
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


# A pronoun inside a listed phrase: agents say 我们/咱们 for 我, 您 for 你, and name a team after it
# (不归我们信用卡中心管 for 不归我管). The gap is bounded so matching stays linear.
_PRONOUN = {"我": "(?:我们?|咱们?)", "你": "(?:你|您)们?", "您": "(?:你|您)们?"}
GAP = 6


def gapped(key: str) -> str | None:
    """A regex for key that lets a pronoun change person or number and be followed by a few words.

    None when the key has no pronoun before its last character, or is too short for a gap to be safe.
    """
    if len(key) < 4 or not any(ch in _PRONOUN for ch in key[:-1]):
        return None
    parts = []
    for i, ch in enumerate(key):
        if ch in _PRONOUN and i < len(key) - 1:
            parts.append(f"{_PRONOUN[ch]}.{{0,{GAP}}}?")
        else:
            parts.append(_PRONOUN.get(ch, re.escape(ch)))
    return "".join(parts)
