"""A workspace's own forbidden phrases as sentence vectors: the check knows them in other words at once.

An approved phrase ("你自己去找街道") is said by agents in endless wordings ("您直接去找街道吧"). The
lexicon holds the listed wording; the trained models know only the corpus they learnt from. Here each
approved phrase is a positive anchor and the workspace's prescribed lines, the tables' rewrites and
the hand-written compliant seeds (and the trained stage's compliant corpus lines, when there is one) are
negative anchors: a line whose nearest anchor is a forbidden
phrase (and close enough to it) says that phrase; what it quotes is left out (quoting is not saying). Nothing is trained, so a review change costs one
embedding per new phrase (the embedder caches by content) and reaches the check within a second.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache

import numpy as np

from assist.classifier import seed_examples
from assist.semantic import units, unquoted
from knowledge.embeddings import LineVectors
from knowledge.normalize import match_key

# Cosine a line must reach with its nearest forbidden anchor; e5 vectors of unrelated Chinese
# service lines already sit near 0.9, so the nearest-anchor vote does most of the work.
FLOOR = 0.93
# A line reaches the embedding only when it shares GATE of one phrase's distinctive bigrams; a bigram
# is common (not distinctive) when COMMON compliant anchors contain it.
GATE, COMMON = 2, 3
# A line repeating this share of one phrase's distinctive bigrams (您放心，这只股票肯定会涨的 for 这只股票肯定能涨)
# is asked even when the char model finds it plainly clean: that model learnt rudeness, and a promise or a
# threat in polite words scores low on it. Over the 26 dev folders (2026-12-07) it caught 12 more paraphrases and
# flagged no more compliant lines; 0.5 caught 3 more again but flagged 5 compliant lines more.
STRONG = 0.6


@cache
def _compliant_seeds() -> tuple[str, ...]:
    """The hand-written compliant lines, read once per process (a review change rebuilds the check)."""
    return tuple(e.text for e in seed_examples() if not e.violation)


def _bigrams(key: str) -> set[str]:
    return {key[i:i + 2] for i in range(len(key) - 1)}


def _as_said(text: str) -> str:
    """Regulations quote the rude 你; agents on the phone say 您."""
    return text.replace("你", "您")


class Anchors:
    """Nearest-anchor vote between a workspace's forbidden phrases and its compliant lines."""

    def __init__(self, rulebook, embedder, lines: LineVectors, compliant_vectors: np.ndarray | None = None,
                 plausible: Callable[[str], bool] = lambda key: True):
        phrases = [(f.id, _as_said(t)) for f in rulebook.forbidden_phrases if f.category != "bare_opening"
                   for t in [f.text, *f.variants] if len(match_key(t)) >= 3]
        compliant = [p.text for p in rulebook.scenario_phrases]
        compliant += [f.suggestion for f in rulebook.forbidden_phrases if f.suggestion]
        prescribed = len(compliant)
        compliant += _compliant_seeds()
        self.ids = [fid for fid, _ in phrases]
        self.keys = [match_key(t) for _, t in phrases]
        # Wording every service line shares (您的, 一下, 我们) says nothing about which phrase is meant:
        # a bigram found in several compliant anchors does not open the gate.
        common = Counter(b for line in compliant for b in _bigrams(match_key(line)))
        marks = [_bigrams(k) - {b for b, n in common.items() if n >= COMMON} for k in self.keys]
        # Inverted: bigram → the phrases it marks, so the gate costs a few lookups, not a pass over every phrase.
        self._marked: dict[str, list[int]] = {}
        for index, own in enumerate(marks):
            for bigram in own:
                self._marked.setdefault(bigram, []).append(index)
        self._needed = [min(GATE, len(own)) for own in marks]
        self._own = [len(own) for own in marks]
        self._embed = lines
        self._held = lines.holds
        # A cheaper model's say on whether a line could break a rule at all (the trained stage's char score):
        # a line it finds plainly clean costs no embedding.
        self._plausible = plausible
        # Anchors go through the content cache: after a review change only new wording is embedded.
        self.bad = embedder.embed_passages([t for _, t in phrases]) if phrases else None
        self.good = embedder.embed_passages(compliant) if compliant else None
        # The workspace's own prescribed lines and rewrites: what its agents are told to say.
        self.prescribed = self.good[:prescribed] if self.good is not None else np.zeros((0, 0), dtype=np.float32)
        if compliant_vectors is not None and len(compliant_vectors):
            self.good = compliant_vectors if self.good is None else np.vstack([self.good, compliant_vectors])

    def _overlap(self, key: str) -> float:
        """The largest share of one phrase's distinctive bigrams the line repeats; 0 when it repeats too few of
        any phrase's to be worth an embedding."""
        shared = Counter(index for bigram in _bigrams(key) for index in self._marked.get(bigram, ()))
        return max((count / self._own[index] for index, count in shared.items() if count >= self._needed[index]),
                   default=0.0)

    def find(self, text: str, key: str) -> tuple[int, int, str] | None:
        """(start, end, rule id) in the matching key when the line says a forbidden phrase in other words."""
        said = unquoted(text)
        said_key = key if said == text else match_key(said)
        overlap = self._overlap(said_key) if self.bad is not None else 0.0
        # A line says no phrase's own wording, or little of it and plainly nothing rude: not worth an embedding, unless
        # the trained stage has just embedded it (its char score sat near the decision), when asking costs nothing.
        # Over the 115 dev documents that caught 2 more paraphrases sharing no wording with their phrase (最近师傅的档期
        # 全满了 for 师傅都排满了) and flagged no more compliant lines; asking every plausible line caught 9 but flagged 3
        # more and took the demo calls' check from 1.4 to 3.0 ms mean (p95 1.1 to 22 ms).
        if (not overlap or overlap < STRONG and not self._plausible(said_key)) and not self._held(said):
            return None
        try:
            vector = self._embed([said])[0]
        except (OSError, RuntimeError, ValueError):
            return None  # a failing served embedder leaves the other layers' verdict
        bad = self.bad @ vector
        best = int(np.argmax(bad))
        good = float(np.max(self.good @ vector)) if self.good is not None else 0.0
        if bad[best] < FLOOR or bad[best] <= good:
            return None
        # The finding points at the unit sharing most wording with the phrase it matched.
        spans = [(s, e) for s, e, _ in units(text)] or [(0, len(key))]
        wanted = _bigrams(self.keys[best])
        start, end = max(spans, key=lambda se: len(_bigrams(key[se[0]:se[1]]) & wanted))
        return start, end, self.ids[best]
