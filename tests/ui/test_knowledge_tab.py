"""The knowledge tab's Markdown and rulebook table: highlighted answers, no-result answers, conflicts, filters."""
from __future__ import annotations

import re

import pytest

from knowledge.rulebook import load_rulebook
from knowledge.search import NOT_FOUND
from ui.knowledge_tab import ALL, CONFLICT, categories, filtered, hits_md, rule_rows, rules_html

TEXT = "第十二条 退款申请受理后，3个工作日内退回原账户。逾期的应向客户致歉。"
ANSWER = "退款申请受理后，3个工作日内退回原账户。"
HIT = {"text": TEXT, "source": "001_0123456789abcdef.txt", "article": "江海银行规范 > 第十二条", "score": 0.3,
       "answer": [TEXT.index(ANSWER), TEXT.index(ANSWER) + len(ANSWER)], "conflicts": []}


def result(**changes) -> dict:
    return {"query": "退款几天到账", "relevant": True, "hits": [{**HIT, **changes}]}


def test_the_answering_sentence_is_marked_and_the_article_cited():
    md = hits_md(result())
    assert f"<mark>{ANSWER}</mark>" in md and md.count("<mark>") == 1
    assert "第十二条" in md and "0123456789abcdef" not in md


def test_below_the_threshold_the_weak_hits_are_not_shown():
    md = hits_md({**result(), "relevant": False, "message": NOT_FOUND})
    assert "没有找到相关条文" in md and "换个说法" in md
    assert "第十二条" not in md


def test_a_conflict_names_the_other_regulation_and_both_values():
    conflict = {"source": "b.md", "article": "迅达手册 > 5.2", "mine": "3个工作日", "theirs": "7个工作日"}
    md = hits_md(result(conflicts=[conflict]))
    assert CONFLICT in md and "迅达手册 &gt; 5.2" in md and "7个工作日" in md and "3个工作日" in md


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"])
def test_passages_are_escaped_around_the_mark(text):
    md = hits_md(result(text=text + "。退款3个工作日到账。", answer=[len(text) + 1, len(text) + 11]))
    assert "<script>" not in md and "<img" not in md and "<mark>" in md


@pytest.fixture(scope="module")
def rows():
    return rule_rows(load_rulebook())


def test_rows_read_as_chinese(rows):
    cells = " ".join(" ".join(row) for row in rows)
    assert not re.search(r"\b(ring|minute|hour|working_day|deduction|bonus|penalty|high|medium|low)\b", cells)
    points = " ".join(row[2] for row in rows)
    assert not re.search(r"\d\.0\b|\(\d+(\.\d+)?, ", points)  # no Python floats or tuples
    assert re.search(r"\d+–\d+", points) and "个工作日" in points and "扣分" in points
    assert not re.search(r"[0-9a-f]{16}", cells)  # no hashed file names
    assert all(len(row) == 5 for row in rows)


def test_forbidden_phrases_show_their_suggestion_and_source(rows):
    forbidden = filtered(rows, "服务禁语")
    assert forbidden and any(row[3] for row in forbidden) and all(row[4] for row in forbidden)


@pytest.mark.parametrize("category", ["服务禁语", "规范用语", "时限与指标", "奖惩分值"])
def test_a_category_keeps_only_its_rows(rows, category):
    kept = filtered(rows, category)
    assert kept and all(row[0].startswith(category) for row in kept)
    assert len(filtered(rows, ALL)) == len(rows) > len(kept)


def test_subcategories_are_offered_after_the_sections(rows):
    options = categories(rows)
    assert options[:5] == [ALL, "服务禁语", "规范用语", "时限与指标", "奖惩分值"]
    for option in options[5:]:
        assert option.startswith("服务禁语·") and filtered(rows, option)


def test_text_and_category_filters_combine(rows):
    word = filtered(rows, "时限与指标")[0][1][:4]
    both = filtered(rows, "时限与指标", word)
    assert both and all(word in " ".join(row) and row[0] == "时限与指标" for row in both)
    assert filtered(rows, ALL, "不可能出现的一串字ZZ") == []


def test_the_table_escapes_and_counts(rows):
    html = rules_html([["服务禁语", "<b>x</b>", "", "", "第一条"]], len(rows))
    assert "&lt;b&gt;" in html and f"显示 1 / {len(rows)} 条" in html
    assert "没有符合条件的规则" in rules_html([], len(rows))


@pytest.mark.parametrize("value, shown", [(17.5, "17:30 前"), (9.0, "9:00 前"), (12.25, "12:15 前")])
def test_a_time_of_day_reads_as_a_clock(value, shown):
    from knowledge.rulebook import RuleSource, Rulebook, Sla

    sla = Sla(id="sla-reply_clock", text=f"次日{shown}回复客户", unit="clock", value=value, applies_to="回复",
              source=RuleSource(file="某银行客服规范.docx", article="第六条"))
    [row] = rule_rows(Rulebook(slas=[sla]))
    assert row[2] == f"{shown}；回复"
