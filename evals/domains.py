"""Leave-one-domain-out for the check cascade: train on the other domains' lines, test on the one left out.

Print the table (one row per held-out domain, recall and false-positive rate over all its lines):

    OMP_WAIT_POLICY=PASSIVE .venv/bin/python -m evals.domains [DATA_DIR]

With `--folds K`, the same for K folds of the train and dev lines instead (a line's fold comes from its
id; test lines are left out entirely), and a last row over all folds: the cascade's out-of-fold figures.

Only domains with a 'test' split are held out: a domain whose lines were written to train on only
(train and dev) joins every fold's training data and is never a row of the table.

Each fold writes its own labelled dir (the demo split plus the corpus lines of the other domains)
and retrains from it, as a fresh machine would: the n-gram model on their 'train' split, the
semantic stage on 'train' plus seeds, both thresholds on their 'dev' split. Sentence vectors come
from one content-addressed embedding cache, so a fold embeds nothing an earlier run already did, and
the folds' models are cached per machine under the hash of their training data like any other, so a
second run trains nothing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

from pydantic import BaseModel

from assist.check import Checker
from assist.classifier import CORPUS_DIR, DATA_FILE
from core.settings import Settings
from knowledge.embeddings import make_embedder
from knowledge.rulebook import load_rulebook


class Fold(BaseModel):
    """One held-out domain and how the cascade trained without it did on its lines."""

    domain: str
    recall: float
    false_positive_rate: float
    violations: int
    compliant: int


def corpus_rows(settings: Settings) -> list[dict]:
    """Every labelled corpus line, across the domain files."""
    return [json.loads(line) for path in sorted((Path(settings.labelled_dir) / CORPUS_DIR).glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_fold(domain: str, rows: list[dict], settings: Settings, embedder, rulebook) -> Fold:
    """Train on every domain but `domain` (train and dev splits), score all of `domain`'s lines."""
    return score_held_out(domain, [r for r in rows if r["domain"] == domain], [r for r in rows if r["domain"] != domain],
                          settings, embedder, rulebook)


def score_held_out(name: str, held: list[dict], kept: list[dict], settings: Settings, embedder, rulebook) -> Fold:
    """Train on `kept` (its train and dev splits) as a fresh machine would, score every line of `held`."""
    with tempfile.TemporaryDirectory() as tmp:
        labelled = Path(tmp) / "labelled"
        (labelled / CORPUS_DIR).mkdir(parents=True)
        (labelled / DATA_FILE).write_bytes((Path(settings.labelled_dir) / DATA_FILE).read_bytes())
        (labelled / CORPUS_DIR / "others.jsonl").write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in kept), encoding="utf-8")
        fold_settings = settings.model_copy(update={"labelled_dir": labelled, "data_dir": Path(tmp) / "data"})
        checker = Checker(rulebook, fold_settings, embedder=embedder)
        flagged = [(r["label"] == "violation", bool(checker.check(r["text"]).violations)) for r in held]
    bad = [f for v, f in flagged if v]
    ok = [f for v, f in flagged if not v]
    return Fold(domain=name, recall=sum(bad) / max(1, len(bad)), false_positive_rate=sum(ok) / max(1, len(ok)),
                violations=len(bad), compliant=len(ok))


def pooled(name: str, folds: list[Fold]) -> Fold:
    """Every fold's lines counted together."""
    bad, ok = sum(f.violations for f in folds), sum(f.compliant for f in folds)
    return Fold(domain=name, violations=bad, compliant=ok,
                recall=sum(f.recall * f.violations for f in folds) / max(1, bad),
                false_positive_rate=sum(f.false_positive_rate * f.compliant for f in folds) / max(1, ok))


def held_out_domains(rows: list[dict]) -> list[str]:
    """The domains with test lines, sorted: the ones a fold can hold out and measure."""
    return sorted({r["domain"] for r in rows if r.get("split") == "test"})


def main(argv: list[str]) -> None:
    """Print the table: a header, then one row per held-out domain (or fold) with recall and false-positive rate."""
    parser = argparse.ArgumentParser(prog="python -m evals.domains")
    parser.add_argument("data_dir", nargs="?", type=Path)
    parser.add_argument("--folds", type=int, default=0, help="K folds of the train and dev lines instead of domains")
    args = parser.parse_args(argv)
    folds = args.folds
    settings = Settings(data_dir=args.data_dir) if args.data_dir else Settings()
    rows = corpus_rows(settings)
    embedder, rulebook = make_embedder(settings), load_rulebook()
    print("留出折" if folds else "留出领域", "召回率\t误报率\t违规\t合规", sep="\t", flush=True)
    if not folds:
        for domain in held_out_domains(rows):
            _row(run_fold(domain, rows, settings, embedder, rulebook))
        return
    rows = [r for r in rows if r.get("split") != "test"]
    fold_of = [int(hashlib.md5(r.get("id", r["text"]).encode()).hexdigest(), 16) % folds for r in rows]
    done = []
    for k in range(folds):
        done.append(score_held_out(str(k), [r for r, f in zip(rows, fold_of) if f == k],
                                   [r for r, f in zip(rows, fold_of) if f != k], settings, embedder, rulebook))
        _row(done[-1])
    _row(pooled("全部", done))


def _row(fold: Fold) -> None:
    print(f"{fold.domain}\t{fold.recall:.3f}\t{fold.false_positive_rate:.3f}\t{fold.violations}\t{fold.compliant}",
          flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
