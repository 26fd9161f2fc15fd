"""The eval report trainers read: Chinese sentences on what passed and what regressed, raw metrics kept apart."""
from __future__ import annotations

import re

import pytest

from evals.report import metric_name, suite_title, trainer_report, trainer_summary
from evals.runner import SuiteResult
from evals.suite import SUITES_DIR

ENGLISH_KEY = re.compile(r"\b[a-z]+(?:[_@^][a-z0-9]+)+\b|\b(?:recall|precision|accuracy|mae|spearman|mrr|f1)\b")


def result(name: str, component: str, metrics: dict[str, float], bounds: dict[str, tuple[str, float]]) -> SuiteResult:
    thresholds = [{"metric": m, "op": op, "bound": bound, "value": metrics.get(m),
                   "passed": metrics.get(m, 0) >= bound if op == ">=" else metrics.get(m, 1) <= bound}
                  for m, (op, bound) in bounds.items()]
    return SuiteResult(name=name, component=component, path="", backend="offline", metrics=metrics,
                       thresholds=thresholds)


@pytest.mark.parametrize("suite", sorted(p.stem for p in SUITES_DIR.glob("*.yaml")))
def test_every_shipped_suite_has_a_chinese_title_without_file_names(suite):
    title = suite_title(SUITES_DIR / f"{suite}.yaml")
    assert re.search(r"[\u4e00-\u9fff]", title) and not re.search(r"\.(jsonl?|ya?ml)\b|[A-Za-z_]/", title)


def test_suite_titles_tell_the_suites_apart():
    titles = [suite_title(p) for p in SUITES_DIR.glob("*.yaml")]
    assert len(set(titles)) == len(titles)


@pytest.mark.parametrize("metric, words", [("recall", "检出率"), ("false_positive_rate", "误报率"),
                                           ("forbidden_phrase.recall", "服务禁语·检出率"), ("angry.f1", "愤怒·"),
                                           ("latency_p95_ms", "毫秒"), ("pass^k", "全部通过")])
def test_metric_names_read_in_chinese(metric, words):
    assert words in metric_name(metric) and not ENGLISH_KEY.search(metric_name(metric))


def test_summary_says_what_passed_and_what_failed_in_chinese():
    runs = [result("check", "check", {"recall": 0.95, "false_positive_rate": 0.02},
                   {"recall": (">=", 0.9), "false_positive_rate": ("<=", 0.05)}),
            result("grade", "grade", {"band_agreement": 0.7}, {"band_agreement": (">=", 0.8)})]
    text = trainer_summary(runs, None, {"check": "坐席话术违规检查", "grade": "评分校准"})
    assert "1 项通过，1 项未通过" in text
    failed, passed = text.split("#### 通过")[0], text.split("#### 通过")[1]
    assert "评分校准" in failed and "未达标" in failed and "要求不低于 0.80" in failed
    assert "坐席话术违规检查" in passed and "误报率 0.02（要求不高于 0.05）" in passed
    assert "第一次" in text and not ENGLISH_KEY.search(text)


@pytest.mark.parametrize("before, after, verdict", [(0.95, 0.80, "变差"), (0.80, 0.95, "变好")])
def test_a_second_run_says_what_moved_since_the_first(tmp_path, before, after, verdict):
    bounds = {"recall": (">=", 0.5)}
    first = trainer_report([result("check", "check", {"recall": before}, bounds)], {"check": "违规检查"}, tmp_path)
    assert "第一次" in first.summary
    # Another suite run in between must not erase the first suite's last figures.
    trainer_report([result("grade", "grade", {"spearman": 0.9}, {})], {"grade": "评分"}, tmp_path)
    second = trainer_report([result("check", "check", {"recall": after}, bounds)], {"check": "违规检查"}, tmp_path)
    moved = f"检出率从 {before:.2f} {'降到' if after < before else '升到'} {after:.2f}"
    assert f"1 项指标{verdict}" in second.summary and moved in second.summary
    assert "recall" in second.details and not ENGLISH_KEY.search(second.summary)  # raw keys only in the fold


def test_an_unreadable_previous_run_is_treated_as_the_first(tmp_path):
    (tmp_path / "metrics.json").write_text("不是 JSON", encoding="utf-8")
    report = trainer_report([result("check", "check", {"recall": 0.9}, {"recall": (">=", 0.5)})], {}, tmp_path)
    assert "第一次" in report.summary and "违规检查" in report.summary


def test_timings_that_move_with_the_machine_stay_out_of_the_trainers_summary(tmp_path):
    first = {"recall": 0.9, "latency_p95_ms": 8.0}
    trainer_report([result("check", "check", first, {})], {"check": "违规检查"}, tmp_path)
    second = trainer_report([result("check", "check", {**first, "latency_p95_ms": 30.0}, {})], {"check": "违规检查"},
                            tmp_path)
    assert "没有明显变化" in second.summary and "毫秒" not in second.summary
    assert "latency_p95_ms" in second.details
