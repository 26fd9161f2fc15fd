"""A small learned model for paraphrased violations no list contains.

Char 1–3-grams of the matching key into a logistic regression (assist/linear.py fits it); the
weights are exported to a plain dict so scoring a clause is a few dict lookups, and cached in the
data dir under the hash of its training data (labelled file, seeds, rulebook wording) so a warm
start never imports scikit-learn.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import yaml
from pydantic import BaseModel

from assist.linear import LinearModel, fit_char_binary, recipe_digest, train_linear
from assist.rudeness import rude_signal
from core.files import written_whole
from core.settings import Settings
from knowledge.normalize import match_key

DATA_FILE = "check.jsonl"
# Agent lines from other centres (banks, telecoms, shops…), one JSONL file per domain; their train
# split joins the training set so the model learns how agents elsewhere word a violation, their dev
# split places the threshold.
CORPUS_DIR = "agent_lines"
NGRAMS = (1, 2, 3)
# A clause this short carries too little signal; the lexicon and rules cover it.
MIN_CHARS = 3
# Threshold tuning keeps the held-out false-positive rate on compliant lines under this.
MAX_FPR = 0.03
# Behind the rude-signal gate, held-out scores of compliant clauses mostly stay under 0.15; the
# threshold never drops below this, which leaves a margin for unseen near-misses.
MIN_THRESHOLD = 0.5
FOLDS = 5
# Inverse regularization of the logistic regression.
C = 2.0


# Hand-written rude and compliant lines (assist/check_seeds.yaml), always part of the training set.
SEEDS_FILE = Path(__file__).with_name("check_seeds.yaml")
# Bumped when the training recipe changes, so cached models are retrained.
RECIPE = "6"
# Placeholders inside prescribed phrases (XX先生, ***, ……) split them into trainable pieces.
_PLACEHOLDER = re.compile(r"[xX×*＊]{2,}|…+|\.{3,}|[（(][^）)]*[）)]|/")


class Example(BaseModel):
    """One labelled agent utterance from evals/data/check.jsonl (or a seed: split 'seed')."""

    text: str
    violation: bool
    category: str | None = None
    split: str


class Model(BaseModel):
    """Exported weights: n-gram → weight for 'violation', plus a model of the violation category."""

    bias: float = 0.0
    weights: dict[str, float] = {}
    threshold: float = 1.0
    categories: LinearModel = LinearModel()
    trained_on: str = ""


def grams(key: str) -> set[str]:
    """The distinct char n-grams of a matching key."""
    return {key[i:i + n] for n in NGRAMS for i in range(len(key) - n + 1)}


def load_examples(path: Path) -> list[Example]:
    """Read labelled utterances; a row is a violation when it carries a violating label or category."""
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        label = str(row.get("label", "")).lower()
        category = row.get("category") or None
        violation = label in {"violation", "bad", "1", "true", "forbidden"} or (
            not label and bool(category) and category != "ok")
        examples.append(Example(text=row["text"], violation=violation,
                                category=category if violation else None, split=row.get("split", "train")))
    return examples


def labelled_files(settings: Settings) -> list[Path]:
    """The labelled files the check model learns from: the demo split and every corpus domain file."""
    root = Path(settings.labelled_dir)
    return [p for p in [root / DATA_FILE, *sorted((root / CORPUS_DIR).glob("*.jsonl"))] if p.exists()]


def seed_examples(rulebook=None) -> list[Example]:
    """Hand-written seeds plus the rulebook's own wording: forbidden phrases bad, prescribed phrases good."""
    seeds = yaml.safe_load(SEEDS_FILE.read_text(encoding="utf-8"))
    examples = [Example(text=t, violation=True, category=c, split="seed")
                for c, texts in seeds["violations"].items() for t in texts]
    examples += [Example(text=t, violation=False, split="seed") for t in seeds["compliant"]]
    if rulebook is not None:
        # Bare 您好 / 再见 are wrong only as a whole call opening or ending, not as words.
        examples += [Example(text=t, violation=True, category=f.category, split="seed")
                     for f in rulebook.forbidden_phrases if f.category != "bare_opening" for t in [f.text, *f.variants]]
        examples += [Example(text=part, violation=False, split="seed")
                     for p in rulebook.scenario_phrases for part in _PLACEHOLDER.split(p.text) if len(match_key(part)) >= 2]
    return examples


class Classifier:
    """Scores one clause's matching key: probability that it breaks a service rule."""

    def __init__(self, model: Model):
        self.model = model
        self._weights = model.weights
        self._bias = model.bias

    @classmethod
    def load(cls, settings: Settings, rulebook=None) -> "Classifier":
        """The model trained on the labelled file, seeds and rulebook, from cache when none changed."""
        paths = labelled_files(settings)
        if not paths:
            return cls(Model())
        extra = seed_examples(rulebook)
        # Keyed on what training reads: a change to a test line neither retrains nor moves a threshold.
        examples = [e for p in paths for e in load_examples(p) if e.split in ("train", "dev")]
        digest = recipe_digest([RECIPE, [e.model_dump() for e in examples + extra]])
        cache = Path(settings.models_dir) / f"check-{digest}.json"
        if cache.exists():
            try:
                return cls(Model.model_validate_json(cache.read_text(encoding="utf-8")))
            except ValueError:
                pass  # a corrupt cache is simply retrained
        model = train(examples, extra)
        model.trained_on = digest
        with written_whole(cache) as partial:
            partial.write_text(model.model_dump_json(), encoding="utf-8")
        return cls(model)

    def score(self, key: str) -> float:
        """Violation probability of one clause key (0 when the model is empty or the clause tiny)."""
        if len(key) < MIN_CHARS or not self._weights:
            return 0.0
        weights = self._weights
        z = self._bias
        for gram in grams(key):
            z += weights.get(gram, 0.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def flags(self, key: str) -> bool:
        """Whether one clause key carries a rude signal and scores over the cross-validated threshold."""
        return rude_signal(key) and self.score(key) >= self.model.threshold

    def category(self, key: str) -> str | None:
        """The most likely violation category of a flagged clause."""
        return self.model.categories.predict(key)[0]


def fit_binary(rows: list[Example]) -> Model:
    """Fit the violation model on rows (whole lines, plus every clause of a compliant line)."""
    from assist.clauses import clause_keys

    texts, labels = [], []
    for e in rows:
        # Compliant lines teach that none of their clauses is bad; violating lines are kept whole
        # (their offending clause is unknown) and scored per clause at inference.
        texts.append(match_key(e.text))
        labels.append(int(e.violation))
        if not e.violation:
            for key in clause_keys(e.text):
                texts.append(key)
                labels.append(0)
    bias, weights = fit_char_binary(texts, labels, NGRAMS, C)
    return Model(bias=bias, weights=weights)


def train(examples: list[Example], extra: list[Example] = ()) -> Model:
    """Fit on 'train' plus extra; place the threshold on 'dev' (k-fold over 'train' without one); never see 'test'."""
    fitted = [e for e in examples if e.split == "train"]
    dev = [e for e in examples if e.split == "dev"]
    rows = fitted + list(extra)
    if len({e.violation for e in rows}) < 2:
        return Model()
    model = fit_binary(rows)
    bad = [e for e in rows if e.violation and e.category]
    model.categories = train_linear([e.text for e in bad], [e.category for e in bad])
    if dev:
        # Lines the model never saw place the threshold, as they will meet it in use.
        model.threshold = tune_threshold([(Classifier(model), e) for e in dev])
        return model
    # Without a dev split every train line is scored once by a model that did not see it.
    held_out = []
    for k in range(FOLDS):
        fold = [e for i, e in enumerate(fitted) if i % FOLDS == k]
        rest = [e for i, e in enumerate(fitted) if i % FOLDS != k] + list(extra)
        if fold and len({e.violation for e in rest}) == 2:
            scorer = Classifier(fit_binary(rest))
            held_out += [(scorer, e) for e in fold]
    model.threshold = tune_threshold(held_out)
    return model


def tune_threshold(scored: list[tuple[Classifier, Example]]) -> float:
    """The lowest threshold whose false-positive rate on held-out compliant lines stays under MAX_FPR."""
    from assist.clauses import clause_keys

    # Only clauses the gate lets through can ever be flagged, so only they place the threshold.
    ok = [max((c.score(k) for k in clause_keys(e.text) if rude_signal(k)), default=0.0)
          for c, e in scored if not e.violation]
    if not ok:
        return MIN_THRESHOLD
    allowed = int(MAX_FPR * len(ok))
    ranked = sorted(ok, reverse=True)
    # Sit just above the (allowed+1)-th highest compliant score, never below MIN_THRESHOLD.
    return max(MIN_THRESHOLD, ranked[allowed] + 1e-6 if allowed < len(ranked) else MIN_THRESHOLD)
