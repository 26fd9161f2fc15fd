"""How well kefu learns an organisation's own regulations: extraction, check and search, per document.

Each document of a labelled folder (answers.json, paraphrases.jsonl, questions.jsonl beside the
documents; see evals/data/regulations/test/README.md) is imported into a fresh workspace the way a
trainer would do it: ingest, then approve every draft. Then we measure
- extraction: the share of the gold forbidden phrases, SLAs, points and prescribed lines drafted,
  forbidden phrases also cited to their article or item, and the share of drafted entries that
  match no gold entry at all (junk);
- check: the share of the paraphrased forbidden phrases flagged, and of compliant lines flagged;
- search: the share of questions answered (not refused) whose first hit cites the gold article, the share judged
  relevant at all, and the share of questions no regulation answers (evals/data/search_unanswerable.jsonl) that search
  refuses with 没有找到相关条文. A folder named `test` is measured on that file's test split; any other
  folder on its train and dev splits, on which the relevance threshold was set.
"""
from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from pathlib import Path

from assist.check import Checker
from core.settings import Settings
from core.workspace import create_workspace
from knowledge.embeddings import make_embedder
from knowledge.ingest import ingest_workspace
from knowledge.normalize import match_key
from knowledge.review import approved, load_workspace_rulebook, set_status
from knowledge.search import Searcher

# Numbering tokens an article is made of: 第十二条, 三、, （二）, (2), 4.2, 1、
_TOKEN = re.compile(r"第[一二三四五六七八九十百零\d]+[章节条部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:\.\d+)+|\d+[、.．]")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "．": ".", "、": "、"})


def _tokens(article: str) -> list[str]:
    return [t.translate(_BRACKETS).rstrip(".") for t in _TOKEN.findall(article.translate(_BRACKETS))]


def cites(article: str, gold: str) -> bool:
    """True when a citation names every numbering token of the gold article (in any order)."""
    wanted = _tokens(gold)
    have = set(_tokens(article))
    return bool(wanted) and all(t in have for t in wanted) or (not wanted and match_key(gold) in match_key(article))


def _similar(a: str, b: str) -> bool:
    """Same rule text: one contains the other, or they share most of their characters in order."""
    a, b = match_key(a), match_key(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.6


def _number_matches(entry, gold: dict, fields: tuple[str, ...]) -> bool:
    values = [v for v in (getattr(entry, f, None) for f in fields) if v is not None]
    wanted = [gold.get(f) for f in ("value", "points", "money") if gold.get(f) is not None]
    flat = {float(x) for v in values for x in (v if isinstance(v, (tuple, list)) else [v])}
    for w in wanted:
        parts = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", str(w))]
        if parts and not any(abs(abs(p) - abs(f)) < 1e-6 for p in parts for f in flat):
            return False
    return True


def _found(entries, gold: dict, fields: tuple[str, ...] = ()) -> object | None:
    for entry in entries:
        text = entry.evidence or entry.text
        if (_similar(entry.text, gold["text"]) or _similar(text, gold["text"])) and _number_matches(entry, gold, fields):
            return entry
    return None


def _ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


UNANSWERABLE = Path(__file__).resolve().parent / "data" / "search_unanswerable.jsonl"


def measure_document(settings: Settings, folder: Path, name: str, answers: dict, lines: list[dict],
                     questions: list[dict], unanswerable: list[dict] = ()) -> dict:
    """Import one document into a fresh workspace and measure extraction, check and search on it."""
    workspace = create_workspace(settings, re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower())[:30].strip("-"))
    report = ingest_workspace(workspace, [folder / name])
    drafted = load_workspace_rulebook(workspace)
    sections = {"forbidden": (drafted.forbidden_phrases, ()), "slas": (drafted.slas, ("value",)),
                "points": (drafted.points, ("points", "money")), "prescribed": (drafted.scenario_phrases, ())}
    out: dict = {"document": name, "errors": report.errors}
    matched: set[str] = set()
    for section, (entries, fields) in sections.items():
        gold = answers.get(section, [])
        found = [(g, _found(entries, g, fields)) for g in gold]
        matched |= {e.id for _, e in found if e is not None}
        out[f"{section}_recall"] = _ratio(sum(e is not None for _, e in found), len(gold))
        out[f"{section}_missed"] = [g["text"] for g, e in found if e is None]
        if section == "forbidden":
            out["forbidden_cited"] = _ratio(sum(e is not None and cites(e.source.article, g["article"])
                                                for g, e in found), len(gold))
    # Junk: a drafted entry that matches no gold entry in any section (principles are never drafted).
    every = [e for entries, _ in sections.values() for e in entries]
    all_gold = [g for s in sections for g in answers.get(s, [])]
    junk = [e for e in every if e.id not in matched and not any(_similar(e.text, g["text"]) for g in all_gold)]
    out["drafted"] = len(every)
    out["junk_rate"] = _ratio(len(junk), len(every))
    out["junk"] = [e.text for e in junk]

    set_status(workspace, ["all"], "approved", "评测")
    # As `kefu check --workspace` builds it: the cascade with its semantic stage.
    checker = Checker(approved(load_workspace_rulebook(workspace)), workspace.settings(),
                      embedder=make_embedder(workspace.settings()))
    flagged = [(line, bool(checker.check(line["text"]).violations)) for line in lines]
    bad = [f for line, f in flagged if line["label"] == "violation"]
    prescribed = [f for line, f in flagged if line["label"] == "ok" and line.get("kind") == "prescribed"]
    good = [f for line, f in flagged if line["label"] == "ok"]
    out["check_recall"] = _ratio(sum(bad), len(bad))
    out["prescribed_flagged"] = sum(prescribed)
    out["check_false_positive_rate"] = _ratio(sum(good), len(good))
    out["check_missed"] = [line["text"] for line, f in flagged if line["label"] == "violation" and not f]
    out["check_false_positives"] = [line["text"] for line, f in flagged if line["label"] == "ok" and f]

    searcher = Searcher(workspace.settings())
    results = [(q, searcher.search(q["query"], k=1)) for q in questions]
    # A refused question shows the trainer 没有找到相关条文 and no article, whatever was ranked first.
    right = [q for q, r in results if r.relevant and r.hits and cites(r.hits[0].article, q["article"])]
    out["search_article_at_1"] = _ratio(len(right), len(questions))
    out["search_missed"] = [{"query": q["query"], "article": q["article"], "cited": r.hits[0].article if r.hits else "",
                            "refused": not r.relevant}
                            for q, r in results if q not in right]
    out["search_answered"] = _ratio(sum(r.relevant for _, r in results), len(results))
    out["search_refused"] = _ratio(sum(not searcher.search(q["query"], k=1).relevant for q in unanswerable),
                                   len(unanswerable))
    return out


def measure_folder(settings: Settings, folder: Path) -> dict:
    """Every document of a labelled folder, each in a workspace of its own under settings.data_dir."""
    folder = Path(folder)
    answers = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    lines = _jsonl(folder / "paraphrases.jsonl")
    questions = _jsonl(folder / "questions.jsonl")
    splits = ("test",) if folder.name == "test" else ("train", "dev")
    unanswerable = [q for q in _jsonl(UNANSWERABLE) if q["split"] in splits]
    documents = [measure_document(settings, folder, name, gold, [x for x in lines if x["doc"] == name],
                                  [q for q in questions if q["doc"] == name], unanswerable)
                 for name, gold in answers.items()]
    return {"folder": str(folder), "documents": documents}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
