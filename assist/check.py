"""Check one agent utterance against the rulebook: forbidden phrases, templates, style and a model."""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from pathlib import Path

from assist.anchors import Anchors
from assist.citations import CheckResult, Citations, Rule, Violation
from assist.classifier import Classifier
from assist.clauses import clause_spans, quoted_spans
from assist.lexicon import Lexicon, gapped
from assist.reversal import ECHO, turned
from assist.spans import covered, inside, mostly, resolve
from assist.rudeness import COURTEOUS
from assist.semantic import Semantic
from assist.style import ACRONYM, ADDRESS_NI, CURT
from assist.verdict import SecondOpinion
from assist.voice import fill_slots
from core.llm import LLMError, fell_back
from core.settings import Settings
from knowledge.embeddings import LineVectors
from knowledge.normalize import match_key, normalize_with_map
from knowledge.review import shipped_rulebook

# Layers in priority order: a later layer's hit inside an earlier one adds nothing.
LEXICON, PATTERN, STYLE, MODEL, SEMANTIC = range(5)
LAYERS = {"lexicon": LEXICON, "patterns": PATTERN, "style": STYLE, "model": MODEL, "semantic": SEMANTIC}
# Forbidden keys this short (怎么了, 冷静点, 喂) are only a violation when they are the whole clause.
SHORT_KEY = 3
_FILLER = set("啊呀吧呢嘛哦喔哎唉了的你您我这那")
_QUOTES = set("\"'“”‘’「」『』《》")
# Placeholders inside prescribed phrases (XX先生, ***, ……) split them into allowed segments.
_PLACEHOLDER = re.compile(r"[xX×*＊]{2,}|…+|\.{3,}|[，,。.！!？?；;：:、\s/()（）“”\"]+")
# The fast layers' code: the semantic stage's threshold is placed on what they leave over, so a change
# to any of them retrains it.
FAST_VERSION = hashlib.sha256(b"".join(Path(__file__).with_name(f"{name}.py").read_bytes() for name in (
    "check", "citations", "clauses", "lexicon", "patterns", "reversal", "rudeness", "spans", "style"))).hexdigest()
# The trained models depend on neither the workspace nor its review state: loaded once per process, so
# a review change rebuilds a checker in well under a second (reading their caches takes seconds).
_CLASSIFIERS: dict[tuple[str, str], Classifier] = {}
_STAGES: dict[tuple[str, str, str], Semantic] = {}


class Checker:
    """Built once from the rulebook (automata, regexes, model); `check` is then a fast pure call."""

    def __init__(self, rulebook, settings: Settings, disabled_layers: set[str] | frozenset[str] = frozenset(),
                 embedder=None, second_opinion: SecondOpinion | None = None):
        unknown = set(disabled_layers) - set(LAYERS)
        if unknown:
            raise ValueError(f"未知的检查层：{', '.join(sorted(unknown))}（可选：{', '.join(LAYERS)}）")
        # Switching a layer off lets the evals prove that a broken check is caught.
        self.disabled = {LAYERS[name] for name in disabled_layers}
        self.rulebook = rulebook
        # With a served model, the lines the learned stage is unsure of get its second opinion.
        self.second_opinion = second_opinion
        # The n-gram model learns the shipped rulebook's wording, never a workspace's: one model serves
        # every workspace, so a review change retrains nothing (the lexicon and anchors know its phrases).
        models = (str(settings.models_dir), str(settings.labelled_dir))
        if models not in _CLASSIFIERS:
            _CLASSIFIERS[models] = Classifier.load(settings, shipped_rulebook())
        self.classifier = _CLASSIFIERS[models]
        self.semantic = self.anchors = None
        # With an embedder the learned stage judges what the rules leave over; the per-clause n-gram model
        # is then off: out of fold it added 1 point of recall for 0.9 points of false positives, a budget
        # the stage spends better. Without one, the clause model is the cascade's last layer.
        self._clause_model = embedder is None or SEMANTIC in self.disabled
        forbidden = list(rulebook.forbidden_phrases)
        self.citations = Citations(rulebook)
        self._forbidden, self._forbidden_keys = self.citations.forbidden, self.citations.forbidden_keys
        # A bare opening (喂, 您好 alone) is forbidden only as the whole utterance; its longer
        # wordings (说话呀) are rude anywhere.
        self._whole = {key: f.id for f in forbidden if f.category == "bare_opening" for key in self._forbidden_keys[f.id]}
        self.lexicon = Lexicon((key, f.id) for f in forbidden for key in self._forbidden_keys[f.id]
                               if f.category != "bare_opening" or _rude_anywhere(key))
        # The listed wording with a pronoun changed or a team named after it; one alternation rejects
        # most lines in a single search before the per-phrase regexes run.
        self._gapped = [(re.compile(p), fid) for fid, keys in self._forbidden_keys.items()
                        if self._forbidden[fid].category != "bare_opening" for p in {gapped(k) for k in keys} if p]
        self._any_gapped = re.compile("|".join(r.pattern for r, _ in self._gapped)) if self._gapped else None
        self.allowed = Lexicon((key, True) for p in rulebook.scenario_phrases for key in _allowed_keys(p.text))
        # An acronym the centre's own lines say to callers ("按最新LPR调整") is its word for the thing, not jargon.
        self._own_acronyms = {m.group() for text in [p.text for p in rulebook.scenario_phrases]
                              + [f.suggestion for f in forbidden if f.suggestion] for m in ACRONYM.finditer(text)}
        self._by_category = self.citations.by_category
        self._rules = [(PATTERN, p.regex, rule) for p, rule in self.citations.patterns]
        self._rules += [(STYLE, s.regex, rule) for s, rule in self.citations.style]
        # A plain alternation stops at the first hit, so most compliant lines cost one short search.
        self._first_rule = re.compile("|".join(_inline(r) for _, r, _ in self._rules))
        # From there, one pass of lookaheads finds every position where some rule starts, and which
        # rule is the first to match there: the rules before it need not be tried again.
        self._any_rule = re.compile("|".join(_lookahead(r) for _, r, _ in self._rules))
        self._rule_of_group, group = {}, 1
        for index, (_, regex, _) in enumerate(self._rules):
            self._rule_of_group[group] = index
            group += 1 + regex.groups
        # The semantic stage needs sentence vectors; without an embedder passed in the cascade ends at
        # the n-gram model (training embeds every labelled line and clause once, minutes on a busy box).
        # Its threshold is placed on what the layers above leave over (lines they flag, or whose rule
        # words their grammar turned), so they are built first.
        # Both vector stages embed a line through one LineVectors: the second one asked gets it for free.
        lines = LineVectors(embedder) if embedder is not None else None
        if embedder is not None and SEMANTIC not in self.disabled:
            if known := _STAGES.get(stage := (*models, embedder.name)):
                # The weights are shared; the stage is bound to this checker's own embedder.
                self.semantic = Semantic(known.model, lines, known.threshold, known.center, known.bad, known.good)
            else:
                # Placed on what the shipped rulebook's fast layers leave over, whichever workspace asks first:
                # the stage is cached by the fast layers' code, not by a workspace's rules.
                self.semantic = Semantic.load(settings, embedder, fast_version=FAST_VERSION, lines=lines,
                                              fast=_shipped_fast(settings))
                if self.semantic is not None:
                    _STAGES[stage] = self.semantic
        # The workspace's approved phrases as vectors: their paraphrases, known the moment they are approved.
        # The stage's compliant train lines join the workspace's negative anchors, and its char score says
        # which lines are worth the anchors' embedding.
        if embedder is not None and SEMANTIC not in self.disabled:
            from_stage = {} if self.semantic is None else {"compliant_vectors": self.semantic.good,
                                                           "plausible": self.semantic.plausible}
            self.anchors = Anchors(rulebook, embedder, lines, **from_stage)
        if self.semantic is not None:
            # A line close to what the workspace prescribes is courteous unless its violating neighbours are closer.
            self.semantic = self.semantic.with_compliant(self.anchors.prescribed)

    def check(self, text: str, ask_model: bool = True) -> CheckResult:
        """Every violation in one utterance, with spans into the text exactly as given.

        `ask_model=False` keeps to the offline cascade: a draft checked as it is typed must answer at once.
        """
        if not isinstance(text, str):
            raise TypeError("待检查的内容必须是文本")
        return self._verdict(text, ask_model)[0]

    def _verdict(self, text: str, ask_model: bool = False) -> tuple[CheckResult, bool]:
        """The check's result, and whether grammar turned some rule's words into their opposite."""
        key, offsets = normalize_with_map(text)
        if not key:
            return CheckResult(text=text, violations=[]), False
        clauses = clause_spans(text, offsets)
        starts = [s for s, _ in clauses]
        allowed = self.allowed.spans(key)
        hits: list[tuple[int, int, int, Rule]] = []
        if key in self._whole:
            hits.append((0, len(key), LEXICON, self._forbidden[self._whole[key]]))

        for start, end, fid in self.lexicon.find(key):
            if end - start <= SHORT_KEY and not _whole_clause(key, clauses[bisect_right(starts, start) - 1], start, end):
                continue
            hits.append((start, end, LEXICON, self._forbidden[fid]))
        # A phrase with words inserted is looser evidence than the listed wording: a line that also
        # offers help (我确实不知道，我帮您查一下) is an honest admission, not the forbidden phrase.
        if self._any_gapped is not None and self._any_gapped.search(key) and not COURTEOUS.search(key):
            for regex, fid in self._gapped:
                hits += [(m.start(), m.end(), LEXICON, self._forbidden[fid]) for m in regex.finditer(key)]
        first_hit = self._first_rule.search(key)
        for found in self._any_rule.finditer(key, first_hit.start() if first_hit else len(key) + 1):
            at, first = found.start(), self._rule_of_group[found.lastindex]
            for layer, regex, rule in self._rules[first:]:
                m = regex.match(key, at)
                if m and m.end() > at:
                    hits.append((at, m.end(), layer, rule))
        for m in ACRONYM.finditer(text):
            if m.group() in self._own_acronyms:
                continue
            start, end = bisect_left(offsets, m.start()), bisect_left(offsets, m.end())
            hits.append((start, end, STYLE, self._by_category["jargon"]))
        for start, end in clauses:
            if CURT.fullmatch(key, start, end):
                hits.append((start, end, STYLE, self._by_category["command_tone"]))
        for m in ADDRESS_NI.finditer(key):
            if not _quoted(text, offsets[m.start()]):
                hits.append((m.start(), m.end(), STYLE, self._ni_rule(text, offsets, clauses, starts, m.start())))

        # Most clean lines have no hit and no flagged clause: they never pay for finding quotations.
        quoted = quoted_spans(text, offsets) if hits else None
        live = [h for h in hits if h[2] not in self.disabled and not inside(allowed, h[0], h[1])
                and not covered(quoted, h[0], h[1])]
        said, reversed_any = [], False
        for h in live:
            if not turned(key, clauses[bisect_right(starts, h[0]) - 1], h[0], h[1], h[3].category):
                said.append(h)
            # A line whose rule words the grammar turned (我没有说是您的问题) is settled by the fast layers:
            # the vector stages, which weigh topic words, never second-guess it. An echoed or split term
            # only clears that term, not the rest of the line.
            elif h[3].category != "jargon":
                reversed_any = True
        kept = resolve(said)
        flagged_clauses = {bisect_right(starts, s) - 1 for s, _, _, _ in kept}
        for index, (start, end) in enumerate(clauses):
            # A clause mostly prescribed or quoted (不能说“你自己看着办”), or reporting what someone else
            # said (您说找我也没用), is talked about, not said: only the explicit rules may flag it.
            if not self._clause_model or MODEL in self.disabled or index in flagged_clauses or mostly(allowed, start, end):
                continue
            clause = key[start:end]
            if self.classifier.flags(clause) and not ECHO.search(key, start, end):
                quoted = quoted_spans(text, offsets) if quoted is None else quoted
                if not mostly(quoted, start, end):
                    kept.append((start, end, MODEL, self._model_rule(clause)))

        # A line whose only hits are informal (你 for 您, a jargon term) is still undecided in tone: the
        # vector stages judge it too, so 你爱要不要 is rude, not just informal.
        undecided = not reversed_any and not _decided(h[3] for h in kept)
        # They judge the tone beyond a 你 already reported, reading it as 您 (one character for one, so
        # the spans stay put): 你在哪儿买的 is informal, not also rude.
        polite, polite_key = text, key
        if undecided and any(h[3].category == "address_ni" for h in kept):
            polite = ADDRESS_NI.sub("您", text)
            polite_key = normalize_with_map(polite)[0]
        if undecided and self.semantic is not None:
            found = self.semantic.find(polite, polite_key, offsets)
            quoted = quoted_spans(text, offsets) if quoted is None and found else quoted
            if found and not mostly(quoted, *found):
                kept.append((*found, SEMANTIC, self._model_rule(key[found[0]:found[1]])))
        if undecided and not _decided(h[3] for h in kept) and self.anchors is not None and (
                said := self.anchors.find(polite, polite_key)):
            kept.append((said[0], said[1], SEMANTIC, self._forbidden[said[2]]))
        provenance = {}
        if ask_model and undecided and not _decided(h[3] for h in kept) and self.second_opinion is not None and (
                self.semantic is not None and self.semantic.unsure(polite_key)):
            found, provenance = self._second_opinion(text, key, offsets)
            quoted = quoted_spans(text, offsets) if quoted is None and found else quoted
            if found and not (mostly(allowed, *found[:2]) or mostly(quoted, *found[:2])):
                kept.append(found)

        kept.sort(key=lambda h: (h[0], h[1]))
        violations = []
        for start, end, _, rule in kept:
            lo, hi = offsets[start], offsets[end - 1] + 1
            # A regulation's template (对不起，XX先生/小姐，…) becomes words the agent can say as they stand.
            violations.append(Violation(rule=rule.rule, category=rule.category, span=[lo, hi], phrase=text[lo:hi],
                                        severity=rule.severity, source=rule.source,
                                        suggestion=fill_slots(rule.suggestion, {}) or rule.suggestion))
        return CheckResult(text=text, violations=violations, **provenance), reversed_any

    def _second_opinion(self, text: str, key: str, offsets: list[int]):
        """The served model's finding on an unsure line (a key span and the rule it cites), and the answer's provenance."""
        try:
            answer = self.second_opinion.ask(text)
        except LLMError as exc:
            return None, fell_back(exc, "已仅按离线规则检查")
        provenance = {"backend": self.second_opinion.backend}
        if not answer.violation:
            return None, provenance
        at = text.find(answer.phrase)
        start, end = bisect_left(offsets, at), bisect_left(offsets, at + len(answer.phrase))
        if end <= start:
            return None, provenance
        return (start, end, SEMANTIC, self.citations.nearest(key[start:end], answer.category)), provenance

    def _settled(self, line: str) -> bool:
        """Whether the fast layers decide the line: they flag more than style in it, or their grammar turned its rule words."""
        result, reversed_any = self._verdict(line)
        return reversed_any or _decided(result.violations)

    def _ni_rule(self, text, offsets, clauses, starts, at) -> Rule:
        """Addressing with 你: the suggestion is the same clause with 您."""
        start, end = clauses[bisect_right(starts, at) - 1]
        swapped = ADDRESS_NI.sub("您", text[offsets[start]:offsets[end - 1] + 1])
        # 你自己看说明书 → 您自己看说明书 is still a brush-off: the rule the polite form breaks gives the fix.
        # The swapped clause has no 你 left, so this looks one level deep only.
        if still := self.check(swapped, ask_model=False).violations:
            swapped = still[0].suggestion or swapped
        return self.citations.address_ni.model_copy(update={"suggestion": swapped})

    def _model_rule(self, clause: str) -> Rule:
        """A model hit cites the forbidden phrase it most resembles, else its category's principle."""
        return self.citations.nearest(clause, self.classifier.category(clause))


def _shipped_fast(settings: Settings):
    """Whether the shipped rulebook's fast layers decide a line (`Checker._settled`, the learned stages left out),
    their checker built the first time training asks."""
    checker = None

    def settled(line: str) -> bool:
        nonlocal checker
        checker = checker or Checker(shipped_rulebook(), settings, disabled_layers={"model", "semantic"})
        return checker._settled(line)
    return settled


def _decided(rules) -> bool:
    """Whether some rule (or violation) broken is more than the informal style rules (low severity)."""
    return any(rule.severity != "low" for rule in rules)


def _lookahead(regex: re.Pattern) -> str:
    """The rule as a capturing lookahead, keeping its case-insensitivity inside a combined pattern."""
    return f"(?=({_inline(regex)}))"


def _inline(regex: re.Pattern) -> str:
    """The rule as a group that keeps its case-insensitivity inside a combined pattern."""
    return f"(?{'i' if regex.flags & re.I else ''}:{regex.pattern})"


def _allowed_keys(phrase: str) -> list[str]:
    """A prescribed phrase whole and each of its clauses, as matching keys."""
    keys = [match_key(phrase)]
    keys += [k for k in (match_key(part) for part in _PLACEHOLDER.split(phrase)) if len(k) >= 2]
    return keys


def _rude_anywhere(key: str) -> bool:
    """A bare-opening wording long and pointed enough to be rude inside any utterance (说话呀)."""
    return len(key) >= 3 and not key.startswith(("您", "再见"))


def _whole_clause(key: str, clause: tuple[int, int], start: int, end: int) -> bool:
    """A short key counts only when the rest of its clause is filler (or the key repeated)."""
    rest = (key[clause[0]:start] + key[end:clause[1]]).replace(key[start:end], "")
    return sum(ch not in _FILLER for ch in rest) <= 1


def _quoted(text: str, at: int) -> bool:
    """A 你 between quotes is being talked about (the 您/你 rule itself), not said to the customer."""
    return (at > 0 and text[at - 1] in _QUOTES) or (at + 1 < len(text) and text[at + 1] in _QUOTES)
