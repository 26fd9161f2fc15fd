"""Which of a workspace's own scenarios a customer line is about (joins the scenario detector's candidates)."""
from __future__ import annotations

import math
import re

from knowledge.normalize import normalize
from knowledge.segment import tokens
from simulator.own_scenarios import OwnScenario

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
# A character pair made only of these (我的, 了吗) says nothing about the problem.
_FUNCTION_CHARS = set("的了是在和也都就着把被吗呢吧啊呀哦嗯么我你他她它们这那个有没还要会能")
# A line is about an own scenario when about two fifths of its weighted words and character pairs are shared
# with the title or an opening line (cosine).
MATCH_AT = 0.4


class OwnMatcher:
    """Which own scenario a customer line is about, by what it shares with the scenario's title and opening lines."""

    def __init__(self, specs: list[OwnScenario]):
        self.bags = {spec.id: [_bag(text) for text in (spec.title, *spec.opening)] for spec in specs}

    def __call__(self, line: str) -> str | None:
        words = _bag(line)
        best, score = None, 0.0
        for scenario_id, bags in self.bags.items():
            for bag in bags:
                if (s := _similarity(words, bag)) > score:
                    best, score = scenario_id, s
        return best if score >= MATCH_AT else None


def _bag(text: str) -> dict[tuple[str, str], int]:
    """Words weighted by length (燃气表 says more than 不) and character pairs, which survive a different
    segmentation (被盗刷 cut as 被盗|刷 or 被|盗刷)."""
    words = set(tokens(text))
    bag = {("w", w): len(w) for w in words if not any(w != longer and w in longer for longer in words)}
    for run in _HAN_RUN.findall(normalize(text)):
        bag.update({("p", run[i:i + 2]): 1 for i in range(len(run) - 1) if not set(run[i:i + 2]) <= _FUNCTION_CHARS})
    return bag


def _similarity(a: dict, b: dict) -> float:
    shared = a.keys() & b.keys()
    top = max((f[1] for f in shared if f[0] == "w"), key=len, default="")
    # A problem is more than the thing it is about: sharing only 信用卡 or 行李 is not the same problem.
    beyond = sum(a[f] for f in shared if f != ("w", top) and not (f[0] == "p" and f[1] in top))
    if beyond < 2:
        return 0.0
    return sum(a[f] for f in shared) / math.sqrt(sum(a.values()) * sum(b.values()))
