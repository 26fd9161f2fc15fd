"""Suite files: the shipped suites load; a malformed one names the file, the line and the problem."""
from __future__ import annotations

import json

import pytest

from evals.suite import COMPONENTS, SUITES_DIR, SuiteError, load_suite, load_suites


def test_shipped_suites_cover_every_component():
    suites = load_suites([SUITES_DIR])
    assert {s.component for s in suites} == set(COMPONENTS)
    for suite in suites:
        assert suite.cases and suite.bounds(), suite.name


def test_where_selects_the_held_out_split():
    suite = load_suite(SUITES_DIR / "check.yaml")
    assert {c.split for c in suite.cases} == {"test"}


GOOD_HEAD = "name: t\ncomponent: emotion\n"
INLINE = "cases:\n  - text: 你们到底什么时候退款？\n    label: angry\n"


@pytest.mark.parametrize("body, line, problem", [
    (GOOD_HEAD + "cases: [\n  - text: 喂\n", 4, "not valid YAML"),
    ("name: t\ncomponent: refund\n" + INLINE, 2, "component"),
    (GOOD_HEAD + "cases:\n  - text: 你们到底什么时候退款？\n    label: furious\n", 5, "label"),
    (GOOD_HEAD + "cases:\n  - label: angry\n", 4, "text"),
    (GOOD_HEAD + INLINE + "thresholds:\n  accuracy: \"about 0.9\"\n", 7, "not a bound"),
    (GOOD_HEAD + INLINE + "thresholds:\n  recall@5: 0.9\n", 7, "unknown metric"),
    (GOOD_HEAD + INLINE + "repeats: 0\n", 6, "repeats"),
    (GOOD_HEAD + "cases: missing.jsonl\n", 3, "does not exist"),
    (GOOD_HEAD + "cases: lines/*.jsonl\n", 3, "no file matches"),
    (GOOD_HEAD + INLINE + "where: {split: nowhere}\n", 6, "no case left"),
    ("- just\n- a list\n", 1, "mapping"),
])
def test_malformed_suite_names_file_line_and_problem(tmp_path, body, line, problem):
    path = tmp_path / "broken.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SuiteError) as err:
        load_suite(path)
    message = str(err.value)
    assert message.startswith(f"{path}:{line}:"), message
    assert problem in message


def test_bad_case_file_line_is_named(tmp_path):
    lines = [json.dumps({"text": "谢谢你们，问题解决了", "label": "satisfied"}, ensure_ascii=False),
             json.dumps({"text": "听不清你说什么", "label": "noisy"}, ensure_ascii=False),
             '{"text": "你们这是什么服务", "label": "angry"']
    (tmp_path / "cases.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "s.yaml").write_text(GOOD_HEAD + "cases: cases.jsonl\n", encoding="utf-8")
    with pytest.raises(SuiteError, match=r"cases\.jsonl:3: not valid JSON"):
        load_suite(tmp_path / "s.yaml")


def test_a_pattern_pools_several_case_files(tmp_path):
    (tmp_path / "lines").mkdir()
    for domain, rows in {"bank": [("您的卡已经解冻了", "neutral", "test"), ("你自己不会看短信吗", "angry", "train")],
                         "telecom": [("信号断断续续的听不清", "noisy", "test")]}.items():
        (tmp_path / "lines" / f"{domain}.jsonl").write_text("\n".join(
            json.dumps({"text": t, "label": label, "split": split}, ensure_ascii=False) for t, label, split in rows),
            encoding="utf-8")
    (tmp_path / "s.yaml").write_text(GOOD_HEAD + "cases: lines/*.jsonl\nwhere: {split: test}\n", encoding="utf-8")
    suite = load_suite(tmp_path / "s.yaml")
    assert [(c.id, c.text) for c in suite.cases] == [("bank:1", "您的卡已经解冻了"), ("telecom:1", "信号断断续续的听不清")]


def test_the_pooled_corpus_suite_holds_every_domain_test_line():
    pooled = load_suite(SUITES_DIR / "check-corpus.yaml").cases
    parts = [load_suite(SUITES_DIR / f"check-{d}.yaml").cases for d in ("bank", "ecommerce", "telecom", "utilities")]
    assert sorted(c.text for c in pooled) == sorted(c.text for part in parts for c in part)


def test_bare_threshold_direction_follows_the_metric(tmp_path):
    (tmp_path / "s.yaml").write_text("name: t\ncomponent: check\ncases:\n  - text: 这事不归我管\n    label: violation\n"
                                     "thresholds:\n  recall: 0.9\n  false_positive_rate: 0.05\n", encoding="utf-8")
    bounds = {b.metric: b.op for b in load_suite(tmp_path / "s.yaml").bounds()}
    assert bounds == {"recall": ">=", "false_positive_rate": "<="}
