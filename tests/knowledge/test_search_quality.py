import json

import pytest

from knowledge.normalize import match_key


def load_questions(settings) -> list[dict]:
    path = settings.labelled_dir / "search.jsonl"
    if not path.exists():
        pytest.skip(f"labelled search questions not written yet: {path}")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def found(hit_texts: list[str], keywords: list[str]) -> bool:
    """A hit counts when one passage contains every keyword (both sides normalized)."""
    return any(all(match_key(word) in match_key(text) for word in keywords) for text in hit_texts)


def test_hit_at_5_on_labelled_questions(built_settings, searcher):
    questions = load_questions(built_settings)
    assert len(questions) >= 50
    misses = [q for q in questions if not found([h.text for h in searcher.search(q["query"], k=5).hits], q["keywords"])]
    hit_rate = 1 - len(misses) / len(questions)
    assert hit_rate >= 0.9, f"hit@5 = {hit_rate:.3f}; missed: " + "; ".join(
        f"{q['id']} {q['query']} → {q['keywords']}" for q in misses
    )
