"""The rulebook: validation, coverage of the sources, clean wording, extraction and the CLI."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cli
from knowledge.chunks import SEP, chunk_document
from knowledge.outline import label, outline
from knowledge.clean import clean_sources
from knowledge.normalize import normalize, to_simplified
from knowledge.rulebook import (
    RULEBOOK_PATH, SCENARIOS, SECTIONS, Rulebook, RulebookError, load_rulebook, parse_rulebook,
)
from knowledge.rulebook_extract import extract_rulebook, merge_rulebook

SOURCES = Path(__file__).resolve().parents[2] / "knowledge" / "sources"
FILE_001 = "001_e72afbf8eb22b5b3.txt"

# The 28 服务禁语 of 001's table, in the natural wording an agent would say.
FORBIDDEN_001 = [
    "你声音大一点，我听不清", "真啰嗦", "刚才和你说过了，怎么还问", "刚才不是和你说了吗",
    "先生/女士，我这听着呢", "这个我不清楚", "喂，说话呀", "这我怎么知道呀", "急什么，我这不是给你记录了么",
    "不知道，不行就是不行", "您想好了再打电话来", "有意见找领导去", "你这么激动干什么，我不是正在给你处理吗",
    "我不知道", "这不是我的事", "我忙着呢！你等着", "冷静点", "这件事你应该找别人解决", "你必须怎么样",
    "我查不了，愿意找谁找谁去", "不是告诉你了吗，怎么还不明白", "好像解决不了", "这事不归我管",
    "我这记录着呢，别催我", "怎么了", "你是不是听不到我说话", "我告诉你几遍了", "怎么基本知识都不懂",
]

# Every time limit and rate the foundation issue names: (value, unit, a word of its text).
SLA_NUMBERS = [
    (3, "ring", "三声"), ((2, 3), "ring", "两声至三声"), (3, "minute", "3分钟"), (24, "hour", "24小时"),
    (48, "hour", "48小时"), (72, "hour", "72小时"), (3, "working_day", "退款"), (5, "working_day", "换货"),
    (7, "working_day", "7个工作日"), (3, "working_day", "三个工作日"), (3, "year", "三年"),
    (90, "percent", "90%"), (90, "points", "90分"), (100, "percent", "100%"), (120, "chars_per_minute", "120"),
    ((140, 160), "chars_per_minute", "140-160"), (1, "minute", "1分钟"), (5, "second", "5秒"),
    (3, "second", "三秒"), (10, "minute", "十分钟"),
]

SPUN_WORDS = ["效劳", "歉仄", "讨教", "诠释", "贫困您", "纪录", "治理步伐", "不清晰", "向导", "处置惩罚",
              "适才", "榨取", "旳", "照成", "丢我工作"]


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook()


@pytest.fixture(scope="module")
def docs():
    return clean_sources(SOURCES)


@pytest.fixture(scope="module")
def extracted(docs):
    return extract_rulebook(docs)


def texts_of(entry) -> list[str]:
    """Every piece of Chinese an entry shows to a user."""
    fields = ["text", "suggestion", "situation", "name", "applies_to"]
    out = [getattr(entry, f) for f in fields if isinstance(getattr(entry, f, None), str)]
    for f in ("variants", "items", "steps"):
        out += [v for v in getattr(entry, f, []) if f != "variants" or not re.search("|".join(SPUN_WORDS), v)]
    return out


def test_yaml_validates_with_every_section(rulebook):
    assert all(getattr(rulebook, s) for s in SECTIONS)
    assert len({e.id for e in rulebook.all_entries()}) == len(rulebook.all_entries())


def test_all_28_forbidden_phrases_of_001(rulebook):
    table = [e for e in rulebook.forbidden_phrases if e.source.file == FILE_001]
    assert len(table) == 28
    assert [e.id for e in table] == [f"fp-{n:02d}" for n in range(1, 29)]


@pytest.mark.parametrize("phrase", FORBIDDEN_001)
def test_forbidden_phrase_in_natural_wording(rulebook, phrase):
    key = normalize(phrase)
    entry = next((e for e in rulebook.forbidden_phrases
                  if key in normalize(e.text) or any(key in normalize(v) for v in e.variants)), None)
    assert entry is not None, phrase
    assert entry.variants and entry.suggestion
    assert "你" not in entry.suggestion.replace("您", "")


@pytest.mark.parametrize("variant", ["这个我不太清楚", "这不归我管", "不归我们管", "有意见你找领导", "这不是我的工作"])
def test_common_wordings_are_variants(rulebook, variant):
    assert any(variant in e.variants for e in rulebook.forbidden_phrases)


@pytest.mark.parametrize("text", ["不可以只说“您好”“喂”“说话”", "只说再见", "自行挂机"])
def test_other_forbidden_items(rulebook, text):
    assert any(text in e.text for e in rulebook.forbidden_phrases if e.source.file != FILE_001)


def test_every_scenario_key_has_a_prescribed_reply(rulebook):
    # `other` is the detector's "none of these": it is answered with a clarifying question, not a phrase.
    assert [s for s in SCENARIOS if s != "other" and not rulebook.phrases_for(s)] == []


@pytest.mark.parametrize("scenario, words", [
    ("long_wait", "让您久等了"), ("noisy_line", "听不清您讲话"), ("misdial", "请查证后再拨"),
    ("transfer", "我帮您转接"), ("hold", "请耐心等待"), ("need_record", "麻烦您记录一下"),
    ("thanks", "不客气"), ("apology", "没关系"), ("closing", "请问还有其他问题吗"), ("complaint", "万分抱歉"),
    ("rude_customer", "您不要着急"), ("cannot_answer_now", "请您留下联系电话"),
])
def test_prescribed_reply_for_scenario(rulebook, scenario, words):
    assert any(words in p.text for p in rulebook.phrases_for(scenario))


@pytest.mark.parametrize("name, count", [("三要", 3), ("三不", 3), ("四个一样", 4), ("服务禁忌", 9), ("服务宗旨", 3)])
def test_principles(rulebook, name, count):
    assert [len(p.items) for p in rulebook.principles if p.name == name] == [count]


@pytest.mark.parametrize("entry_id, steps", [("proc-calm_customer", 5), ("proc-complaint_flow", 10),
                                             ("proc-answer_phone", 6)])
def test_procedures(rulebook, entry_id, steps):
    assert len(rulebook.by_id(entry_id).steps) == steps


@pytest.mark.parametrize("value, unit, word", SLA_NUMBERS)
def test_sla_present_with_source(rulebook, value, unit, word):
    want = tuple(float(v) for v in value) if isinstance(value, tuple) else float(value)
    hits = [s for s in rulebook.slas if s.unit == unit and s.value == want and word in s.text]
    assert hits, (value, unit, word)
    assert all((SOURCES / s.source.file).exists() and s.source.article for s in hits)


def test_points_carry_money(rulebook):
    rate = [p for p in rulebook.points if p.kind == "rate"]
    assert [(p.points, p.money) for p in rate] == [(1.0, 2.0)]
    for p in rulebook.points:
        if p.source.file.startswith("000") and p.kind in ("deduction", "bonus"):
            assert p.money == p.points * 2 and (p.points < 0) == (p.kind == "deduction")
    fines = sorted(-p.money for p in rulebook.points if p.kind == "penalty" and p.money)
    assert fines == [500, 800, 1000, 100000, 200000]
    assert any("双倍负激励" in p.text for p in rulebook.points)


def test_every_entry_cites_an_existing_source(rulebook):
    for entry in rulebook.all_entries():
        assert (SOURCES / entry.source.file).is_file(), entry.id
        assert entry.source.article.strip(), entry.id


def heading_paths(nodes, path=()) -> Iterator[str]:
    """Every heading path of an outline, as chunks and citations spell it."""
    for node in nodes:
        here = path + (label(node),)
        yield SEP.join(p for p in here if p)
        yield from heading_paths(node.children, here)


def test_every_citation_names_a_heading_path_of_its_file(rulebook, docs):
    """Extracted or corrected by hand, a rule cites an article a reader finds in the cleaned file."""
    paths = {(d.name, p) for d in docs for p in [*heading_paths(outline(d.text)), *(c.article for c in chunk_document(d))]}
    unresolved = [(e.id, e.source.article) for e in rulebook.all_entries() if (e.source.file, e.source.article) not in paths]
    assert not unresolved


def test_no_spun_word_ocr_error_or_traditional_character(rulebook):
    for entry in rulebook.all_entries():
        for text in texts_of(entry):
            assert not re.search("|".join(SPUN_WORDS), text), (entry.id, text)
            assert to_simplified(text) == text, (entry.id, text)  # no traditional character


def test_extractor_finds_the_table_rows(extracted):
    table = [e for e in extracted.forbidden_phrases if e.source.file == FILE_001]
    assert len(table) == 28 and "这事不归我管" in [e.text for e in table]
    assert all(" > (三)服务禁语 > 序号" in e.source.article for e in table)  # each row cites its number
    rows = {(p.source.article.rsplit(" > ", 2)[-2], p.situation) for p in extracted.scenario_phrases
            if p.source.file == FILE_001}
    assert len({s for a, s in rows if a == "(一)基础服务用语"}) == 5
    assert len({s for a, s in rows if a == "(二)其他服务场景用语"}) == 11  # row 8 is an instruction


@pytest.mark.parametrize("section, words, expected", [
    ("slas", "退款操作需", 3.0), ("slas", "换货操作需", 5.0),
    ("slas", "每分钟140-160", (140.0, 160.0)), ("points", "罚款 800元", -800.0), ("points", "10万元/次负激励", -100000.0),
])
def test_extractor_reads_numbers(extracted, section, words, expected):
    entry = next(e for e in getattr(extracted, section) if words in e.text)
    assert (entry.value if section == "slas" else entry.money) == expected


def test_round_the_clock_availability_is_no_sla(extracted):
    assert not [e.text for e in extracted.slas if "二十四小时有人接听" in e.text]


def reviewed_part(rulebook: Rulebook) -> Rulebook:
    return Rulebook(**{s: [e for e in getattr(rulebook, s) if e.status != "draft"] for s in SECTIONS})


def test_extraction_keeps_the_reviewed_file(rulebook, extracted, docs):
    """Re-extracting changes no reviewed entry; the few rules no reviewer has seen come in as drafts."""
    merged = merge_rulebook(extracted, rulebook)
    assert reviewed_part(merged) == rulebook
    drafts = [e for e in merged.all_entries() if e.status == "draft"]
    texts = {d.name: d.text for d in docs}
    assert len(drafts) <= 5 and all(e.evidence and e.evidence in texts[e.source.file] for e in drafts)


def test_merge_keeps_hand_corrections_and_curated_fields(rulebook, extracted):
    data = rulebook.to_json()
    data["forbidden_phrases"][5]["text"] = "改过的"
    data["forbidden_phrases"][5]["hand_corrected"] = True
    data["forbidden_phrases"][0]["variants"] = ["你大点声"]
    merged = merge_rulebook(extracted, parse_rulebook(data))
    assert merged.by_id("fp-06").text == "改过的"
    assert merged.by_id("fp-01").variants == ["你大点声"]
    assert merged.by_id("fp-01").text == rulebook.by_id("fp-01").text


@pytest.mark.parametrize("content, field", [
    ("forbidden_phrases:\n- {id: fp-01, text: x, source: {file: a, article: b}, severity: huge}\n", "severity"),
    ("scenario_phrases:\n- {id: sp-x-1, text: x, source: {file: a, article: b}, scenario: nope, situation: y}\n",
     "scenario"),
    ("slas:\n- {id: sla-x-1, text: x, source: {file: a}, value: 3, unit: h, applies_to: y}\n", "article"),
    ("points:\n- {id: pt-1, text: x, source: {file: a, article: b}, kind: bonus, colour: red}\n", "colour"),
    ("forbidden_phrases: [\n", "YAML"),
    ("- just a list\n", "mapping"),
])
def test_invalid_yaml_names_file_and_field(tmp_path, content, field):
    path = tmp_path / "rulebook.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RulebookError) as err:
        load_rulebook(path)
    assert str(path) in str(err.value) and field in str(err.value)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(RulebookError, match="cannot read"):
        load_rulebook(tmp_path / "none.yaml")


def test_by_id_and_phrases_for(rulebook):
    assert rulebook.by_id("fp-06").text == "这个我不清楚"
    with pytest.raises(KeyError, match="fp-99"):
        rulebook.by_id("fp-99")
    assert rulebook.phrases_for("no_such_scenario") == []


def test_cli_rules_json_shape():
    result = CliRunner().invoke(cli.app, ["rules", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == list(SECTIONS)
    first = data["forbidden_phrases"][0]
    assert {"id", "text", "source", "hand_corrected", "variants", "category", "severity", "suggestion"} <= set(first)
    assert set(first["source"]) == {"file", "article"}
    assert {"scenario", "situation"} <= set(data["scenario_phrases"][0])
    assert {"value", "unit", "applies_to"} <= set(data["slas"][0])
    assert {"points", "kind", "money"} <= set(data["points"][0])


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A fresh data dir the CLI reads from the environment (settings are cached per process)."""
    from core.settings import get_settings

    monkeypatch.setenv("KEFU_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_cli_rules_extract_keeps_the_reviewed_rulebook(data_dir):
    """`kefu rules --extract` on the demo: every reviewed entry unchanged, the packaged seed never rewritten."""
    seed = RULEBOOK_PATH.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["rules", "--extract", "--json"])
    assert result.exit_code == 0, result.output
    written = load_rulebook(data_dir / "rulebook.yaml")
    assert reviewed_part(written) == load_rulebook() and RULEBOOK_PATH.read_text(encoding="utf-8") == seed
    drafts = [e for e in json.loads(result.stdout)["slas"] if e["status"] == "draft"]
    assert all(e["evidence"] for e in drafts)
