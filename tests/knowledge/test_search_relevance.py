"""Search says "no relevant passage" below its calibrated threshold, and marks the answering sentence."""
from __future__ import annotations

import copy
import json

import pytest

from knowledge.search import NOT_FOUND, sentence_spans


@pytest.mark.parametrize("query", [
    "今晚的足球比赛几点开球", "糖醋排骨怎么做才好吃", "zzqqxxv", "推荐一部适合周末看的动画片",
    "飞机上能带多大容量的充电宝", "嘿嘿嘿嘿",
])
def test_unrelated_questions_get_no_relevant_passage(searcher, query):
    result = searcher.search(query)
    assert result.relevant is False and result.message == NOT_FOUND
    assert "没有找到相关条文" in result.message and "换个说法" in result.message
    assert all(hit.answer is None and hit.conflicts == [] for hit in result.hits)


@pytest.mark.parametrize("query", ["客户投诉怎么处理", "服务禁语有哪些", "客户骂人的时候坐席该怎么回应", "接电话时要先说什么",
                                   # An agent's own words, sharing few of the rules': asking how to put it to a caller.
                                   "上来头一句咋讲", "客户嫌贵跟我掰扯，有现成的说法没"])
def test_questions_about_the_regulations_are_answered(searcher, query):
    result = searcher.search(query)
    assert result.relevant is True and result.message is None and result.hits


def test_an_uncalibrated_embedder_answers_every_query(searcher):
    # A threshold belongs to one model's cosines; with another model the gate stays open rather than guess.
    other = copy.copy(searcher)
    other.threshold = None
    assert other.search("糖醋排骨怎么做才好吃").relevant is True


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_gate_keeps_the_demo_questions_and_refuses_the_unanswerable_ones(built_settings, searcher):
    answerable = _jsonl(built_settings.labelled_dir / "search.jsonl")
    unanswerable = _jsonl(built_settings.labelled_dir / "search_unanswerable.jsonl")
    assert len(unanswerable) >= 60 and {q["split"] for q in unanswerable} == {"train", "dev", "test"}
    kept = sum(r.relevant for r in searcher.search_many([q["query"] for q in answerable]))
    refused = sum(not r.relevant for r in searcher.search_many([q["query"] for q in unanswerable]))
    assert kept / len(answerable) >= 0.9, f"kept {kept}/{len(answerable)}"
    assert refused / len(unanswerable) >= 0.9, f"refused {refused}/{len(unanswerable)}"


@pytest.mark.parametrize(("text", "expected"), [
    ("第五条 来电应在三声内接听。接听后先报工号；再询问客户需求。",
     ["第五条 来电应在三声内接听。", "接听后先报工号；", "再询问客户需求。"]),
    ("退款说明\n  1. 退款3个工作日内到账。\n2. 运费由商家承担", ["退款说明", "1. 退款3个工作日内到账。", "2. 运费由商家承担"]),
    ("客服说：“您好！请讲。”然后记录。", ["客服说：“您好！请讲。”然后记录。"]),
])
def test_sentence_spans_cover_each_sentence(text, expected):
    assert [text[start:end] for start, end in sentence_spans(text)] == expected


@pytest.mark.parametrize(("query", "needle"), [
    ("这事不归我管这种话能说吗", "这事不归我管"),
    ("客户投诉怎么处理", "投诉"),
    ("话筒离嘴巴多远合适", "话筒"),
])
def test_the_answering_sentence_holds_the_query_words(searcher, query, needle):
    result = searcher.search(query, k=5)
    marked = [hit.text[hit.answer[0]:hit.answer[1]] for hit in result.hits if hit.answer]
    assert marked, "no hit had an answering sentence"
    assert any(needle in sentence for sentence in marked)
    for hit in result.hits:
        if hit.answer:
            start, end = hit.answer
            assert 0 <= start < end <= len(hit.text) and hit.text[start:end].strip() == hit.text[start:end]
