"""Acceptance on the held-out test split of evals/data/check.jsonl, and speed in a warm process."""
import json
import time

import pytest

from assist.check import Checker
from core.settings import Settings
from knowledge.rulebook import load_rulebook

SETTINGS = Settings()
ROWS = [json.loads(line) for line in (SETTINGS.labelled_dir / "check.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()]


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    return Checker(load_rulebook(), Settings(data_dir=tmp_path_factory.mktemp("data")))


def rates(checker, split):
    rows = [r for r in ROWS if r["split"] == split]
    bad = [r for r in rows if r["label"] == "violation"]
    ok = [r for r in rows if r["label"] == "ok"]
    recall = sum(bool(checker.check(r["text"]).violations) for r in bad) / len(bad)
    fpr = sum(bool(checker.check(r["text"]).violations) for r in ok) / len(ok)
    return recall, fpr


def test_held_out_recall_and_false_positive_rate(checker):
    recall, fpr = rates(checker, "test")
    assert recall >= 0.95 and fpr <= 0.05, (recall, fpr)


def test_dev_split_meets_the_bar(checker):
    recall, fpr = rates(checker, "dev")
    assert recall >= 0.95 and fpr <= 0.05, (recall, fpr)


def test_warm_speed_per_utterance(checker):
    texts = [r["text"] for r in ROWS]
    for text in texts:
        checker.check(text)
    start = time.perf_counter()
    for text in texts:
        checker.check(text)
    per = (time.perf_counter() - start) / len(texts)
    assert per <= 1e-3, f"{per * 1e6:.0f} µs per utterance"
