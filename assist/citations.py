"""What a check reports and cites: each violation, the rulebook entry it breaks, its source and a rewrite."""
from __future__ import annotations

from pydantic import BaseModel

from assist.patterns import PATTERNS
from assist.style import STYLE_RULES
from core.llm import Provenance
from core.types import Source
from knowledge.normalize import match_key

# Cited when a workspace's rulebook has no principle or procedure to name.
GENERAL_RULE = "服务规范：不得使用生硬、推诿、指责客户的语言"
GENERAL_SOURCE = Source(file="kefu 通用服务规范", article="")
# Rude-tone principle words, for model hits the style rules do not cover.
_RUDE_CITES = ("生硬用语", "生硬", "厌烦", "禁语")
_CALM = ("不要着急", "别着急")
# A model hit this close (bigram Jaccard) to a listed phrase cites that phrase rather than a principle.
NEAREST_PHRASE = 0.25


class Violation(BaseModel):
    """One broken rule: where it is in the original text, what it breaks and how to say it instead."""

    rule: str
    category: str
    span: list[int]
    phrase: str
    severity: str
    source: Source
    suggestion: str


class CheckResult(Provenance):
    """The utterance as given and every violation found in it, in text order; a served second opinion sets the backend."""

    text: str
    violations: list[Violation]


class Rule(BaseModel):
    """What a hit reports: the rulebook entry, its category, severity, source and rewrite."""

    rule: str
    category: str
    severity: str
    source: Source
    suggestion: str


class Citations:
    """Every rule a hit can report, built once from a rulebook: its forbidden phrases, patterns and principles."""

    def __init__(self, rulebook):
        self.rulebook = rulebook
        forbidden = list(rulebook.forbidden_phrases)
        self.forbidden = {
            f.id: Rule(rule=f.id, category=f.category, severity=f.severity, source=f.source, suggestion=f.suggestion)
            for f in forbidden
        }
        # Agents say 您 where the sources wrote 你 (刚才不是和您说了吗): both spellings are keys.
        self.forbidden_keys = {f.id: list(dict.fromkeys(k for t in [f.text, *f.variants] for k in spellings(match_key(t))))
                               for f in forbidden}
        self.patterns = [(p, self._pattern_rule(p)) for p in PATTERNS]
        self.style = [(s, self.principle(s.cites, s.category, s.severity, s.fix)) for s in STYLE_RULES]
        self.by_category = {rule.category: rule for _, rule in self.style}
        self.by_category.setdefault("rude_tone", self.principle(_RUDE_CITES, "rude_tone", "high", _CALM))
        self.address_ni = self.principle(("您字", "多用您", "您"), "address_ni", "low", ())
        self._bigrams = {fid: {k[i:i + 2] for k in keys for i in range(len(k) - 1)}
                         for fid, keys in self.forbidden_keys.items()}

    def nearest(self, clause: str, category: str | None) -> Rule:
        """A model hit cites the forbidden phrase it most resembles, else its category's principle."""
        mine = {clause[i:i + 2] for i in range(len(clause) - 1)}
        best, score = None, 0.0
        for fid, theirs in self._bigrams.items():
            if theirs and mine:
                overlap = len(mine & theirs) / len(mine | theirs)
                if overlap > score:
                    best, score = fid, overlap
        if best is not None and score >= NEAREST_PHRASE:
            return self.forbidden[best]
        return self.by_category.get(category or "rude_tone", self.by_category["rude_tone"])

    def principle(self, cites, category, severity, fix) -> Rule:
        """Cite the first principle (else procedure) whose text uses the rule's words."""
        entries = [*self.rulebook.principles, *getattr(self.rulebook, "procedures", [])]
        entry = next((e for word in cites for e in entries if word in e.text), None)
        if entry is None:
            entry = next(iter(self.rulebook.principles), None)
        if entry is None:
            # A workspace rulebook may have no principle at all; the finding still names a rule.
            return Rule(rule=GENERAL_RULE, category=category, severity=severity, source=GENERAL_SOURCE,
                        suggestion=self._prescribed(fix))
        return Rule(rule=entry.id, category=category, severity=severity, source=entry.source,
                    suggestion=self._prescribed(fix))

    def _pattern_rule(self, pattern) -> Rule:
        """The forbidden phrase whose own wording the template matches, else the principle it breaks."""
        for fid, keys in self.forbidden_keys.items():
            if any(pattern.regex.search(k) for k in keys):
                return self.forbidden[fid].model_copy(update={"severity": pattern.severity})
        cites = next((s.cites for s in STYLE_RULES if s.category == pattern.category), _RUDE_CITES)
        fix = next((s.fix for s in STYLE_RULES if s.category == pattern.category), _CALM)
        return self.principle(cites, pattern.category, pattern.severity, fix)

    def _prescribed(self, words) -> str:
        """The first prescribed phrase that uses one of the words, in the words' order."""
        for word in words:
            for phrase in self.rulebook.scenario_phrases:
                if word in phrase.text:
                    return phrase.text
        return ""


def spellings(key: str) -> list[str]:
    """The key as written and with 你 as 您."""
    return [key, key.replace("你", "您")] if "你" in key else [key]
