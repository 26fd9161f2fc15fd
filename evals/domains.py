"""Leave-one-domain-out for the check cascade: train on the other domains' lines, test on the one left out.

Run it as `python -m evals.domains [DATA_DIR]`. Each fold writes its own labelled dir (the demo split
plus the corpus lines of the other domains) and trains the n-gram model and the semantic stage from
it; sentence vectors come from one content-addressed embedding cache, so a fold embeds nothing the
previous folds already did.
"""
from __future__ import annotations

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
    with tempfile.TemporaryDirectory() as tmp:
        labelled = Path(tmp) / "labelled"
        (labelled / CORPUS_DIR).mkdir(parents=True)
        (labelled / DATA_FILE).write_bytes((Path(settings.labelled_dir) / DATA_FILE).read_bytes())
        kept = [r for r in rows if r["domain"] != domain]
        (labelled / CORPUS_DIR / "others.jsonl").write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in kept), encoding="utf-8")
        fold_settings = settings.model_copy(update={"labelled_dir": labelled, "data_dir": Path(tmp) / "data"})
        checker = Checker(rulebook, fold_settings, embedder=embedder)
        held = [r for r in rows if r["domain"] == domain]
        flagged = [(r["label"] == "violation", bool(checker.check(r["text"]).violations)) for r in held]
    bad = [f for v, f in flagged if v]
    ok = [f for v, f in flagged if not v]
    return Fold(domain=domain, recall=sum(bad) / max(1, len(bad)), false_positive_rate=sum(ok) / max(1, len(ok)),
                violations=len(bad), compliant=len(ok))


def main(argv: list[str]) -> None:
    """Print one line per held-out domain: recall and false-positive rate."""
    settings = Settings(data_dir=Path(argv[0])) if argv else Settings()
    rows = corpus_rows(settings)
    embedder, rulebook = make_embedder(settings), load_rulebook()
    for domain in sorted({r["domain"] for r in rows}):
        fold = run_fold(domain, rows, settings, embedder, rulebook)
        print(f"{fold.domain}\t召回率 {fold.recall:.3f}\t误报率 {fold.false_positive_rate:.3f}\t"
              f"违规 {fold.violations} 合规 {fold.compliant}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
