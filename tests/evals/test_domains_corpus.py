"""The agent-line corpus itself: well-formed rows, unique ids, and no train/dev line that nearly repeats a test line."""
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from core.settings import Settings
from evals.domains import corpus_rows, held_out_domains
from knowledge.normalize import match_key

CORPUS = Path(Settings().labelled_dir) / "agent_lines"
CATEGORIES = {"forbidden_phrase", "rude_tone", "shift_responsibility", "blame_customer", "address_ni",
              "command_tone", "jargon", "lecturing", "bare_opening"}
KINDS = {"lexicon", "paraphrase", "embedded", "asr", "near_miss", "ok_general", "prescribed"}
# Ids of the corpus's first lines, split by hand before the near-duplicate screen existed.
FIRST_LINES = re.compile(r"(?:bk|ec|tc|ut)\d")
# Bigram Jaccard at or above this counts as the same line reworded (the screen new lines passed).
NEAR_DUPLICATE = 0.6


@pytest.fixture(scope="module")
def rows():
    return corpus_rows(Settings())


def _bigrams(text: str) -> set[str]:
    key = match_key(text)
    return {key[i:i + 2] for i in range(len(key) - 1)}


def test_every_row_is_labelled_with_a_known_category_kind_and_split(rows):
    for row in rows:
        assert row["label"] in ("violation", "ok") and row["split"] in ("train", "dev", "test")
        assert row["kind"] in KINDS and row["text"].strip() and row["domain"]
        assert (row["category"] in CATEGORIES) if row["label"] == "violation" else row["category"] is None


def test_ids_are_unique_across_every_domain_file(rows):
    assert not [i for i, n in Counter(r["id"] for r in rows).items() if n > 1]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.jsonl")), ids=lambda p: p.stem)
def test_each_file_is_one_json_object_per_line(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        assert isinstance(json.loads(line), dict)


def test_the_held_out_domains_are_the_ones_the_suites_report(rows):
    assert held_out_domains(rows) == ["bank", "ecommerce", "telecom", "travel", "utilities"]


def test_compliant_lines_are_at_least_two_fifths(rows):
    assert sum(r["label"] == "ok" for r in rows) / len(rows) >= 0.4


def test_no_train_or_dev_line_nearly_repeats_a_test_line(rows):
    test = [_bigrams(r["text"]) for r in rows if r["split"] == "test"]
    near = []
    for row in rows:
        if row["split"] == "test":
            continue
        mine = _bigrams(row["text"])
        # Jaccard >= t needs the smaller set to be at least t of the larger: skip the rest cheaply.
        if any(len(mine & t) >= NEAR_DUPLICATE * len(mine | t) for t in test
               if min(len(t), len(mine)) >= NEAR_DUPLICATE * max(len(t), len(mine))):
            near.append(row["id"])
    # Every line added since the first ones passed the screen.
    assert not [i for i in near if not FIRST_LINES.match(i)]
